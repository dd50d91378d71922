import { z } from 'zod';
import { Id, Str, Timestamp, UserRef } from './common.ts';

export const MessageSearchQuery = z.strictObject({
  q: Str.trim().min(1).max(200),
  channelId: Id.optional(),
  authorId: Id.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type MessageSearchQuery = z.infer<typeof MessageSearchQuery>;

export const MessageSearchHit = z.object({
  messageId: Id,
  channel: z.object({ id: Id, name: z.string(), kind: z.string() }),
  seq: z.number().int(),
  threadId: Id.nullable(),
  author: UserRef.nullable(),
  createdAt: Timestamp,
  /** A window of the message text around the first match. */
  snippet: z.string(),
  /** [start, end) character ranges in `snippet` to highlight. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type MessageSearchHit = z.infer<typeof MessageSearchHit>;

export const MessageSearchResult = z.object({
  items: z.array(MessageSearchHit),
  /** Whether another page follows (ask again with offset + limit). */
  hasMore: z.boolean(),
  /** The words the query was split into (分词), as the index saw them. */
  terms: z.array(z.string()),
});
export type MessageSearchResult = z.infer<typeof MessageSearchResult>;
