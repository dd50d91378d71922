import {
  ArchiveListQuery,
  ChannelKindParams,
  CreateArchiveRequest,
  CreateLegalHoldRequest,
  IdParams,
  LegalHold,
  LegalHoldList,
  MessageArchiveList,
  RetentionPolicyList,
  UpdateRetentionPolicyRequest,
} from '@liaison/contracts';
import { z } from 'zod';
import { attachment } from '../../platform/export/columns.ts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { RetentionService } from './retention.service.ts';

export function retentionRoutes(app: App, retention: RetentionService): void {
  const tags = ['retention'];
  const manage = { access: { permission: 'retention.manage' } } as const;
  const audit = { access: { permission: 'message.audit' } } as const;

  app.get(
    '/api/retention/policies',
    {
      config: manage,
      schema: {
        operationId: 'listRetentionPolicies',
        summary: 'List retention periods per channel kind',
        tags,
        response: { 200: RetentionPolicyList },
      },
    },
    async () => ({ items: await retention.policies() }),
  );

  app.put(
    '/api/retention/policies/:kind',
    {
      config: manage,
      schema: {
        operationId: 'setRetentionPolicy',
        summary: 'Set the retention period of a channel kind',
        tags,
        params: ChannelKindParams,
        body: UpdateRetentionPolicyRequest,
        response: { 200: RetentionPolicyList },
      },
    },
    async (request) => ({
      items: await retention.updatePolicy(actorContext(request), request.params.kind, request.body.keepDays),
    }),
  );

  app.get(
    '/api/retention/holds',
    {
      config: manage,
      schema: {
        operationId: 'listLegalHolds',
        summary: 'List legal holds',
        tags,
        response: { 200: LegalHoldList },
      },
    },
    async () => ({ items: await retention.holds() }),
  );

  app.post(
    '/api/retention/holds',
    {
      config: manage,
      schema: {
        operationId: 'createLegalHold',
        summary: 'Place a legal hold',
        tags,
        body: CreateLegalHoldRequest,
        response: { 201: LegalHold },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await retention.createHold(actorContext(request), request.body)),
  );

  app.post(
    '/api/retention/holds/:id/release',
    {
      config: manage,
      schema: {
        operationId: 'releaseLegalHold',
        summary: 'Release a legal hold',
        tags,
        params: IdParams,
        response: { 200: LegalHold },
      },
    },
    (request) => retention.releaseHold(actorContext(request), request.params.id),
  );

  app.get(
    '/api/archives',
    {
      config: audit,
      schema: {
        operationId: 'listArchives',
        summary: 'List monthly message archives',
        tags,
        querystring: ArchiveListQuery,
        response: { 200: MessageArchiveList },
      },
    },
    async (request) => ({ items: await retention.archives(request.query) }),
  );

  app.post(
    '/api/archives',
    {
      config: audit,
      schema: {
        operationId: 'createArchive',
        summary: 'Archive a channel-month now',
        tags,
        body: CreateArchiveRequest,
        response: { 202: z.object({ queued: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      await retention.requestArchive(actorContext(request), request.body.channelId, request.body.month);
      return reply.code(202).send({ queued: true as const });
    },
  );

  app.get(
    '/api/archives/:id/download',
    {
      config: audit,
      schema: {
        operationId: 'downloadArchive',
        summary: 'Download an archive (audited)',
        tags,
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { archive, stream, fileName } = await retention.download(
        actorContext(request),
        request.params.id,
      );
      return reply
        .type(archive.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', attachment(fileName))
        .send(stream);
    },
  );
}
