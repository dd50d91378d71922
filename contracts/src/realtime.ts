import { z } from 'zod';
import { Id } from './common.ts';
import { Message } from './messages.ts';
import { Notification } from './notifications.ts';

/**
 * Events pushed over the WebSocket at /api/ws. Every event has a global, increasing `seq`; a
 * client keeps the last one it saw and sends it when it reconnects to get what it missed.
 */
export const RealtimeEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message.created'), channelId: Id, message: Message }),
  z.object({ type: z.literal('message.updated'), channelId: Id, message: Message }),
  z.object({ type: z.literal('message.deleted'), channelId: Id, message: Message }),
  z.object({ type: z.literal('channel.updated'), channelId: Id }),
  /**
   * The reader was added to or removed from a channel (`channelId`), or to or from several (null:
   * a department or team change); the channel list is fetched again.
   */
  z.object({ type: z.literal('membership.changed'), channelId: Id.nullable() }),
  z.object({ type: z.literal('read.updated'), channelId: Id, userId: Id, lastReadSeq: z.number().int() }),
  /**
   * To its sender only: one of their messages was held for review, approved or rejected. Its id
   * only, never its text (the log is replayed for days): fetch `GET /api/channels/:id/held`.
   */
  z.object({ type: z.literal('held.updated'), channelId: Id, heldId: Id }),
  /** To its recipient: a new notice in their inbox. */
  z.object({ type: z.literal('notification.created'), notification: Notification }),
  /** To its recipient: notices were marked read (on another tab or device). */
  z.object({ type: z.literal('notification.read'), unread: z.number().int() }),
  /** To the people involved: a task changed (board and lists refresh it). */
  z.object({ type: z.literal('task.changed'), taskId: Id }),
  /** To everyone signed in: an announcement was published, corrected or withdrawn (feeds refetch). */
  z.object({ type: z.literal('announcement.changed'), announcementId: Id }),
  /** To the people involved: an approval moved (inboxes and timelines refetch). */
  z.object({ type: z.literal('approval.changed'), approvalId: Id }),
]);
export type RealtimeEvent = z.infer<typeof RealtimeEvent>;

/** Frames the server sends. */
export type ServerFrame =
  | { type: 'ready'; lastSeq: number }
  | { type: 'event'; seq: number; event: RealtimeEvent }
  /** The client was away too long for the server to replay; reload state, then continue from lastSeq. */
  | { type: 'resync'; lastSeq: number }
  | { type: 'pong' };

/** Frames the client sends. */
export const ClientFrame = z.discriminatedUnion('type', [
  /** First frame after connecting: the last event seq seen (0 for a fresh client). */
  z.strictObject({ type: z.literal('resume'), lastSeq: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** Close codes (RFC 6455 private range) the server uses, so clients can react by number. */
export const WS_CLOSE = {
  unauthenticated: 4401,
  forbiddenOrigin: 4403,
  malformedFrame: 4400,
  tooSlow: 4408,
  shuttingDown: 1001,
} as const;
