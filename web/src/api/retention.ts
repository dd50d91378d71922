import type {
  ChannelKind,
  CreateLegalHoldRequest,
  LegalHold,
  MessageArchive,
  RetentionPolicy,
} from '@liaison/contracts';
import { download, request } from './client.ts';

export const listRetentionPolicies = () => request<{ items: RetentionPolicy[] }>('/retention/policies');
export const updateRetentionPolicy = (kind: ChannelKind, keepDays: number) =>
  request<{ items: RetentionPolicy[] }>(`/retention/policies/${kind}`, { method: 'PUT', body: { keepDays } });
export const listLegalHolds = () => request<{ items: LegalHold[] }>('/retention/holds');
export const createLegalHold = (body: CreateLegalHoldRequest) =>
  request<LegalHold>('/retention/holds', { method: 'POST', body });
export const releaseLegalHold = (id: string) =>
  request<LegalHold>(`/retention/holds/${id}/release`, { method: 'POST' });
export const listArchives = (query: { channelId?: string; month?: string } = {}) =>
  request<{ items: MessageArchive[] }>('/archives', { query });
export const requestArchive = (channelId: string, month: string) =>
  request<{ queued: true }>('/archives', { method: 'POST', body: { channelId, month } });
export const downloadArchive = (archive: MessageArchive) =>
  download(
    `/archives/${archive.id}/download`,
    undefined,
    `${archive.channel.name}-${archive.month}.${archive.format}`,
  );
