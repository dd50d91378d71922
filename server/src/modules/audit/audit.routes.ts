import { AuditPage, AuditQuery, AuditVerification } from '@liaison/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(app: App, audit: AuditService): void {
  const tags = ['audit'];

  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags, querystring: AuditQuery, response: { 200: AuditPage } },
    },
    (request) => audit.list(request.query),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags, response: { 200: AuditVerification } },
    },
    () => audit.verify(),
  );
}
