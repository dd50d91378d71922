import type { AuditPage, AuditVerification } from '@liaison/contracts';
import { download, request } from './client.ts';

/** AuditQuery without the paging fields, as the filter bar holds it. */
export interface AuditFilters {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

export const listAudit = (filters: AuditFilters, before?: number, limit = 50) =>
  request<AuditPage>('/audit', { query: { ...filters, before, limit } });
export const verifyAudit = () => request<AuditVerification>('/audit/verify');
export const exportAudit = (filters: AuditFilters) => download('/audit/export', { ...filters }, 'audit.xlsx');
