import { z } from 'zod';
import { Id, Str, Timestamp, UserRef } from './common.ts';

export const MESSAGE_BODY_MAX = 10_000;

export const Attachment = z
  .object({
    id: Id,
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof Attachment>;

export const Message = z
  .object({
    id: Id,
    channelId: Id,
    /** Position in the channel, gap-free and increasing: the paging cursor and read position. */
    seq: z.number().int(),
    author: UserRef.nullable(),
    /** Markdown source; clients render a safe subset (no HTML). Empty when deleted. */
    body: z.string(),
    threadId: Id.nullable(),
    replyCount: z.number().int(),
    lastReplyAt: Timestamp.nullable(),
    /** User ids mentioned; `mentionsChannel` for @channel / @所有人. */
    mentions: z.array(Id),
    mentionsChannel: z.boolean(),
    attachments: z.array(Attachment),
    editedAt: Timestamp.nullable(),
    deletedAt: Timestamp.nullable(),
    /** Set when the channel owner removed it for moderation. */
    deletedReason: z.string().nullable(),
    pinnedAt: Timestamp.nullable(),
    /** A control policy masked part of the text before delivery (compliance keeps the original). */
    redacted: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const MessagePage = z.object({
  items: z.array(Message),
  /** Pass as `before` for older messages; null when the beginning is reached. */
  nextBefore: z.number().int().nullable(),
  /** Whether more messages follow in the direction asked for (older, or newer with `after`). */
  hasMore: z.boolean(),
});
export type MessagePage = z.infer<typeof MessagePage>;

export const MessageListQuery = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Replies of one thread instead of the channel's top-level messages. */
  threadId: Id.optional(),
  pinned: z.enum(['true', 'false']).optional(),
});
export type MessageListQuery = z.infer<typeof MessageListQuery>;

export const PostMessageRequest = z
  .strictObject({
    /** May be empty only when files are attached. */
    body: Str.trim().max(MESSAGE_BODY_MAX),
    threadId: Id.optional(),
    attachmentIds: z.array(Id).max(10).optional(),
    /** Lets a client retry a post without creating it twice. */
    clientId: Str.min(1).max(64).optional(),
    /** The sender confirms a post a `warn` policy asked about (after 409 policy_confirmation_required). */
    confirm: z.boolean().optional(),
    /** Why the sender continues, when the warning asks for a reason. */
    justification: Str.trim().max(500).optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0, {
    path: ['body'],
    message: 'write something or attach a file',
  });
export type PostMessageRequest = z.infer<typeof PostMessageRequest>;

export const EditMessageRequest = z.strictObject({
  body: Str.trim().min(1).max(MESSAGE_BODY_MAX),
  /** As for a post: the author confirms an edit a `warn` policy asked about, with a reason if asked. */
  confirm: z.boolean().optional(),
  justification: Str.trim().max(500).optional(),
});
export type EditMessageRequest = z.infer<typeof EditMessageRequest>;

export const DeleteMessageRequest = z.strictObject({
  /** Required when someone other than the author removes it (moderation). */
  reason: Str.trim().min(1).max(500).optional(),
});

export const PinMessageRequest = z.strictObject({ pinned: z.boolean() });

export const MessageParams = z.strictObject({ id: Id, messageId: Id });

/** A message's history for compliance: the original and each edit, in order. */
export const MessageRevision = z.object({
  body: z.string(),
  editedBy: UserRef.nullable(),
  at: Timestamp,
  /** `redact`: what the recipients got after a control policy masked part of the original. */
  kind: z.enum(['original', 'edit', 'delete', 'redact']),
  reason: z.string().nullable(),
});
export const MessageHistory = z.object({ message: Message, revisions: z.array(MessageRevision) });
export type MessageHistory = z.infer<typeof MessageHistory>;

export const AttachmentParams = z.strictObject({ id: Id });
