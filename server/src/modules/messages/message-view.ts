import type { Attachment, Message, UserRef } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';
import * as repo from './messages.repository.ts';

/** Who people are, asked of the users module (messages store ids only). Passed in at wiring. */
export interface MessagePeople {
  /** People by id, as references; unknown ids are absent. One query. */
  refs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>>;
  /** Accounts by username (for @mentions); unknown names are absent. */
  idsByUsernames(db: Executor, usernames: readonly string[]): Promise<{ id: string; username: string }[]>;
}

/** Turns message rows into what clients see: their files and their authors, a query each per batch. */
export class MessagePresenter {
  readonly #people: MessagePeople;

  constructor(people: MessagePeople) {
    this.#people = people;
  }

  async present(db: Executor, rows: readonly repo.MessageRow[]): Promise<Message[]> {
    const [attachments, authors] = await Promise.all([
      repo.attachmentsOfMessages(
        db,
        rows.map((r) => r.id),
      ),
      this.#people.refs(
        db,
        rows.map((r) => r.author_id),
      ),
    ]);
    return rows.map((r) =>
      toMessage(
        r,
        attachments.filter((a) => a.message_id === r.id),
        r.author_id ? (authors.get(r.author_id) ?? null) : null,
      ),
    );
  }

  async one(db: Executor, id: string): Promise<Message | undefined> {
    const row = await repo.findById(db, id);
    return row ? (await this.present(db, [row]))[0] : undefined;
  }

  refs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>> {
    return this.#people.refs(db, ids);
  }
}

/** A message as clients see it (a deleted one keeps its place but not its text or files). */
export function toMessage(
  r: repo.MessageRow,
  attachments: readonly repo.AttachmentRow[],
  author: UserRef | null,
): Message {
  return {
    id: r.id,
    channelId: r.channel_id,
    seq: Number(r.seq),
    author,
    body: r.deleted_at ? '' : r.body,
    threadId: r.thread_root_id,
    replyCount: Number(r.reply_count),
    lastReplyAt: r.last_reply_at,
    mentions: JSON.parse(r.mentions) as string[],
    mentionsChannel: r.mentions_channel === 1,
    attachments: r.deleted_at ? [] : attachments.map(toAttachment),
    editedAt: r.edited_at,
    deletedAt: r.deleted_at,
    deletedReason: r.deleted_reason,
    pinnedAt: r.pinned_at,
    redacted: r.redacted === 1,
    createdAt: r.created_at,
  };
}

export function toAttachment(a: repo.AttachmentRow): Attachment {
  return { id: a.id, fileName: a.file_name, contentType: a.content_type, size: Number(a.size) };
}

/** What the index holds for a message: its text and its files' names (a message may be only files). */
export function searchText(body: string, attachments: readonly { file_name: string }[]): string {
  return [body, ...attachments.map((a) => a.file_name)].join('\n');
}
