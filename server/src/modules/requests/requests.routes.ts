import {
  AssignDeptRequest,
  CreateDeptRequest,
  DeptRequestDetail,
  DeptRequestListQuery,
  DeptRequestPage,
  IdParams,
  ReplyDeptRequest,
  RequestReport,
  RequestReportQuery,
  RequestSettings,
  ResolveDeptRequest,
} from '@liaison/contracts';
import { z } from 'zod';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { RequestsService } from './requests.service.ts';

export function requestsRoutes(app: App, requests: RequestsService): void {
  const tags = ['requests'];
  const use = { access: { permission: 'request.use' } } as const;

  app.get(
    '/api/requests',
    { config: use, schema: { tags, querystring: DeptRequestListQuery, response: { 200: DeptRequestPage } } },
    (request) => requests.list(actorContext(request), request.query),
  );

  app.post(
    '/api/requests',
    { config: use, schema: { tags, body: CreateDeptRequest, response: { 201: DeptRequestDetail } } },
    async (request, reply) =>
      reply.code(201).send(await requests.create(actorContext(request), request.body)),
  );

  app.get(
    '/api/requests/report',
    {
      config: { access: { permission: 'request.read' } },
      schema: { tags, querystring: RequestReportQuery, response: { 200: RequestReport } },
    },
    (request) => requests.report(actorContext(request), request.query),
  );

  app.get(
    '/api/requests/settings',
    { config: { access: { authenticated: true } }, schema: { tags, response: { 200: RequestSettings } } },
    () => requests.settings(),
  );

  app.put(
    '/api/requests/settings',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: { tags, body: RequestSettings.strict(), response: { 200: RequestSettings } },
    },
    (request) => requests.updateSettings(actorContext(request), request.body),
  );

  app.get(
    '/api/requests/:id',
    { config: use, schema: { tags, params: IdParams, response: { 200: DeptRequestDetail } } },
    (request) => requests.get(actorContext(request), request.params.id),
  );

  app.post(
    '/api/requests/:id/replies',
    {
      config: use,
      schema: { tags, params: IdParams, body: ReplyDeptRequest, response: { 200: DeptRequestDetail } },
    },
    (request) => requests.reply(actorContext(request), request.params.id, request.body.body),
  );

  app.post(
    '/api/requests/:id/assign',
    {
      config: use,
      schema: { tags, params: IdParams, body: AssignDeptRequest, response: { 200: DeptRequestDetail } },
    },
    (request) => requests.assign(actorContext(request), request.params.id, request.body.handlerId),
  );

  app.post(
    '/api/requests/:id/resolve',
    {
      config: use,
      schema: { tags, params: IdParams, body: ResolveDeptRequest, response: { 200: DeptRequestDetail } },
    },
    (request) => requests.resolve(actorContext(request), request.params.id, request.body.body),
  );

  app.post(
    '/api/requests/:id/withdraw',
    {
      config: use,
      schema: {
        tags,
        params: IdParams,
        body: z.strictObject({}).optional(),
        response: { 200: DeptRequestDetail },
      },
    },
    (request) => requests.withdraw(actorContext(request), request.params.id),
  );
}
