import type { Attachment, HeldMessage } from '@liaison/contracts';
import type { Transaction } from 'kysely';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { HeldRow } from './review.repository.ts';

export type { HeldRow };

/** A file of a message as communication control reads it (its name is scanned with the text). */
export interface ControlAttachment {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
}

/** A held message's text, opened: as written, and as delivered when a redact rule masked part. */
export interface HeldText {
  body: string;
  deliveredBody: string | null;
}

/**
 * What communication control needs from the module whose messages it holds. The messages module
 * passes it in at wiring, so control never imports messages (messages asks control first, so the
 * dependency runs one way only).
 */
export interface HeldMessagesPort {
  /** Delivers an approved held message inside the reviewer's transaction. */
  deliver(trx: Transaction<DB>, held: HeldRow, text: HeldText): Promise<void>;
  /** The files a held message or a control event names, by id. */
  attachments(db: Executor, ids: readonly string[]): Promise<ControlAttachment[]>;
}

/**
 * How many messages the sender posted in the channel since the instant (with `body`: of exactly
 * that text), for flooding and repetition rules. The messages module counts its own rows.
 */
export type RecentPosts = (since: string, body?: string) => Promise<number>;

export function toAttachmentView(a: ControlAttachment): Attachment {
  return { id: a.id, fileName: a.file_name, contentType: a.content_type, size: Number(a.size) };
}

/** A held message as its sender sees it; `body` is the opened text. */
export function toHeld(
  row: Omit<HeldRow, 'control_event_id' | 'body' | 'delivered_body'>,
  body: string,
  attachments: readonly ControlAttachment[],
): HeldMessage {
  return {
    id: row.id,
    channelId: row.channel_id,
    body,
    threadId: row.thread_root_id,
    attachments: attachments.map(toAttachmentView),
    status: row.status,
    rules: JSON.parse(row.rules) as string[],
    reviewComment: row.review_comment,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    clientId: row.client_id,
  };
}
