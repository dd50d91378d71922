import type {
  Attachment,
  HeldMessage,
  Message,
  MessageHistory,
  MessagePage,
  MessageSearchResult,
  PostMessageRequest,
} from '@liaison/contracts';
import { request, requestWithStatus } from './client.ts';

/** One page of a channel's top-level messages, or of one thread's replies (ascending seq). */
export interface MessagePageParams {
  before?: number;
  after?: number;
  limit?: number;
  threadId?: string;
  pinned?: boolean;
}

export const listMessages = (channelId: string, params: MessagePageParams) =>
  request<MessagePage>(`/channels/${channelId}/messages`, {
    query: { ...params, pinned: params.pinned ? 'true' : undefined },
  });
/** One message of a channel (any reader), e.g. a thread's root that is not on screen. */
export const getMessage = (channelId: string, messageId: string) =>
  request<Message>(`/channels/${channelId}/messages/${messageId}`);
/** What a post became: delivered (201), or held by a communication policy for review (202). */
export type PostOutcome = { kind: 'created'; message: Message } | { kind: 'held'; held: HeldMessage };

export async function postMessage(channelId: string, body: PostMessageRequest): Promise<PostOutcome> {
  const answer = await requestWithStatus<Message | HeldMessage>(`/channels/${channelId}/messages`, {
    method: 'POST',
    body,
  });
  return answer.status === 202
    ? { kind: 'held', held: answer.body as HeldMessage }
    : { kind: 'created', message: answer.body as Message };
}
/** `confirmed`: the author confirms an edit a `warn` policy asked about (with a reason if asked). */
export const editMessage = (
  channelId: string,
  messageId: string,
  body: string,
  confirmed?: { justification?: string },
) =>
  request<Message>(`/channels/${channelId}/messages/${messageId}`, {
    method: 'PATCH',
    body: confirmed ? { body, confirm: true, ...confirmed } : { body },
  });
export const deleteMessage = (channelId: string, messageId: string, reason?: string) =>
  request<Message>(`/channels/${channelId}/messages/${messageId}`, {
    method: 'DELETE',
    body: reason ? { reason } : {},
  });
export const pinMessage = (channelId: string, messageId: string, pinned: boolean) =>
  request<Message>(`/channels/${channelId}/messages/${messageId}/pin`, { method: 'POST', body: { pinned } });
export const messageHistory = (channelId: string, messageId: string) =>
  request<MessageHistory>(`/channels/${channelId}/messages/${messageId}/history`);

export function uploadAttachment(channelId: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<Attachment>(`/channels/${channelId}/attachments`, { method: 'POST', body: form });
}

/** Same-origin, so the session cookie rides along; images are served inline and work in <img>. */
export const attachmentUrl = (id: string) => `/api/attachments/${id}`;

export interface SearchParams {
  q: string;
  channelId?: string;
  authorId?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export const searchMessages = (params: SearchParams) =>
  request<MessageSearchResult>('/search/messages', { query: { ...params } });
