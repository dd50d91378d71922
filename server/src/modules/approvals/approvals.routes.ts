import {
  ApprovalDetail,
  ApprovalListQuery,
  ApprovalPage,
  ApprovalSubjectType,
  ApprovalTemplate,
  CreateDelegationRequest,
  DecideApprovalRequest,
  Delegation,
  IdParams,
  SaveApprovalTemplateRequest,
  WithdrawApprovalRequest,
} from '@liaison/contracts';
import { z } from 'zod';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { ApprovalDelegationsService } from './approval-delegations.service.ts';
import type { ApprovalQueriesService } from './approval-queries.service.ts';
import type { ApprovalTemplatesService } from './approval-templates.service.ts';
import type { ApprovalsService } from './approvals.service.ts';

/** The approval services, one per concern. */
export interface ApprovalServices {
  approvals: ApprovalsService;
  queries: ApprovalQueriesService;
  templates: ApprovalTemplatesService;
  delegations: ApprovalDelegationsService;
}

export function approvalsRoutes(app: App, services: ApprovalServices): void {
  const { approvals, queries, templates, delegations } = services;
  const tags = ['approvals'];
  const use = { access: { permission: 'approval.use' } } as const;
  const manage = { access: { permission: 'approval.manage' } } as const;

  app.get(
    '/api/approvals',
    {
      config: use,
      schema: {
        operationId: 'listApprovals',
        summary: 'Approvals waiting for me, started by me or decided',
        tags,
        querystring: ApprovalListQuery,
        response: { 200: ApprovalPage },
      },
    },
    (request) => queries.list(actorContext(request), request.query),
  );

  app.get(
    '/api/approvals/templates',
    {
      config: manage,
      schema: {
        operationId: 'listApprovalTemplates',
        summary: 'List approval templates',
        tags,
        response: { 200: z.object({ items: z.array(ApprovalTemplate) }) },
      },
    },
    async () => ({ items: await templates.templates() }),
  );

  app.put(
    '/api/approvals/templates/:subjectType',
    {
      config: manage,
      schema: {
        operationId: 'saveApprovalTemplate',
        summary: 'Save the approval template of a subject type',
        tags,
        params: z.strictObject({ subjectType: ApprovalSubjectType }),
        body: SaveApprovalTemplateRequest,
        response: { 200: ApprovalTemplate },
      },
    },
    (request) => templates.saveTemplate(actorContext(request), request.params.subjectType, request.body),
  );

  app.get(
    '/api/approvals/delegations',
    {
      config: use,
      schema: {
        operationId: 'listDelegations',
        summary: "List one's delegations",
        tags,
        response: { 200: z.object({ items: z.array(Delegation) }) },
      },
    },
    async (request) => ({ items: await delegations.delegations(actorContext(request)) }),
  );

  app.post(
    '/api/approvals/delegations',
    {
      config: use,
      schema: {
        operationId: 'createDelegation',
        summary: "Delegate one's approvals while away",
        tags,
        body: CreateDelegationRequest,
        response: { 201: Delegation },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await delegations.createDelegation(actorContext(request), request.body)),
  );

  app.delete(
    '/api/approvals/delegations/:id',
    {
      config: use,
      schema: { operationId: 'deleteDelegation', summary: 'End a delegation', tags, params: IdParams },
    },
    async (request, reply) => {
      await delegations.deleteDelegation(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/approvals/:id',
    {
      config: use,
      schema: {
        operationId: 'getApproval',
        summary: 'Get an approval with its steps and timeline',
        tags,
        params: IdParams,
        response: { 200: ApprovalDetail },
      },
    },
    (request) => queries.get(actorContext(request), request.params.id),
  );

  app.post(
    '/api/approvals/:id/decision',
    {
      config: use,
      schema: {
        operationId: 'decideApproval',
        summary: 'Approve, reject or return an approval',
        tags,
        params: IdParams,
        body: DecideApprovalRequest,
        response: { 200: ApprovalDetail },
      },
    },
    (request) => approvals.decide(actorContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/approvals/:id/withdraw',
    {
      config: use,
      schema: {
        operationId: 'withdrawApproval',
        summary: "Withdraw one's approval request",
        tags,
        params: IdParams,
        body: WithdrawApprovalRequest,
        response: { 200: ApprovalDetail },
      },
    },
    (request) => approvals.withdraw(actorContext(request), request.params.id, request.body.comment),
  );
}
