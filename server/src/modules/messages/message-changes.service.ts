import type { EditMessageRequest, Message, MessageHistory, PolicyRefusal } from '@liaison/contracts';
import type { Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import { MINUTE } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { openSealed, UNSEALED } from '../../platform/crypto/sealed.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { canAudit } from '../channels/channel-access.ts';
import { resolveMentions } from './mentions.ts';
import type { MessagesDeps } from './message-deps.ts';
import { keepOriginal } from './message-revisions.ts';
import { type MessageSearchIndex, messageSearchIndex } from './message-search.repository.ts';
import { type MessagePresenter, searchText } from './message-view.ts';
import * as repo from './messages.repository.ts';

/** Changes to delivered messages: edits, deletions and moderation, pins; and their history. */
export class MessageChangesService {
  readonly #deps: MessagesDeps;
  readonly #view: MessagePresenter;
  readonly #search: MessageSearchIndex;

  constructor(deps: MessagesDeps, view: MessagePresenter) {
    this.#deps = deps;
    this.#view = view;
    this.#search = messageSearchIndex(deps.dialect);
  }

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
    const { channels, people } = this.#deps;
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
          recentPosts: (since, body) => repo.countRecent(trx, channelId, ctx.actor.userId, since, body),
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
      if (check.redacted) await keepOriginal(trx, this.#deps.cipher, messageId, input.body, now);
      const mentioned = await resolveMentions(body, ctx.actor.userId, {
        memberIds: () => channels.memberIds(trx, access.channel),
        idsByUsernames: (names) => people.idsByUsernames(trx, names),
      });
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
    const people = await this.#view.refs(db, [message.author_id, ...revisions.map((r) => r.actor_id)]);
    const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
    await this.#deps.audit.record(db, ctx, {
      action: 'message.history.viewed',
      targetType: 'message',
      targetId: messageId,
      summary: { channelId },
    });
    // Each revision row holds the text as it was before that change; the first is the original.
    const versions: MessageHistory['revisions'] = [];
    versions.push({
      body: revisions[0]?.body ?? message.body,
      editedBy: person(message.author_id),
      at: message.created_at,
      kind: 'original',
      reason: null,
    });
    revisions.forEach((r, i) => {
      const after = r.kind === 'delete' ? '' : (revisions[i + 1]?.body ?? message.body);
      versions.push({ body: after, editedBy: person(r.actor_id), at: r.at, kind: r.kind, reason: r.reason });
    });
    const [presented] = await this.#view.present(db, [message]);
    return { message: presented!, revisions: versions };
  }

  async #one(db: Executor, id: string): Promise<Message> {
    const message = await this.#view.one(db, id);
    if (!message) throw errors.notFound('Message');
    return message;
  }

  async #target(ctx: ActorContext, trx: Transaction<DB>, channelId: string, messageId: string) {
    const access = await this.#deps.channels.access(ctx, channelId, trx);
    const message = await repo.findById(trx, messageId);
    if (!message || message.channel_id !== channelId) throw errors.notFound('Message');
    return { access, message };
  }

  #checkWindow(message: repo.MessageRow): void {
    const age = this.#deps.clock.now().getTime() - Date.parse(message.created_at);
    if (age > this.#deps.editWindowMinutes * MINUTE) {
      throw errors.conflict(
        `Messages can be changed within ${this.#deps.editWindowMinutes} minutes of posting.`,
      );
    }
  }

  /** The live event for an edit, deletion or pin, and the rewrite of what replays will show. */
  async #messageEvent(
    trx: Transaction<DB>,
    type: 'message.updated' | 'message.deleted',
    channelId: string,
    messageId: string,
  ) {
    const message = await this.#view.one(trx, messageId);
    if (!message) throw new Error(`message ${messageId} vanished inside its own transaction`);
    await this.#deps.events.rewriteMessage(trx, messageId, message);
    await this.#deps.events.append(trx, { channelId, messageId, payload: { type, channelId, message } });
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}
