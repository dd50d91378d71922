import { AuditPage, AuditQuery, AuditVerification } from '@liaison/contracts';
import { attachment } from '../../platform/export/columns.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/export/xlsx.ts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(app: App, audit: AuditService): void {
  const tags = ['audit'];

  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        operationId: 'listAuditEntries',
        summary: 'Search the audit log',
        tags,
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    (request) => audit.list(request.query),
  );

  app.get(
    '/api/audit/export',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        operationId: 'exportAuditEntries',
        summary: 'Export matching audit entries to Excel',
        tags,
        querystring: AuditQuery,
        description: 'Matching entries as an .xlsx workbook.',
      },
    },
    async (request, reply) => {
      const { file, fileName } = await audit.exportXlsx(actorContext(request), request.query);
      return reply.type(XLSX_CONTENT_TYPE).header('content-disposition', attachment(fileName)).send(file);
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        operationId: 'verifyAuditChain',
        summary: "Verify the audit log's hash chain",
        tags,
        response: { 200: AuditVerification },
      },
    },
    () => audit.verify(),
  );
}
