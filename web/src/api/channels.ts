import type {
  Channel,
  ChannelMember,
  CreateChannelRequest,
  NamingRules,
  UpdateChannelRequest,
} from '@liaison/contracts';
import { request } from './client.ts';

/** The reader's channels; `all` lists every channel of the company (permission message.audit). */
export const listChannels = (includeArchived = true, scope: 'mine' | 'all' = 'mine') =>
  request<{ items: Channel[] }>('/channels', {
    query: { includeArchived, scope: scope === 'all' ? 'all' : undefined },
  });
export const getChannel = (id: string) => request<Channel>(`/channels/${id}`);
export const createChannel = (body: CreateChannelRequest) =>
  request<Channel>('/channels', { method: 'POST', body });
export const updateChannel = (id: string, body: UpdateChannelRequest) =>
  request<Channel>(`/channels/${id}`, { method: 'PATCH', body });
export const archiveChannel = (id: string, archived: boolean) =>
  request<Channel>(`/channels/${id}/archive`, { method: 'POST', body: { archived } });
export const listChannelMembers = (id: string) =>
  request<{ items: ChannelMember[] }>(`/channels/${id}/members`);
export const addChannelMembers = (id: string, userIds: string[]) =>
  request<{ items: ChannelMember[] }>(`/channels/${id}/members`, { method: 'POST', body: { userIds } });
export const removeChannelMember = (id: string, userId: string) =>
  request<void>(`/channels/${id}/members/${userId}`, { method: 'DELETE' });
export const markChannelRead = (id: string, seq?: number) =>
  request<{ lastReadSeq: number }>(`/channels/${id}/read`, {
    method: 'POST',
    body: seq === undefined ? {} : { seq },
  });
export const getNamingRules = () => request<NamingRules>('/channels/naming-rules');
export const updateNamingRules = (body: Partial<NamingRules>) =>
  request<NamingRules>('/channels/naming-rules', { method: 'PUT', body });
