import type {
  AnomalyAlert,
  AnomalyAlertQuery,
  ControlEvent,
  ControlEventQuery,
  ControlPolicy,
  Detector,
  ExternalRecord,
  ExternalRecordQuery,
  HeldMessage,
  Page,
  PolicyTestResult,
  ReviewRequest,
  SaveDetectorRequest,
  SavePolicyRequest,
} from '@liaison/contracts';
import { download, request } from './client.ts';

/** 沟通控制: detectors, policies, the review queue, the external record and anomaly alerts. */

// Detectors (control.manage)
export const listDetectors = () => request<{ items: Detector[] }>('/control/detectors');
export const createDetector = (body: SaveDetectorRequest) =>
  request<Detector>('/control/detectors', { method: 'POST', body });
export const updateDetector = (id: string, body: SaveDetectorRequest) =>
  request<Detector>(`/control/detectors/${id}`, { method: 'PUT', body });
export const deleteDetector = (id: string) => request<void>(`/control/detectors/${id}`, { method: 'DELETE' });

// Policies (control.manage)
export const listPolicies = () => request<{ items: ControlPolicy[] }>('/control/policies');
export const getPolicy = (id: string) => request<ControlPolicy>(`/control/policies/${id}`);
export const createPolicy = (body: SavePolicyRequest) =>
  request<ControlPolicy>('/control/policies', { method: 'POST', body });
export const updatePolicy = (id: string, body: SavePolicyRequest) =>
  request<ControlPolicy>(`/control/policies/${id}`, { method: 'PUT', body });
export const deletePolicy = (id: string) => request<void>(`/control/policies/${id}`, { method: 'DELETE' });
/** 试一试: the enabled policies' verdict on a sample text; nothing is sent or recorded. */
export const testPolicies = (text: string, channelId?: string) =>
  request<PolicyTestResult>('/control/test', { method: 'POST', body: { text, channelId } });

// Review queue (control.review)
/** ControlEventQuery as the filter bar holds it (paging apart). */
export type ControlEventFilters = Omit<ControlEventQuery, 'page' | 'pageSize'>;

export const listControlEvents = (filters: ControlEventFilters, page = 1, pageSize = 20) =>
  request<Page<ControlEvent>>('/control/events', { query: { ...filters, page, pageSize } });
export const getControlEvent = (id: string) => request<ControlEvent>(`/control/events/${id}`);
export const decideControlEvent = (id: string, body: ReviewRequest) =>
  request<ControlEvent>(`/control/events/${id}/decision`, { method: 'POST', body });

// External communication record (control.review)
export type ExternalRecordFilters = Omit<ExternalRecordQuery, 'page' | 'pageSize'>;

export const listExternalRecords = (filters: ExternalRecordFilters, page = 1, pageSize = 20) =>
  request<Page<ExternalRecord>>('/control/records', { query: { ...filters, page, pageSize } });
export const exportExternalRecords = (filters: ExternalRecordFilters) =>
  download('/control/records/export', { ...filters }, 'external-records.xlsx');

// Anomaly alerts (control.review)
export type AlertFilters = Omit<AnomalyAlertQuery, 'page' | 'pageSize'>;

export const listAlerts = (filters: AlertFilters, page = 1, pageSize = 20) =>
  request<Page<AnomalyAlert>>('/control/alerts', { query: { ...filters, page, pageSize } });
export const acknowledgeAlert = (id: string, comment: string | null) =>
  request<AnomalyAlert>(`/control/alerts/${id}/acknowledge`, { method: 'POST', body: { comment } });

// The sender's side (message.use)
/** The caller's own held (and recently decided) messages in a channel. */
export const listHeld = (channelId: string) =>
  request<{ items: HeldMessage[] }>(`/channels/${channelId}/held`);
