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
import type { RequestSlaService } from './request-sla.service.ts';
import type { RequestsService } from './requests.service.ts';

export function requestsRoutes(app: App, requests: RequestsService, sla: RequestSlaService): void {
  const tags = ['requests'];
  const use = { access: { permission: 'request.use' } } as const;

  app.get(
    '/api/requests',
    {
      config: use,
      schema: {
        operationId: 'listRequests',
        summary: 'List cross-department requests',
        tags,
        querystring: DeptRequestListQuery,
        response: { 200: DeptRequestPage },
      },
    },
    (request) => requests.list(actorContext(request), request.query),
  );

  app.post(
    '/api/requests',
    {
      config: use,
      schema: {
        operationId: 'createRequest',
        summary: 'Raise a request to another department',
        tags,
        body: CreateDeptRequest,
        response: { 201: DeptRequestDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requests.create(actorContext(request), request.body)),
  );

  app.get(
    '/api/requests/report',
    {
      config: { access: { permission: 'request.read' } },
      schema: {
        operationId: 'getRequestReport',
        summary: 'The share of requests answered in time, per department',
        tags,
        querystring: RequestReportQuery,
        response: { 200: RequestReport },
      },
    },
    (request) => sla.report(actorContext(request), request.query),
  );

  app.get(
    '/api/requests/settings',
    {
      config: { access: { authenticated: true } },
      schema: {
        operationId: 'getRequestSettings',
        summary: 'The first-response target',
        tags,
        response: { 200: RequestSettings },
      },
    },
    () => sla.settings(),
  );

  app.put(
    '/api/requests/settings',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        operationId: 'setRequestSettings',
        summary: 'Set the first-response target',
        tags,
        body: RequestSettings.strict(),
        response: { 200: RequestSettings },
      },
    },
    (request) => sla.updateSettings(actorContext(request), request.body),
  );

  app.get(
    '/api/requests/:id',
    {
      config: use,
      schema: {
        operationId: 'getRequest',
        summary: 'Get a request with its timeline',
        tags,
        params: IdParams,
        response: { 200: DeptRequestDetail },
      },
    },
    (request) => requests.get(actorContext(request), request.params.id),
  );

  app.post(
    '/api/requests/:id/replies',
    {
      config: use,
      schema: {
        operationId: 'replyToRequest',
        summary: 'Answer a request',
        tags,
        params: IdParams,
        body: ReplyDeptRequest,
        response: { 200: DeptRequestDetail },
      },
    },
    (request) => requests.reply(actorContext(request), request.params.id, request.body.body),
  );

  app.post(
    '/api/requests/:id/assign',
    {
      config: use,
      schema: {
        operationId: 'assignRequest',
        summary: 'Hand a request to someone',
        tags,
        params: IdParams,
        body: AssignDeptRequest,
        response: { 200: DeptRequestDetail },
      },
    },
    (request) => requests.assign(actorContext(request), request.params.id, request.body.handlerId),
  );

  app.post(
    '/api/requests/:id/resolve',
    {
      config: use,
      schema: {
        operationId: 'resolveRequest',
        summary: 'Resolve a request',
        tags,
        params: IdParams,
        body: ResolveDeptRequest,
        response: { 200: DeptRequestDetail },
      },
    },
    (request) => requests.resolve(actorContext(request), request.params.id, request.body.body),
  );

  app.post(
    '/api/requests/:id/withdraw',
    {
      config: use,
      schema: {
        operationId: 'withdrawRequest',
        summary: 'Withdraw a request',
        tags,
        params: IdParams,
        body: z.strictObject({}).optional(),
        response: { 200: DeptRequestDetail },
      },
    },
    (request) => requests.withdraw(actorContext(request), request.params.id),
  );
}
