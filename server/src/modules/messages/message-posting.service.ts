import type { HeldMessage, Message, PolicyRefusal, PostMessageRequest, UserRef } from '@liaison/contracts';
import type { Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { isUniqueViolation } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { NewEvent } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import type { ChannelAccess, ChannelRow } from '../channels/channels.service.ts';
import { heldUpdated } from '../control/held-events.ts';
import type { HeldRow, HeldText } from '../control/held-messages.ts';
import type { CompiledPolicies } from '../control/policy-engine.ts';
import { resolveMentions } from './mentions.ts';
import type { MessagesDeps } from './message-deps.ts';
import { keepOriginal } from './message-revisions.ts';
import { type MessageSearchIndex, messageSearchIndex } from './message-search.repository.ts';
import { type MessagePresenter, searchText, toMessage } from './message-view.ts';
import * as repo from './messages.repository.ts';

/** What a post became: delivered (201), or held for review (202). */
export type PostResult = { status: 'created'; message: Message } | { status: 'held'; held: HeldMessage };

type Posted =
  | { kind: 'created'; message: Message; fresh: boolean }
  | { kind: 'held'; held: HeldMessage; fresh: boolean }
  | { kind: 'blocked'; refusal: PolicyRefusal; record: () => Promise<void> };

/** A message about to be written, delivered now or on a reviewer's approval. */
interface Delivery {
  id: string;
  channel: ChannelRow;
  author: UserRef;
  body: string;
  /** The text as written, when a policy masked part of it before delivery. */
  original: string | null;
  root: repo.MessageRow | undefined;
  attachments: readonly repo.AttachmentRow[];
  clientId: string | null;
  markRead: boolean;
}

/**
 * Posting: communication control first, then the message with its mentions, thread counters,
 * search terms, the author's read position, the control record and the live events, in one
 * transaction; and the delivery of held messages a reviewer approved.
 */
export class MessagePostingService {
  readonly #deps: MessagesDeps;
  readonly #view: MessagePresenter;
  readonly #search: MessageSearchIndex;

  constructor(deps: MessagesDeps, view: MessagePresenter) {
    this.#deps = deps;
    this.#view = view;
    this.#search = messageSearchIndex(deps.dialect);
  }

  /**
   * Posts a message. Communication control is asked first: a blocked message is refused (and the
   * attempt recorded), a held one waits for a compliance officer. Posts that arrive together share
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
      const earlier = await this.#earlierAttempt(this.#deps.db, ctx.actor.userId, input.clientId, channelId);
      if (!earlier) throw err;
      result = earlier;
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

  /**
   * What an earlier attempt of the same post (same author and client id) became: delivered or
   * held, whatever happened to the channel since. The one duplicate-post check, used before
   * inserting and after losing an insert race.
   */
  async #earlierAttempt(
    db: Executor,
    authorId: string,
    clientId: string,
    channelId: string,
  ): Promise<Posted | undefined> {
    const existing = await repo.findByClientId(db, authorId, clientId);
    if (existing) {
      if (existing.channel_id !== channelId)
        throw errors.conflict('This client id was used in another channel.');
      return { kind: 'created', message: (await this.#view.present(db, [existing]))[0]!, fresh: false };
    }
    const held = await this.#deps.review.heldByClientId(db, authorId, clientId);
    if (!held) return undefined;
    if (held.row.channel_id !== channelId)
      throw errors.conflict('This client id was used in another channel.');
    return { kind: 'held', held: held.held, fresh: false };
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
      const earlier = await this.#earlierAttempt(trx, actor.userId, input.clientId, channelId);
      if (earlier) return earlier;
    }
    checkCanPost(access);
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
        recentPosts: (since, body) => repo.countRecent(trx, channelId, actor.userId, since, body),
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
    const channel = await this.#deps.channels.byId(trx, held.channel_id);
    if (!channel) throw errors.notFound('Channel');
    if (channel.archived_at)
      throw errors.conflict('The channel is archived; unarchive it to deliver this message.');
    const memberIds = await this.#deps.channels.memberIds(trx, channel);
    if (!memberIds.includes(held.author_id))
      throw errors.conflict('The sender is no longer a member of this channel.');
    const author = (await this.#deps.people.refs(trx, [held.author_id])).get(held.author_id);
    if (!author) throw errors.conflict('The sender no longer exists.');
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
  async #store(trx: Transaction<DB>, m: Delivery): Promise<Message> {
    const { channels, people } = this.#deps;
    const channelId = m.channel.id;
    const now = this.#deps.clock.now().toISOString();
    const seq = await channels.nextSeq(trx, channelId, now);
    const mentioned = await resolveMentions(m.body, m.author.id, {
      memberIds: () => channels.memberIds(trx, m.channel),
      idsByUsernames: (names) => people.idsByUsernames(trx, names),
    });
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
    if (m.original !== null) await keepOriginal(trx, this.#deps.cipher, m.id, m.original, now);
    if (m.root) await repo.addReply(trx, m.root.id, now);
    await this.#search.add(trx, [
      { id: m.id, channelId, authorId: m.author.id, createdAt: now, text: searchText(m.body, m.attachments) },
    ]);
    if (m.markRead) await channels.advanceRead(trx, channelId, m.author.id, seq, now);

    // The message as stored, without reading it back.
    const message = toMessage(
      values,
      m.attachments
        .map((a) => ({ ...a, message_id: m.id }))
        .sort((a, b) => a.created_at.localeCompare(b.created_at)),
      m.author,
    );
    const events: NewEvent[] = [
      { channelId, messageId: m.id, payload: { type: 'message.created', channelId, message } },
    ];
    if (m.root) {
      const updatedRoot = await this.#view.one(trx, m.root.id);
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
}

function checkCanPost(access: ChannelAccess): void {
  if (!access.isMember) throw errors.forbidden('Only members can post in this channel.');
  if (access.channel.archived_at) throw errors.conflict('This channel is archived; unarchive it to post.');
  if (!access.canPost)
    throw errors.forbidden('Only the owner and authorised announcers post in the all-hands group.');
}
