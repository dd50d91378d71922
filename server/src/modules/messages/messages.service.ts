import type {
  EditMessageRequest,
  Message,
  MessageHistory,
  MessageListQuery,
  MessagePage,
  MessageSearchQuery,
  MessageSearchResult,
  PostMessageRequest,
} from '@liaison/contracts';
import type { Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { highlight, queryTerms } from '../../platform/search/segment.ts';
import { markdownToPlainText } from '../../platform/text/markdown.ts';
import { canAudit, readerOf } from '../channels/channel-access.ts';
import type { HeldMessagesPort } from '../control/held-messages.ts';
import { MessageChangesService } from './message-changes.service.ts';
import type { MessagesDeps } from './message-deps.ts';
import { MessagePostingService, type PostResult } from './message-posting.service.ts';
import { sealStoredOriginals } from './message-revisions.ts';
import { type MessageSearchIndex, messageSearchIndex } from './message-search.repository.ts';
import { MessagePresenter, toAttachment } from './message-view.ts';
import * as repo from './messages.repository.ts';

export type { MessagesDeps } from './message-deps.ts';
export type { PostResult } from './message-posting.service.ts';
export { toAttachment };

/** A message as a monthly archive keeps it, with its author and every revision (sealed ones opened by the caller). */
export interface ArchivableMessage {
  row: repo.MessageRow;
  author: { username: string; name: string } | null;
  revisions: Awaited<ReturnType<typeof repo.revisionsOf>>;
}

/**
 * Messages in channels: reading and search here; posting (message-posting.service.ts) and changes
 * to delivered messages (message-changes.service.ts) in their own services, reached through this
 * one so callers keep one entry point. Retention asks it to delete what expired.
 */
export class MessagesService {
  readonly #deps: MessagesDeps;
  readonly #view: MessagePresenter;
  readonly #search: MessageSearchIndex;
  readonly #posting: MessagePostingService;
  readonly #changes: MessageChangesService;

  constructor(deps: MessagesDeps) {
    this.#deps = deps;
    this.#view = new MessagePresenter(deps.people);
    this.#search = messageSearchIndex(deps.dialect);
    this.#posting = new MessagePostingService(deps, this.#view);
    this.#changes = new MessageChangesService(deps, this.#view);
  }

  async list(ctx: ActorContext, channelId: string, query: MessageListQuery): Promise<MessagePage> {
    const db = this.#deps.db;
    await this.#deps.channels.access(ctx, channelId);
    const rows = await repo.page(db, channelId, query);
    const more = rows.length > query.limit;
    const pageRows = rows.slice(0, query.limit);
    if (query.after === undefined) pageRows.reverse();
    const items = await this.#view.present(db, pageRows);
    return {
      items,
      nextBefore: query.after === undefined && more ? (items[0]?.seq ?? null) : null,
      hasMore: more,
    };
  }

  /** The channel a message is in, or null when there is none (a task made from a message asks). */
  async channelOf(messageId: string): Promise<string | null> {
    return (await repo.findById(this.#deps.db, messageId))?.channel_id ?? null;
  }

  /** One message (for a deep link to a reply whose thread is not on screen). */
  async one(ctx: ActorContext, channelId: string, messageId: string): Promise<Message> {
    await this.#deps.channels.access(ctx, channelId);
    const row = await repo.findById(this.#deps.db, messageId);
    if (!row || row.channel_id !== channelId) throw errors.notFound(text('nouns.message'));
    return (await this.#view.present(this.#deps.db, [row]))[0]!;
  }

  send(ctx: ActorContext, channelId: string, input: PostMessageRequest): Promise<PostResult> {
    return this.#posting.send(ctx, channelId, input);
  }

  post(ctx: ActorContext, channelId: string, input: PostMessageRequest): Promise<Message> {
    return this.#posting.post(ctx, channelId, input);
  }

  edit(ctx: ActorContext, channelId: string, messageId: string, input: EditMessageRequest): Promise<Message> {
    return this.#changes.edit(ctx, channelId, messageId, input);
  }

  remove(ctx: ActorContext, channelId: string, messageId: string, reason?: string): Promise<Message> {
    return this.#changes.remove(ctx, channelId, messageId, reason);
  }

  pin(ctx: ActorContext, channelId: string, messageId: string, pinned: boolean): Promise<Message> {
    return this.#changes.pin(ctx, channelId, messageId, pinned);
  }

  history(ctx: ActorContext, channelId: string, messageId: string): Promise<MessageHistory> {
    return this.#changes.history(ctx, channelId, messageId);
  }

  /** What communication control needs of messages: delivering approved ones, and their files. */
  heldPort(): HeldMessagesPort {
    return {
      deliver: (trx, held, text) => this.#posting.deliverHeld(trx, held, text),
      attachments: (db, ids) => repo.attachmentsByIds(db, ids),
    };
  }

  /** Seals originals of redacted messages stored in plaintext before sealing began (start-up). */
  sealStored(): Promise<number> {
    return sealStoredOriginals(this.#deps.db, this.#deps.cipher);
  }

  /** Full-text search over what the caller may read (compliance officers: everything). */
  async search(ctx: ActorContext, query: MessageSearchQuery): Promise<MessageSearchResult> {
    const db = this.#deps.db;
    const terms = queryTerms(query.q);
    if (terms.length === 0) return { items: [], terms: [], hasMore: false };
    const channelIds = canAudit(ctx.actor)
      ? null
      : await this.#deps.channels.memberChannelIds(readerOf(ctx.actor));
    const found = await this.#search.search(
      db,
      terms,
      { channelIds, channelId: query.channelId, authorId: query.authorId, from: query.from, to: query.to },
      query.limit + 1,
      query.offset,
    );
    const hasMore = found.length > query.limit;
    const ids = found.slice(0, query.limit);
    const rows = new Map((await repo.findByIds(db, ids)).map((r) => [r.id, r]));
    const [channels, authors] = await Promise.all([
      this.#deps.channels.byIds(
        db,
        [...rows.values()].map((r) => r.channel_id),
      ),
      this.#view.refs(
        db,
        [...rows.values()].map((r) => r.author_id),
      ),
    ]);
    const items = ids
      .map((id) => rows.get(id))
      .filter((r): r is repo.MessageRow => !!r)
      .map((r) => {
        const c = channels.get(r.channel_id);
        const { snippet, highlights } = highlight(markdownToPlainText(r.body), terms);
        return {
          messageId: r.id,
          channel: { id: r.channel_id, name: c?.name ?? '', kind: c?.kind ?? 'direct' },
          seq: Number(r.seq),
          threadId: r.thread_root_id,
          author: r.author_id ? (authors.get(r.author_id) ?? null) : null,
          createdAt: r.created_at,
          snippet,
          highlights,
        };
      });
    return { items, terms: terms.map((t) => t.word), hasMore };
  }

  // For retention: it decides what may go (policies, legal holds); the rows are deleted here.

  /** Up to `limit` messages of the channels older than the cut-off, not by the kept authors, nor a live thread. */
  expiredIds(
    trx: Transaction<DB>,
    p: { channelIds: readonly string[]; cutoff: string; keepAuthorIds: readonly string[]; limit: number },
  ): Promise<string[]> {
    return repo.expiredIds(trx, p);
  }

  /**
   * Deletes messages outright (retention), with their mentions, revisions, search entries and
   * file rows, in the caller's transaction; returns the blob keys of their files to remove after commit.
   */
  async purge(trx: Transaction<DB>, messageIds: readonly string[]): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const files = await repo.attachmentKeysOf(trx, messageIds);
    await this.#search.removeMany(trx, messageIds);
    await repo.deleteMessages(trx, messageIds);
    return files.map((f) => f.blob_key);
  }

  /** Drops uploads never posted, older than the instant; returns their blob keys to remove. */
  async purgeOrphanUploads(db: Executor, before: string): Promise<string[]> {
    const orphans = await repo.orphanUploads(db, before);
    await repo.deleteAttachments(
      db,
      orphans.map((o) => o.id),
    );
    return orphans.map((o) => o.blob_key);
  }

  /** A channel's messages in [from, to), oldest first, with authors and revisions (for the archive). */
  async between(db: Executor, channelId: string, from: string, to: string): Promise<ArchivableMessage[]> {
    const rows = await repo.messagesBetween(db, channelId, from, to);
    const [revisions, authors] = await Promise.all([
      repo.revisionsOf(
        db,
        rows.map((r) => r.id),
      ),
      this.#view.refs(
        db,
        rows.map((r) => r.author_id),
      ),
    ]);
    const revisionsOf = Map.groupBy(revisions, (v) => v.message_id);
    return rows.map((row) => {
      const a = row.author_id ? authors.get(row.author_id) : undefined;
      return {
        row,
        author: a ? { username: a.username, name: a.displayName } : null,
        revisions: revisionsOf.get(row.id) ?? [],
      };
    });
  }

  /** Channels with at least one message in [from, to). */
  channelsWithMessages(db: Executor, from: string, to: string): Promise<string[]> {
    return repo.channelsWithMessages(db, from, to);
  }

  /** The user's mentions per channel after each given read position (0: never read); channels listing. */
  unreadMentionCounts(
    db: Executor,
    userId: string,
    positions: ReadonlyMap<string, number>,
  ): Promise<Map<string, number>> {
    return repo.mentionCountsAfter(db, userId, positions);
  }
}
