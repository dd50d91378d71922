import type {
  Approval,
  ApprovalDetail,
  ApprovalListQuery,
  ApprovalSubjectType,
  ApprovalTemplate,
  CreateDelegationRequest,
  Delegation,
  Page,
  SaveApprovalTemplateRequest,
} from '@liaison/contracts';
import { request } from './client.ts';

/** 审批: the three inboxes, one approval with its steps and timeline, decisions, delegations, templates. */

export type ApprovalFilters = Omit<ApprovalListQuery, 'page' | 'pageSize'>;
export type ApprovalDecision = 'approve' | 'reject' | 'return';

export const listApprovals = (filters: ApprovalFilters, page = 1, pageSize = 20) =>
  request<Page<Approval>>('/approvals', { query: { ...filters, page, pageSize } });
export const getApproval = (id: string) => request<ApprovalDetail>(`/approvals/${id}`);
export const decideApproval = (id: string, decision: ApprovalDecision, comment: string | null) =>
  request<ApprovalDetail>(`/approvals/${id}/decision`, { method: 'POST', body: { decision, comment } });
export const withdrawApproval = (id: string, comment: string | null) =>
  request<ApprovalDetail>(`/approvals/${id}/withdraw`, { method: 'POST', body: { comment } });

// 委托: someone decides in my place while I am away.
export const listDelegations = () => request<{ items: Delegation[] }>('/approvals/delegations');
export const createDelegation = (body: CreateDelegationRequest) =>
  request<Delegation>('/approvals/delegations', { method: 'POST', body });
export const deleteDelegation = (id: string) =>
  request<void>(`/approvals/delegations/${id}`, { method: 'DELETE' });

// Templates (approval.manage)
export const listApprovalTemplates = () => request<{ items: ApprovalTemplate[] }>('/approvals/templates');
/** The form's shape before the server fills in defaults (mode, condition, cc). */
export type ApprovalTemplateInput = SaveApprovalTemplateRequest;
export const saveApprovalTemplate = (subjectType: ApprovalSubjectType, body: ApprovalTemplateInput) =>
  request<ApprovalTemplate>(`/approvals/templates/${subjectType}`, { method: 'PUT', body });
