import type {
  ControlEvent,
  ControlEventQuery,
  HeldMessage,
  Page,
  ReviewRequest,
  ReviewStatus,
  RuleMatch,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import { type Clock, DAY } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/keys.ts';
import { openSealed, openSealedNullable, SEAL_BATCH } from '../../platform/crypto/sealed.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChannelsService } from '../channels/channels.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { type ControlDirectory, namesFor } from './control-directory.ts';
import { heldUpdated } from './held-events.ts';
import {
  type HeldMessagesPort,
  type HeldRow,
  type HeldText,
  toAttachmentView,
  toHeld,
} from './held-messages.ts';
import { maskCaught } from './masking.ts';
import * as records from './records.repository.ts';
import * as repo from './review.repository.ts';

export interface ReviewDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  channels: ChannelsService;
  directory: ControlDirectory;
  /** Opens what the gate sealed. */
  cipher: FieldCipher;
}

export type { HeldRow, HeldText };

/** A sender sees a rejection (with its comment) for this long after the decision. */
const DECIDED_VISIBLE_MS = 7 * DAY;

const DECISIONS: Record<ReviewStatus, readonly ReviewRequest['decision'][]> = {
  pending: ['approve', 'reject', 'false_positive'],
  open: ['reviewed', 'false_positive'],
  approved: [],
  rejected: [],
  reviewed: [],
  false_positive: [],
};

/** The review queue (审核队列): held messages and policy matches, decided by compliance officers. */
export class ReviewService {
  readonly #deps: ReviewDeps;
  #messages: HeldMessagesPort | null = null;
  #notifications: NotificationsService | null = null;

  constructor(deps: ReviewDeps) {
    this.#deps = deps;
  }

  /** Set once at wiring: the messages module delivers what is approved and lends its files. */
  setMessages(messages: HeldMessagesPort): void {
    this.#messages = messages;
  }

  /** Wired after construction: the notification center is built after communication control. */
  setNotifications(notifications: NotificationsService): void {
    this.#notifications = notifications;
  }

  /**
   * The queue. The content is masked where something matched and wherever a personal number is
   * (opening one item shows it whole, audited).
   */
  async list(query: ControlEventQuery): Promise<Page<ControlEvent>> {
    const { rows, total } = await repo.events(this.#deps.db, query);
    const items = (await this.#present(rows)).map((e) => ({
      ...e,
      content: maskCaught(e.content, e.highlights),
    }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** One item with its content (the sensitive values themselves): each opening is audited. */
  async open(ctx: ActorContext, id: string): Promise<ControlEvent> {
    const event = await this.get(id);
    await this.#deps.audit.record(this.#deps.db, ctx, {
      action: 'control.event.viewed',
      targetType: 'control_event',
      targetId: id,
      summary: { senderId: event.sender?.id ?? null, channelId: event.channel?.id ?? null },
    });
    return event;
  }

