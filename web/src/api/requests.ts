import type {
  CreateDeptRequest,
  DeptRequest,
  DeptRequestDetail,
  DeptRequestListQuery,
  Page,
  RequestReport,
  RequestSettings,
} from '@liaison/contracts';
import { request } from './client.ts';

/** 跨部门请求: the inboxes, one request with its timeline, its actions, the report and the SLA. */

export type RequestFilters = Omit<DeptRequestListQuery, 'page' | 'pageSize'>;

export const listRequests = (filters: RequestFilters, page = 1, pageSize = 20) =>
  request<Page<DeptRequest>>('/requests', { query: { ...filters, page, pageSize } });
export const getRequest = (id: string) => request<DeptRequestDetail>(`/requests/${id}`);
export type NewDeptRequest = Partial<CreateDeptRequest> &
  Pick<CreateDeptRequest, 'toDepartmentId' | 'title' | 'body'>;
export const createRequest = (body: NewDeptRequest) =>
  request<DeptRequestDetail>('/requests', { method: 'POST', body });
export const replyToRequest = (id: string, body: string) =>
  request<DeptRequestDetail>(`/requests/${id}/replies`, { method: 'POST', body: { body } });
export const assignRequest = (id: string, handlerId: string) =>
  request<DeptRequestDetail>(`/requests/${id}/assign`, { method: 'POST', body: { handlerId } });
export const resolveRequest = (id: string, body: string | null) =>
  request<DeptRequestDetail>(`/requests/${id}/resolve`, { method: 'POST', body: { body } });
export const withdrawRequest = (id: string) =>
  request<DeptRequestDetail>(`/requests/${id}/withdraw`, { method: 'POST', body: {} });

// 响应及时率 (request.read)
export const requestReport = (from: string, to: string) =>
  request<RequestReport>('/requests/report', { query: { from, to } });

// First-response hours (read: anyone; write: calendar.manage)
export const getRequestSettings = () => request<RequestSettings>('/requests/settings');
export const updateRequestSettings = (body: RequestSettings) =>
  request<RequestSettings>('/requests/settings', { method: 'PUT', body });
