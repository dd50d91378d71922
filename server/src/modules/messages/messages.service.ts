import type {
  Attachment,
  EditMessageRequest,
  HeldMessage,
  Message,
  MessageHistory,
  MessageListQuery,
  MessagePage,
  MessageSearchQuery,
  MessageSearchResult,
  PolicyRefusal,
  PostMessageRequest,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import { type Clock, MINUTE } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { FieldCipher } from '../../platform/crypto/keys.ts';
import { openSealed, SEAL_BATCH, SEALED, UNSEALED } from '../../platform/crypto/sealed.ts';
import { isUniqueViolation, type SqlDialect } from '../../platform/db/dialect.ts';
import type { GroupCommit } from '../../platform/db/group-commit.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog, NewEvent } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { highlight, queryTerms } from '../../platform/search/segment.ts';
import { markdownToPlainText } from '../../platform/text/markdown.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { canAudit, readerOf } from '../channels/channel-access.ts';
import * as channelsRepo from '../channels/channels.repository.ts';
import type { ChannelAccess, ChannelsService } from '../channels/channels.service.ts';
import type { ControlGate } from '../control/gate.service.ts';
import { heldUpdated } from '../control/held-events.ts';
import type { CompiledPolicies } from '../control/policy-engine.ts';
import type { HeldRow } from '../control/review.repository.ts';
import type { HeldText, ReviewService } from '../control/review.service.ts';
import { parseMentions } from './mentions.ts';
import { type MessageSearchIndex, messageSearchIndex } from './message-search.ts';
import * as repo from './messages.repository.ts';

/** What a post became: delivered (201), or held for review (202). */
export type PostResult = { status: 'created'; message: Message } | { status: 'held'; held: HeldMessage };

type Posted =
  | { kind: 'created'; message: Message; fresh: boolean }
  | { kind: 'held'; held: HeldMessage; fresh: boolean }
  | { kind: 'blocked'; refusal: PolicyRefusal; record: () => Promise<void> };

export interface MessagesDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  channels: ChannelsService;
  /** Shares commits between posts that arrive together. */
  writes: GroupCommit;
  /** Communication control: asked before anything is stored or delivered. */
  control: ControlGate;
  review: ReviewService;
  /** How long an author may edit or delete their own message. */
  editWindowMinutes: number;
  /** Seals the original of a redacted message: it holds what the policy caught. */
  cipher: FieldCipher;
}

/** Messages in channels: posting, threads, mentions, edits and moderation, pins, search. */
export class MessagesService {
  readonly #deps: MessagesDeps;
  readonly #search: MessageSearchIndex;

  constructor(deps: MessagesDeps) {
    this.#deps = deps;
    this.#search = messageSearchIndex(deps.dialect);
  }

  async list(ctx: ActorContext, channelId: string, query: MessageListQuery): Promise<MessagePage> {
    const db = this.#deps.db;
    await this.#deps.channels.access(ctx, channelId);
    const rows = await repo.page(db, channelId, query);
    const more = rows.length > query.limit;
    const pageRows = rows.slice(0, query.limit);
    if (query.after === undefined) pageRows.reverse();
    const items = await this.#present(db, pageRows);
    return {
      items,
      nextBefore: query.after === undefined && more ? (items[0]?.seq ?? null) : null,
      hasMore: more,
    };
  }