  /** One item whole, for a caller that audits the reading (`open`, and `decide` by its own entry). */
  async get(id: string): Promise<ControlEvent> {
    const row = await repo.findEvent(this.#deps.db, id);
    if (!row) throw errors.notFound('Control event');
    return (await this.#present([row]))[0]!;
  }

  /**
   * Decides a match. A held message is approved (and delivered now) or rejected; any match can be
   * marked a false positive or reviewed. The sender of a held message is told either way. The reply
   * is the item whole: the decision's audit entry (`control.reviewed`) records that reading.
   */
  async decide(ctx: ActorContext, id: string, input: ReviewRequest): Promise<ControlEvent> {
    const comment = input.comment ?? null;
    await this.#deps.db.transaction().execute(async (trx) => {
      const event = await repo.findEvent(trx, id);
      if (!event) throw errors.notFound('Control event');
      if (!DECISIONS[event.status].includes(input.decision)) {
        throw errors.conflict(
          event.status === 'pending' || event.status === 'open'
            ? `A ${event.status} item cannot be decided as ${input.decision}.`
            : 'This item has already been decided.',
        );
      }
      const now = this.#now();
      const status: ReviewStatus =
        input.decision === 'approve'
          ? 'approved'
          : input.decision === 'reject'
            ? 'rejected'
            : input.decision === 'false_positive'
              ? 'false_positive'
              : 'reviewed';
      // Whoever decides first wins; a second reviewer acting on the same item gets a conflict.
      const claimed = await repo.claimEvent(trx, id, event.status, {
        status,
        reviewed_by: ctx.actor.userId,
        reviewed_at: now,
        review_comment: comment,
      });
      if (!claimed) throw errors.conflict('This item has already been decided.');

      if (event.status === 'pending') {
        const held = await repo.heldByEvent(trx, id);
        if (!held) throw errors.notFound('Held message');
        const approved = input.decision !== 'reject';
        if (approved) {
          await this.#port().deliver(trx, held, this.#heldText(held));
        }
        const outcome = approved ? 'approved' : 'rejected';
        await repo.updateHeld(trx, held.id, { status: outcome, decided_at: now, review_comment: comment });
        await repo.updateEvent(trx, id, { outcome });
        await records.setOutcome(trx, id, outcome, approved ? held.id : null);
        await this.#deps.events.append(trx, heldUpdated(held));
        // Beyond the live event: the inbox, and email or webhooks as the sender chose.
        await this.#notifications?.notify(trx, {
          kind: 'control.decided',
          title: approved ? '暂扣的消息已放行' : '暂扣的消息未获批准',
          body: approved
            ? `${ctx.actor.displayName} 审核通过了你的消息，已发送给接收方。`
            : `${ctx.actor.displayName} 未批准你的消息${comment ? `：${comment}` : '。'}`,
          link: `/messages/${held.channel_id}`,
          subject: { type: 'held_message', id: held.id },
          actorId: ctx.actor.userId,
          recipientIds: [held.author_id],
        });
      }
      await this.#deps.audit.record(trx, ctx, {
        action: 'control.reviewed',
        targetType: 'control_event',
        targetId: id,
        summary: {
          decision: input.decision,
          comment,
          senderId: event.sender_id,
          channelId: event.channel_id,
        },
      });
    });
    this.#deps.events.committed();
    this.#notifications?.committed();
    return this.get(id);
  }

  /** The caller's own held (and recently decided) messages in a channel. */
  async heldOf(ctx: ActorContext, channelId: string): Promise<HeldMessage[]> {
    await this.#deps.channels.access(ctx, channelId);
    const since = new Date(this.#deps.clock.now().getTime() - DECIDED_VISIBLE_MS).toISOString();
    const rows = await repo.heldOf(this.#deps.db, channelId, ctx.actor.userId, since);
    return Promise.all(rows.map((r) => this.#held(this.#deps.db, r)));
  }

  /** A held message as a retried post (same client id) returns it. */
  async heldByClientId(db: Executor, authorId: string, clientId: string) {
    const row = await repo.heldByClientId(db, authorId, clientId);
    return row ? { row, held: await this.#held(db, row) } : undefined;
  }

  /**
   * Seals the content of control events and held messages stored in plaintext before sealing
   * began (a database upgraded from before 0007), a batch per transaction. Run at start-up; safe
   * to run on several nodes at once. Returns how many rows it sealed.
   */
  async sealStored(): Promise<number> {
    const { db, cipher } = this.#deps;
    let sealed = 0;
    for (;;) {
      const done = await db.transaction().execute(async (trx) => {
        const events = await repo.unsealedEvents(trx, SEAL_BATCH);
        for (const e of events) await repo.sealEvent(trx, e.id, cipher.encrypt(e.content));
        const held = await repo.unsealedHeld(trx, SEAL_BATCH);
        for (const h of held) {
          await repo.sealHeld(trx, h.id, {
            body: cipher.encrypt(h.body),
            delivered_body: h.delivered_body === null ? null : cipher.encrypt(h.delivered_body),
          });
        }
        return events.length + held.length;
      });
      sealed += done;
      if (done === 0) return sealed;
    }
  }

  /** A held message by its id (for whoever decides who may open its files). */
  findHeld(db: Executor, id: string): Promise<HeldRow | undefined> {
    return repo.findHeld(db, id);
  }

  #port(): HeldMessagesPort {
    if (!this.#messages) throw new Error('no messages module wired for held messages');
    return this.#messages;
  }

  async #held(db: Executor, row: repo.HeldRow): Promise<HeldMessage> {
    const ids = JSON.parse(row.attachment_ids) as string[];
    return toHeld(row, this.#heldText(row).body, await this.#port().attachments(db, ids));
  }

  #heldText(row: repo.HeldRow): HeldText {
    const { cipher } = this.#deps;
    return {
      body: openSealed(cipher, row.body, row.sealed),
      deliveredBody: openSealedNullable(cipher, row.delivered_body, row.sealed),
    };
  }

  async #present(rows: readonly repo.ControlEventRow[]): Promise<ControlEvent[]> {
    const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.attachment_ids) as string[]))];
    const attachments = new Map(
      (await this.#port().attachments(this.#deps.db, ids)).map((a) => [a.id, toAttachmentView(a)]),
    );
    const named = await namesFor(this.#deps.directory, this.#deps.db, {
      people: rows.flatMap((r) => [r.sender_id, r.reviewed_by]),
      channels: rows.map((r) => r.channel_id),
      counterparties: rows.map((r) => r.counterparty_id),
    });
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      subjectType: r.subject_type,
      sender: named.person(r.sender_id),
      channel: named.channel(r.channel_id),
      counterparty: named.counterparty(r.counterparty_id),
      direction: r.direction,
      action: r.action,
      outcome: r.outcome,
      matches: JSON.parse(r.matches) as RuleMatch[],
      content: openSealed(this.#deps.cipher, r.content, r.sealed),
      highlights: JSON.parse(r.highlights) as ControlEvent['highlights'],
      attachments: (JSON.parse(r.attachment_ids) as string[]).flatMap((id) => {
        const a = attachments.get(id);
        return a ? [a] : [];
      }),
      justification: r.justification,
      messageId: r.message_id,
      status: r.status,
      reviewedBy: named.person(r.reviewed_by),
      reviewedAt: r.reviewed_at,
      reviewComment: r.review_comment,
    }));
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}
