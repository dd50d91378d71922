import type { Message } from '@liaison/contracts';

/** A message for tests; only what a test cares about needs saying. */
export function message(partial: Partial<Message> & { seq: number }): Message {
  return {
    id: `m${partial.seq}`,
    channelId: 'c1',
    author: { id: 'u1', username: 'chen.jing', displayName: '陈静' },
    body: `message ${partial.seq}`,
    threadId: null,
    replyCount: 0,
    lastReplyAt: null,
    mentions: [],
    mentionsChannel: false,
    attachments: [],
    editedAt: null,
    deletedAt: null,
    deletedReason: null,
    pinnedAt: null,
    redacted: false,
    createdAt: '2026-11-20T02:00:00.000Z',
    ...partial,
  };
}