  /** One message (for a deep link to a reply whose thread is not on screen). */
  /** The channel a message is in, or null when there is none (a task made from a message asks). */
  async channelOf(messageId: string): Promise<string | null> {
    return (await repo.findById(this.#deps.db, messageId))?.channel_id ?? null;
  }

  async one(ctx: ActorContext, channelId: string, messageId: string): Promise<Message> {
    await this.#deps.channels.access(ctx, channelId);
    const row = await repo.findById(this.#deps.db, messageId);
    if (!row || row.channel_id !== channelId) throw errors.notFound('Message');
    return (await this.#present(this.#deps.db, [row]))[0]!;
  }

  /**
   * Posts a message. Communication control is asked first: a blocked message is refused (and the
   * attempt recorded), a held one waits for a compliance officer. Everything else — the message,
   * its mentions, thread counters, search terms, the author's read position, the control record and
   * the live event — commits in one transaction, or nothing does. Posts that arrive together share
   * a commit (see GroupCommit); each resolves only once it is durable.
   */
  async send(ctx: ActorContext, channelId: string, input: PostMessageRequest): Promise<PostResult> {
    let result: Posted;
    const policies = await this.#deps.control.policies();
    try {
      result = await this.#deps.writes.run((trx) => this.#insert(ctx, channelId, input, policies, trx));
    } catch (err) {
      // Two attempts of the same post raced (on PostgreSQL): the other one stored it, or held it.
      if (!input.clientId || !isUniqueViolation(err)) throw err;
      const existing = await repo.findByClientId(this.#deps.db, ctx.actor.userId, input.clientId);
      if (!existing) {
        const held = await this.#deps.review.heldByClientId(this.#deps.db, ctx.actor.userId, input.clientId);
        if (held?.row.channel_id === channelId) return { status: 'held', held: held.held };
        throw err;
      }
      if (existing.channel_id !== channelId)
        throw errors.conflict('This client id was used in another channel.');
      return { status: 'created', message: await this.#one(this.#deps.db, existing.id) };
    }
    if (result.kind === 'blocked') {
      await result.record();
      throw errors.policyBlocked('This content may not be sent here (communication policy).', result.refusal);
    }
    if (result.fresh) this.#deps.events.committed();
    return result.kind === 'held'
      ? { status: 'held', held: result.held }
      : { status: 'created', message: result.message };
  }

  /** Posts where a held message would be a surprise (seeding, tests): held is a conflict here. */
  async post(ctx: ActorContext, channelId: string, input: PostMessageRequest): Promise<Message> {
    const result = await this.send(ctx, channelId, input);
    if (result.status === 'held') throw errors.conflict('The message was held for review.');
    return result.message;
  }

  async #insert(
    ctx: ActorContext,
    channelId: string,
    input: PostMessageRequest,
    policies: CompiledPolicies,
    trx: Transaction<DB>,
  ): Promise<Posted> {
    const actor = ctx.actor;
    const access = await this.#deps.channels.access(ctx, channelId, trx);
    if (input.clientId) {
      // A retried post (same client id) returns what the first attempt created, whatever happened
      // to the channel since.
      const existing = await repo.findByClientId(trx, actor.userId, input.clientId);
      if (existing) {
        if (existing.channel_id !== channelId)
          throw errors.conflict('This client id was used in another channel.');
        return { kind: 'created', message: (await this.#present(trx, [existing]))[0]!, fresh: false };
      }
      const held = await this.#deps.review.heldByClientId(trx, actor.userId, input.clientId);
      if (held) {
        if (held.row.channel_id !== channelId)
          throw errors.conflict('This client id was used in another channel.');
        return { kind: 'held', held: held.held, fresh: false };
      }
    }
    this.#checkCanPost(access);
    const root = input.threadId ? await repo.findById(trx, input.threadId) : undefined;
    if (
      input.threadId &&
      (!root || root.channel_id !== channelId || root.thread_root_id || root.deleted_at)
    ) {
      throw errors.invalidField('body.threadId', 'not a message of this channel one can reply to');
    }
    const attachments = await repo.attachmentsByIds(trx, input.attachmentIds ?? []);
    for (const id of input.attachmentIds ?? []) {
      const a = attachments.find((x) => x.id === id);
      if (!a || a.uploader_id !== actor.userId || a.channel_id !== channelId || a.message_id) {
        throw errors.invalidField(
          'body.attachmentIds',
          `${id} is not an unused upload of yours in this channel`,
        );
      }
    }
    const ordered = (input.attachmentIds ?? []).map((id) => attachments.find((a) => a.id === id)!);

    const check = await this.#deps.control.checkMessage(
      trx,
      ctx,
      {
        channel: access.channel,
        body: input.body,
        attachments: ordered,
        threadId: input.threadId ?? null,
        clientId: input.clientId ?? null,
        confirm: input.confirm ?? false,
        justification: input.justification ?? null,
        edit: false,
      },
      policies,
    );
    if (check.kind === 'block') return { kind: 'blocked', refusal: check.refusal, record: check.commit };

    const messageId = newId();
    // The files belong to the message from now on, delivered or held.
    await this.#claimAttachments(trx, ordered, messageId, actor.userId, channelId);
    if (check.kind === 'hold') {
      const held = await check.commit(trx, messageId);
      await this.#deps.events.append(
        trx,
        heldUpdated({ id: held.id, channel_id: channelId, author_id: actor.userId }),
      );
      return { kind: 'held', held, fresh: true };
    }
    const message = await this.#store(trx, {
      id: messageId,
      channel: access.channel,
      author: { id: actor.userId, username: actor.username, displayName: actor.displayName },
      body: check.body,
      original: check.redacted ? input.body : null,
      root,
      attachments: ordered,
      clientId: input.clientId ?? null,
      // One's own message is read.
      markRead: true,
    });
    await check.commit(trx, messageId);
    return { kind: 'created', message, fresh: true };
  }

  /**
   * Delivers a held message a compliance officer approved, as its author wrote it (`text`, opened
   * by the review queue), into the reviewer's transaction. It takes its place in the channel now,
   * not when it was written.
   */
  async deliverHeld(trx: Transaction<DB>, held: HeldRow, text: HeldText): Promise<void> {
    const channel = await channelsRepo.findById(trx, held.channel_id);
    if (!channel) throw errors.notFound('Channel');
    if (channel.archived_at)
      throw errors.conflict('The channel is archived; unarchive it to deliver this message.');
    const memberIds = await this.#deps.channels.memberIds(trx, channel);
    if (!memberIds.includes(held.author_id))
      throw errors.conflict('The sender is no longer a member of this channel.');
    const author = await trx
      .selectFrom('users')
      .select(['id', 'username', 'display_name as displayName'])
      .where('id', '=', held.author_id)
      .executeTakeFirstOrThrow();
    const root = held.thread_root_id ? await repo.findById(trx, held.thread_root_id) : undefined;
    const attachments = await repo.attachmentsByIds(trx, JSON.parse(held.attachment_ids) as string[]);
    await this.#store(trx, {
      id: held.id,
      channel,
      author,
      body: text.deliveredBody ?? text.body,
      original: text.deliveredBody === null ? null : text.body,
      // A thread that went away meanwhile: the reply stands on its own.
      root: root && !root.deleted_at ? root : undefined,
      attachments,
      clientId: held.client_id,
      markRead: false,
    });
  }

  /** Writes a message that may be delivered, with everything that goes with it, and its live events. */
  async #store(
    trx: Transaction<DB>,
    m: {
      id: string;
      channel: channelsRepo.ChannelRow;
      author: { id: string; username: string; displayName: string };
      body: string;
      /** The text as written, when a policy masked part of it before delivery. */
      original: string | null;
      root: repo.MessageRow | undefined;
      attachments: readonly repo.AttachmentRow[];
      clientId: string | null;
      markRead: boolean;
    },
  ): Promise<Message> {
    const channelId = m.channel.id;
    const now = this.#now();
    const seq = await channelsRepo.nextSeq(trx, channelId, now);
    const mentioned = await this.#resolveMentions(trx, m.channel, m.body, m.author.id);
    const values = repo.newMessageRow({
      id: m.id,
      channel_id: channelId,
      seq,
      author_id: m.author.id,
      thread_root_id: m.root?.id ?? null,
      body: m.body,
      mentions: JSON.stringify(mentioned.userIds),
      mentions_channel: mentioned.channel ? 1 : 0,
      client_id: m.clientId,
      redacted: m.original === null ? 0 : 1,
      created_at: now,
    });
    await repo.insert(trx, values);
    await repo.insertMentions(trx, m.id, channelId, seq, mentioned.notify);
    // Compliance keeps what was written; the channel has the masked text.
    if (m.original !== null) await this.#keepOriginal(trx, m.id, m.original, now);
    if (m.root) await repo.addReply(trx, m.root.id, now);
    await this.#search.add(trx, [
      { id: m.id, channelId, authorId: m.author.id, createdAt: now, text: searchText(m.body, m.attachments) },
    ]);
    if (m.markRead) await channelsRepo.markRead(trx, channelId, m.author.id, seq, now);

    // The message as stored, without reading it back.
    const message = toMessage(
      { ...values, author_username: m.author.username, author_name: m.author.displayName },
      m.attachments
        .map((a) => ({ ...a, message_id: m.id }))
        .sort((a, b) => a.created_at.localeCompare(b.created_at)),
    );
    const events: NewEvent[] = [
      {
        channelId,
        messageId: m.id,
        payload: { type: 'message.created', channelId, message },
      },
    ];
    if (m.root) {
      const [updatedRoot] = await this.#present(trx, [(await repo.findById(trx, m.root.id))!]);
      if (!updatedRoot) throw new Error(`thread root ${m.root.id} vanished inside its own transaction`);
      events.push({
        channelId,
        messageId: m.root.id,
        payload: { type: 'message.updated', channelId, message: updatedRoot },
      });
    }
    if (m.markRead) {
      events.push({
        userIds: [m.author.id],
        payload: { type: 'read.updated', channelId, userId: m.author.id, lastReadSeq: seq },
      });
    }
    await this.#deps.events.append(trx, ...events);
    return message;
  }

  /** The original of a message delivered masked, sealed: it holds what the policy caught. */
  async #keepOriginal(trx: Transaction<DB>, messageId: string, original: string, at: string): Promise<void> {
    await repo.insertRevision(trx, {
      id: newId(),
      message_id: messageId,
      kind: 'redact',
      body: this.#deps.cipher.encrypt(original),
      actor_id: null,
      reason: null,
      at,
      sealed: SEALED,
    });
  }

  /**
   * Seals the originals of redacted messages stored in plaintext before sealing began (a database
   * upgraded from before 0007), a batch per transaction. Run at start-up; safe on several nodes at
   * once. Returns how many it sealed.
   */
  async sealStored(): Promise<number> {
    const { db, cipher } = this.#deps;
    let sealed = 0;
    for (;;) {
      const done = await db.transaction().execute(async (trx) => {
        const rows = await repo.unsealedOriginals(trx, SEAL_BATCH);
        for (const r of rows) await repo.sealOriginal(trx, r.id, cipher.encrypt(r.body));
        return rows.length;
      });
      sealed += done;
      if (done === 0) return sealed;
    }
  }

  async #claimAttachments(
    trx: Transaction<DB>,
    attachments: readonly repo.AttachmentRow[],
    messageId: string,
    uploaderId: string,
    channelId: string,
  ): Promise<void> {
    if (attachments.length === 0) return;
    const ids = attachments.map((a) => a.id);
    const claimed = await repo.attach(trx, ids, messageId, uploaderId, channelId);
    if (claimed !== ids.length) {
      throw errors.invalidField('body.attachmentIds', 'an attachment was already used by another message');
    }
  }

  /** The author edits within the edit window; every earlier version is kept for compliance. */
  /**
   * The author edits within the edit window; every earlier version is kept for compliance. The new
   * text passes communication control like a post: what a policy would block or hold is refused
   * (a delivered message cannot wait for review), a warning needs confirming, a redaction masks.
   */
  async edit(
    ctx: ActorContext,
    channelId: string,
    messageId: string,
    input: EditMessageRequest,
  ): Promise<Message> {
    const policies = await this.#deps.control.policies();
    let blocked: { refusal: PolicyRefusal; record: () => Promise<void> } | null = null;
    await this.#deps.db.transaction().execute(async (trx) => {
      const { message, access } = await this.#target(ctx, trx, channelId, messageId);
      if (message.author_id !== ctx.actor.userId)
        throw errors.forbidden('Only the author can edit a message.');
      if (message.deleted_at) throw errors.conflict('A deleted message cannot be edited.');
      if (access.channel.archived_at) throw errors.conflict('This channel is archived.');
      this.#checkWindow(message);
      if (message.body === input.body) return;
      const attachments = await repo.attachmentsOfMessages(trx, [messageId]);
      const check = await this.#deps.control.checkMessage(
        trx,
        ctx,
        {
          channel: access.channel,
          body: input.body,
          attachments,
          threadId: message.thread_root_id,
          clientId: null,
          confirm: input.confirm ?? false,
          justification: input.justification ?? null,
          edit: true,
        },
        policies,
      );
      if (check.kind !== 'deliver') {
        // The gate never holds an edit; anything else is refused here and recorded after.
        if (check.kind === 'block') blocked = { refusal: check.refusal, record: check.commit };
        return;
      }
      const body = check.body;
      const now = this.#now();
      await repo.insertRevision(trx, {
        id: newId(),
        message_id: messageId,
        kind: 'edit',
        body: message.body,
        actor_id: ctx.actor.userId,
        reason: null,
        at: now,
        sealed: UNSEALED,
      });
      // What the author wrote, before the policy masked it.
      if (check.redacted) await this.#keepOriginal(trx, messageId, input.body, now);
      const mentioned = await this.#resolveMentions(trx, access.channel, body, ctx.actor.userId);
      await repo.update(trx, messageId, {
        body,
        edited_at: now,
        redacted: check.redacted ? 1 : 0,
        mentions: JSON.stringify(mentioned.userIds),
        mentions_channel: mentioned.channel ? 1 : 0,
      });
      // Whoever is no longer mentioned loses the badge.
      await repo.removeMentions(trx, messageId, mentioned.notify);
      await repo.insertMentions(trx, messageId, channelId, Number(message.seq), mentioned.notify);
      await this.#search.replace(trx, messageId, searchText(body, attachments));
      await check.commit(trx, messageId);
      await this.#messageEvent(trx, 'message.updated', channelId, messageId);
      await this.#deps.audit.record(trx, ctx, {
        action: 'message.edited',
        targetType: 'message',
        targetId: messageId,
        summary: { channelId, seq: Number(message.seq) },
      });
    });
    const refused = blocked as { refusal: PolicyRefusal; record: () => Promise<void> } | null;
    if (refused) {
      await refused.record();
      throw errors.policyBlocked('This change may not be made here (communication policy).', refused.refusal);
    }
    this.#deps.events.committed();
    return this.#one(this.#deps.db, messageId);
  }

  /**
   * Deletes a message: the author within the edit window, or the channel's owner or a manager at
   * any time as moderation, with a reason. The text leaves the channel and the search index, but
   * is kept in the message's history for compliance.
   */
  async remove(ctx: ActorContext, channelId: string, messageId: string, reason?: string): Promise<Message> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const { message, access } = await this.#target(ctx, trx, channelId, messageId);
      if (message.deleted_at) return;
      if (access.channel.archived_at) throw errors.conflict('This channel is archived.');
      const byAuthor = message.author_id === ctx.actor.userId;
      if (byAuthor) this.#checkWindow(message);
      else {
        if (!access.canManage)
          throw errors.forbidden('Only the author or the channel owner can delete a message.');
        if (!reason) throw errors.invalidField('body.reason', 'say why you remove someone else’s message');
      }
      const now = this.#now();
      await repo.insertRevision(trx, {
        id: newId(),
        message_id: messageId,
        kind: 'delete',
        body: message.body,
        actor_id: ctx.actor.userId,
        reason: reason ?? null,
        at: now,
        sealed: UNSEALED,
      });
      await repo.update(trx, messageId, {
        body: '',
        deleted_at: now,
        deleted_by: ctx.actor.userId,
        deleted_reason: byAuthor ? null : (reason ?? null),
        pinned_at: null,
        pinned_by: null,
      });
      await this.#search.remove(trx, messageId);
      await repo.removeMentions(trx, messageId);
      await this.#messageEvent(trx, 'message.deleted', channelId, messageId);
      await this.#deps.audit.record(trx, ctx, {
        action: byAuthor ? 'message.deleted' : 'message.moderated',
        targetType: 'message',
        targetId: messageId,
        summary: { channelId, seq: Number(message.seq), authorId: message.author_id, reason: reason ?? null },
      });
    });
    this.#deps.events.committed();
    return this.#one(this.#deps.db, messageId);
  }

  async pin(ctx: ActorContext, channelId: string, messageId: string, pinned: boolean): Promise<Message> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const { message, access } = await this.#target(ctx, trx, channelId, messageId);
      // Pinning speaks to the whole channel: it takes the right to post (or to run the channel).
      if (!access.canPost && !access.canManage) throw errors.forbidden('Only members who can post may pin.');
      if (access.channel.archived_at) throw errors.conflict('This channel is archived.');
      if (message.deleted_at) throw errors.conflict('A deleted message cannot be pinned.');
      if (!!message.pinned_at === pinned) return;
      await repo.update(trx, messageId, {
        pinned_at: pinned ? this.#now() : null,
        pinned_by: pinned ? ctx.actor.userId : null,
      });
      await this.#messageEvent(trx, 'message.updated', channelId, messageId);
    });
    this.#deps.events.committed();
    return this.#one(this.#deps.db, messageId);
  }

  /** The original text and every edit or deletion of a message: compliance officers only, audited. */
  async history(ctx: ActorContext, channelId: string, messageId: string): Promise<MessageHistory> {
    if (!canAudit(ctx.actor)) throw errors.forbidden('Message history is for compliance officers.');
    const db = this.#deps.db;
    const message = await repo.findById(db, messageId);
    if (!message || message.channel_id !== channelId) throw errors.notFound('Message');
    const revisions = (await repo.revisions(db, messageId)).map((r) => ({
      ...r,
      body: openSealed(this.#deps.cipher, r.body, r.sealed),
    }));
    await this.#deps.audit.record(db, ctx, {
      action: 'message.history.viewed',
      targetType: 'message',
      targetId: messageId,
      summary: { channelId },
    });
    // Each revision row holds the text as it was before that change; the first is the original.
    const versions: MessageHistory['revisions'] = [];
    const originalBody = revisions[0]?.body ?? message.body;
    versions.push({
      body: originalBody,
      editedBy:
        message.author_id && message.author_username
          ? ref(message.author_id, message.author_username, message.author_name)
          : null,
      at: message.created_at,
      kind: 'original',
      reason: null,
    });
    revisions.forEach((r, i) => {
      const after = r.kind === 'delete' ? '' : (revisions[i + 1]?.body ?? message.body);
      versions.push({
        body: after,
        editedBy: r.actor_id && r.username ? ref(r.actor_id, r.username, r.display_name) : null,
        at: r.at,
        kind: r.kind,
        reason: r.reason,
      });
    });
    const [presented] = await this.#present(db, [message]);
    return { message: presented!, revisions: versions };
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
    const channels = new Map<string, channelsRepo.ChannelRow>();
    for (const r of rows.values()) {
      if (!channels.has(r.channel_id)) {
        const c = await channelsRepo.findById(db, r.channel_id);
        if (c) channels.set(c.id, c);
      }
    }
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
          author:
            r.author_id && r.author_username ? ref(r.author_id, r.author_username, r.author_name) : null,
          createdAt: r.created_at,
          snippet,
          highlights,
        };
      });
    return { items, terms: terms.map((t) => t.word), hasMore };
  }

  async #one(db: Executor, id: string): Promise<Message> {
    const row = await repo.findById(db, id);
    if (!row) throw errors.notFound('Message');
    return (await this.#present(db, [row]))[0]!;
  }

  async #target(ctx: ActorContext, trx: Transaction<DB>, channelId: string, messageId: string) {
    const access = await this.#deps.channels.access(ctx, channelId, trx);
    const message = await repo.findById(trx, messageId);
    if (!message || message.channel_id !== channelId) throw errors.notFound('Message');
    return { access, message };
  }

  #checkCanPost(access: ChannelAccess): void {
    if (!access.isMember) throw errors.forbidden('Only members can post in this channel.');
    if (access.channel.archived_at) throw errors.conflict('This channel is archived; unarchive it to post.');
    if (!access.canPost)
      throw errors.forbidden('Only the owner and authorised announcers post in the all-hands group.');
  }

  #checkWindow(message: repo.MessageRow): void {
    const age = this.#deps.clock.now().getTime() - Date.parse(message.created_at);
    if (age > this.#deps.editWindowMinutes * MINUTE) {
      throw errors.conflict(
        `Messages can be changed within ${this.#deps.editWindowMinutes} minutes of posting.`,
      );
    }
  }

  /**
   * Mentioned members (unknown names and non-members are plain text). `notify` is who gets a
   * mention badge: the named people, or for @channel everyone in the channel but the author.
   */
  async #resolveMentions(trx: Executor, channel: channelsRepo.ChannelRow, body: string, authorId: string) {
    const parsed = parseMentions(body);
    if (parsed.usernames.length === 0 && !parsed.channel) return { userIds: [], channel: false, notify: [] };
    const memberIds = new Set(await this.#deps.channels.memberIds(trx, channel));
    const named = parsed.usernames.length
      ? await trx
          .selectFrom('users')
          .select(['id', 'username'])
          .where('username', 'in', parsed.usernames)
          .execute()
      : [];
    const userIds = named.filter((u) => memberIds.has(u.id)).map((u) => u.id);
    const notify = parsed.channel ? [...memberIds] : userIds;
    return { userIds, channel: parsed.channel, notify: notify.filter((id) => id !== authorId) };
  }

  /** The live event for an edit, deletion or pin, and the rewrite of what replays will show. */
  async #messageEvent(
    trx: Transaction<DB>,
    type: 'message.updated' | 'message.deleted',
    channelId: string,
    messageId: string,
  ) {
    const [message] = await this.#present(trx, [(await repo.findById(trx, messageId))!]);
    if (!message) throw new Error(`message ${messageId} vanished inside its own transaction`);
    await this.#deps.events.rewriteMessage(trx, messageId, message);
    await this.#deps.events.append(trx, {
      channelId,
      messageId,
      payload: { type, channelId, message },
    });
  }

  async #present(db: Executor, rows: repo.MessageRow[]): Promise<Message[]> {
    const attachments = await repo.attachmentsOfMessages(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) =>
      toMessage(
        r,
        attachments.filter((a) => a.message_id === r.id),
      ),
    );
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}

/** A message as clients see it (a deleted one keeps its place but not its text or files). */
function toMessage(r: repo.MessageRow, attachments: readonly repo.AttachmentRow[]): Message {
  return {
    id: r.id,
    channelId: r.channel_id,
    seq: Number(r.seq),
    author: r.author_id && r.author_username ? ref(r.author_id, r.author_username, r.author_name) : null,
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

function ref(id: string, username: string, displayName: string | null) {
  return { id, username, displayName: displayName ?? username };
}

export function toAttachment(a: repo.AttachmentRow): Attachment {
  return { id: a.id, fileName: a.file_name, contentType: a.content_type, size: Number(a.size) };
}

/** What the index holds for a message: its text and its files' names (a message may be only files). */
function searchText(body: string, attachments: readonly { file_name: string }[]): string {
  return [body, ...attachments.map((a) => a.file_name)].join('\n');
}
