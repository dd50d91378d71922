import {
  AcknowledgeAlertRequest,
  AnomalyAlert,
  AnomalyAlertPage,
  AnomalyAlertQuery,
  ControlEvent,
  ControlEventPage,
  ControlEventQuery,
  ControlPolicy,
  ControlPolicyList,
  Detector,
  DetectorList,
  ExternalRecordPage,
  ExternalRecordQuery,
  HeldMessageList,
  IdParams,
  PolicyTestRequest,
  PolicyTestResult,
  ReviewRequest,
  SaveDetectorRequest,
  SavePolicyRequest,
} from '@liaison/contracts';
import { attachment } from '../../platform/export/columns.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/export/xlsx.ts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { AnomaliesService } from './anomalies.service.ts';
import type { PoliciesService } from './policies.service.ts';
import type { RecordsService } from './records.service.ts';
import type { ReviewService } from './review.service.ts';

export interface ControlRouteServices {
  policies: PoliciesService;
  review: ReviewService;
  records: RecordsService;
  anomalies: AnomaliesService;
}

/** Communication control: detectors and policies, the review queue, the external record, alerts. */
export function controlRoutes(app: App, s: ControlRouteServices): void {
  const tags = ['control'];
  const manage = { access: { permission: 'control.manage' } } as const;
  const reviewer = { access: { permission: 'control.review' } } as const;

  app.get(
    '/api/control/detectors',
    {
      config: manage,
      schema: {
        operationId: 'listDetectors',
        summary: 'List built-in and custom detectors',
        tags,
        response: { 200: DetectorList },
      },
    },
    async () => ({ items: await s.policies.detectors() }),
  );
  app.post(
    '/api/control/detectors',
    {
      config: manage,
      schema: {
        operationId: 'createDetector',
        summary: 'Create a keyword, regex or label detector',
        tags,
        body: SaveDetectorRequest,
        response: { 201: Detector },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await s.policies.createDetector(actorContext(request), request.body)),
  );
  app.put(
    '/api/control/detectors/:id',
    {
      config: manage,
      schema: {
        operationId: 'updateDetector',
        summary: 'Update a custom detector',
        tags,
        params: IdParams,
        body: SaveDetectorRequest,
        response: { 200: Detector },
      },
    },
    (request) => s.policies.updateDetector(actorContext(request), request.params.id, request.body),
  );
  app.delete(
    '/api/control/detectors/:id',
    {
      config: manage,
      schema: { operationId: 'deleteDetector', summary: 'Delete a custom detector', tags, params: IdParams },
    },
    async (request, reply) => {
      await s.policies.deleteDetector(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/control/policies',
    {
      config: manage,
      schema: {
        operationId: 'listPolicies',
        summary: 'List communication-control policies',
        tags,
        response: { 200: ControlPolicyList },
      },
    },
    async () => ({ items: await s.policies.policies() }),
  );
  app.get(
    '/api/control/policies/:id',
    {
      config: manage,
      schema: {
        operationId: 'getPolicy',
        summary: 'Get a policy',
        tags,
        params: IdParams,
        response: { 200: ControlPolicy },
      },
    },
    (request) => s.policies.policy(request.params.id),
  );
  app.post(
    '/api/control/policies',
    {
      config: manage,
      schema: {
        operationId: 'createPolicy',
        summary: 'Create a policy',
        tags,
        body: SavePolicyRequest,
        response: { 201: ControlPolicy },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await s.policies.createPolicy(actorContext(request), request.body)),
  );
  app.put(
    '/api/control/policies/:id',
    {
      config: manage,
      schema: {
        operationId: 'updatePolicy',
        summary: 'Update a policy',
        tags,
        params: IdParams,
        body: SavePolicyRequest,
        response: { 200: ControlPolicy },
      },
    },
    (request) => s.policies.updatePolicy(actorContext(request), request.params.id, request.body),
  );
  app.delete(
    '/api/control/policies/:id',
    {
      config: manage,
      schema: { operationId: 'deletePolicy', summary: 'Delete a policy', tags, params: IdParams },
    },
    async (request, reply) => {
      await s.policies.deletePolicy(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/control/test',
    {
      config: manage,
      schema: {
        operationId: 'testPolicies',
        summary: 'Try a text against the policies without sending it',
        tags,
        body: PolicyTestRequest,
        response: { 200: PolicyTestResult },
      },
    },
    (request) => s.policies.test(actorContext(request), request.body),
  );

  app.get(
    '/api/control/events',
    {
      config: reviewer,
      schema: {
        operationId: 'listControlEvents',
        summary: 'The review queue of matched communications',
        tags,
        querystring: ControlEventQuery,
        response: { 200: ControlEventPage },
      },
    },
    (request) => s.review.list(request.query),
  );
  app.get(
    '/api/control/events/:id',
    {
      config: reviewer,
      schema: {
        operationId: 'getControlEvent',
        summary: 'Open a matched communication (audited)',
        tags,
        params: IdParams,
        response: { 200: ControlEvent },
      },
    },
    (request) => s.review.open(actorContext(request), request.params.id),
  );
  app.post(
    '/api/control/events/:id/decision',
    {
      config: reviewer,
      schema: {
        operationId: 'reviewControlEvent',
        summary: 'Approve or reject a held message',
        tags,
        params: IdParams,
        body: ReviewRequest,
        response: { 200: ControlEvent },
      },
    },
    (request) => s.review.decide(actorContext(request), request.params.id, request.body),
  );

  app.get(
    '/api/control/records',
    {
      config: reviewer,
      schema: {
        operationId: 'listExternalRecords',
        summary: 'The record of external communication',
        tags,
        querystring: ExternalRecordQuery,
        response: { 200: ExternalRecordPage },
      },
    },
    (request) => s.records.list(request.query),
  );
  app.get(
    '/api/control/records/export',
    {
      config: reviewer,
      schema: {
        operationId: 'exportExternalRecords',
        summary: 'Export the external-communication record to Excel',
        tags,
        querystring: ExternalRecordQuery,
        description: 'Matching records as an .xlsx workbook.',
      },
    },
    async (request, reply) => {
      const { page: _p, pageSize: _s, ...filters } = request.query;
      const { file, fileName } = await s.records.exportXlsx(actorContext(request), filters);
      return reply.type(XLSX_CONTENT_TYPE).header('content-disposition', attachment(fileName)).send(file);
    },
  );

  app.get(
    '/api/control/alerts',
    {
      config: reviewer,
      schema: {
        operationId: 'listAnomalyAlerts',
        summary: 'List anomaly alerts',
        tags,
        querystring: AnomalyAlertQuery,
        response: { 200: AnomalyAlertPage },
      },
    },
    (request) => s.anomalies.list(request.query),
  );
  app.post(
    '/api/control/alerts/:id/acknowledge',
    {
      config: reviewer,
      schema: {
        operationId: 'acknowledgeAnomalyAlert',
        summary: 'Acknowledge an anomaly alert',
        tags,
        params: IdParams,
        body: AcknowledgeAlertRequest,
        response: { 200: AnomalyAlert },
      },
    },
    (request) =>
      s.anomalies.acknowledge(actorContext(request), request.params.id, request.body.comment ?? null),
  );

  // The sender's side: their own held (and recently decided) messages in a channel.
  app.get(
    '/api/channels/:id/held',
    {
      config: { access: { permission: 'message.use' } },
      schema: {
        operationId: 'listHeldMessages',
        summary: "One's messages held for review in a channel",
        tags,
        params: IdParams,
        response: { 200: HeldMessageList },
      },
    },
    async (request) => ({ items: await s.review.heldOf(actorContext(request), request.params.id) }),
  );
}
