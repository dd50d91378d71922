import {
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationKind,
  type NotificationListQuery,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationSubject,
  type UpdatePreferencesRequest,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { EventLog, NewEvent } from '../../platform/events/event-log.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as deliveriesRepo from './deliveries.repository.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';
import { DEFAULT_EMAIL, DIGEST_TIME } from './notification-defaults.ts';
import * as repo from './notifications.repository.ts';
import type { OutboxWorker } from './outbox.worker.ts';
import type { OutgoingNotice } from './webhook-formats.ts';
import * as webhooksRepo from './webhooks.repository.ts';

export interface NoticeInput {
  kind: NotificationKind;
  title: string;
  body: string;
  /** Path inside the web app, e.g. `/tasks/<id>`. */
  link?: string | null;
  subject?: NotificationSubject | null;
  /** Who caused it; never notified of their own action. */
  actorId?: string | null;
  recipientIds: readonly string[];
  /** Departments it concerns, for webhooks subscribed to one department. */
  departmentIds?: readonly string[];
  /** Deliver to this webhook only, and to nobody else (a webhook test). */
  onlyWebhookId?: string;
}

export interface NotificationsDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  jobs: JobQueue;
  mailer: Mailer;
  outbox: OutboxWorker;
  /** Absolute base URL of the web app, for links in emails and robot messages. */
  publicUrl: string;
  /** Attempts before an email or webhook call is dead-lettered. */
  maxAttempts?: number;
}

const DIGEST_KIND = 'notifications.digest';
const PRUNE_KIND = 'notifications.prune';
/** Sent emails and webhook calls are kept this long for looking into what went out. */
const SENT_KEEP_DAYS = 30;

/**
 * The one way every module tells people something. `notify` runs inside the caller's transaction:
 * the inbox rows, the live event and the outbox rows (emails, webhook calls) exist exactly when
 * the change that caused them does. After committing, the caller calls `committed()`.
 */
export class NotificationsService {
  readonly #deps: NotificationsDeps;

  constructor(deps: NotificationsDeps) {
    this.#deps = deps;
    deps.jobs.register({ kind: DIGEST_KIND, run: () => this.sendDigests().then(() => undefined) });
    deps.jobs.schedule({ name: 'daily digest', kind: DIGEST_KIND, when: { every: 'day', ...DIGEST_TIME } });
    deps.jobs.register({ kind: PRUNE_KIND, run: () => this.pruneSent().then(() => undefined) });
    deps.jobs.schedule({
      name: 'delivery pruning',
      kind: PRUNE_KIND,
      when: { every: 'day', hour: 4, minute: 40 },
    });
  }

  /** Deletes deliveries sent more than SENT_KEEP_DAYS ago; returns how many. */
  pruneSent(): Promise<number> {
    const before = new Date(this.#deps.clock.now().getTime() - SENT_KEEP_DAYS * 86_400_000).toISOString();
    return deliveriesRepo.pruneSent(this.#deps.db, before);
  }

  get emailEnabled(): boolean {
    return this.#deps.mailer.enabled;
  }

  async notify(trx: Transaction<DB>, input: NoticeInput): Promise<{ noticeId: string; recipients: number }> {
    const now = this.#deps.clock.now().toISOString();
    const noticeId = newId();
    const departmentIds = [...new Set(input.departmentIds ?? [])];
    await repo.insertNotice(trx, {
      id: noticeId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      subject_type: input.subject?.type ?? null,
      subject_id: input.subject?.id ?? null,
      actor_id: input.actorId ?? null,
      department_ids: JSON.stringify(departmentIds),
      created_at: now,
    });
    const wanted = input.onlyWebhookId
      ? []
      : [...new Set(input.recipientIds)].filter((id) => id !== input.actorId);
    const people = await repo.recipients(trx, wanted);
    const prefs = new Map(
      (
        await repo.preferencesOf(
          trx,
          people.map((p) => p.id),
          input.kind,
        )
      ).map((p) => [p.user_id, p]),
    );
    const actorName = input.actorId
      ? ((await repo.recipients(trx, [input.actorId]))[0]?.display_name ?? null)
      : null;
    const mailing = this.#deps.mailer.enabled;
    const rows = [];
    const outbox = [];
    const events: NewEvent[] = [];
    for (const person of people) {
      const pref = prefs.get(person.id);
      const inApp = pref ? pref.in_app === 1 : true;
      const email = mailing && person.email ? (pref?.email ?? DEFAULT_EMAIL[input.kind]) : 'off';
      const id = newId();
      rows.push({
        id,
        notice_id: noticeId,
        user_id: person.id,
        in_app: inApp ? 1 : 0,
        read_at: null,
        digest_pending: email === 'digest' ? 1 : 0,
        created_at: now,
      });
      if (email === 'instant') {
        outbox.push(this.#emailDelivery(noticeId, input, person.id, person.email!, now));
      }
      if (inApp) {
        const notification: Notification = {
          id,
          kind: input.kind,
          title: input.title,
          body: input.body,
          link: input.link ?? null,
          subject: input.subject ?? null,
          actorName,
          createdAt: now,
          readAt: null,
        };
        events.push({
          userIds: [person.id],
          payload: { type: 'notification.created', notification },
        });
      }
    }
    const outgoing: OutgoingNotice = {
      noticeId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      url: this.#absolute(input.link ?? null),
      inboxUrl: `${this.#deps.publicUrl}/notifications`,
      createdAt: now,
    };
    for (const hook of await webhooksRepo.enabled(trx)) {
      if (
        input.onlyWebhookId ? hook.id !== input.onlyWebhookId : !webhookWants(hook, input.kind, departmentIds)
      ) {
        continue;
      }
      outbox.push(
        this.#delivery(noticeId, input.kind, 'webhook', null, hook.id, hook.name, input.title, outgoing, now),
      );
    }
    await repo.insertNotifications(trx, rows);
    await deliveriesRepo.insertMany(trx, outbox);
    if (events.length > 0) await this.#deps.events.append(trx, ...events);
    return { noticeId, recipients: rows.length };
  }

  /** After the transaction that called `notify` commits: live delivery and the outbox start now. */
  committed(): void {
    this.#deps.events.committed();
    this.#deps.outbox.wake();
  }

  async list(ctx: ActorContext, query: NotificationListQuery): Promise<NotificationPage> {
    const [{ rows, total }, unread] = await Promise.all([
      repo.listInbox(this.#deps.db, ctx.actor.userId, query),
      repo.unreadCount(this.#deps.db, ctx.actor.userId),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        subject:
          r.subject_type && r.subject_id
            ? ({ type: r.subject_type, id: r.subject_id } as NotificationSubject)
            : null,
        actorName: r.actor_name,
        createdAt: r.created_at,
        readAt: r.read_at,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
      unread,
    };
  }

  unreadCount(ctx: ActorContext): Promise<number> {
    return repo.unreadCount(this.#deps.db, ctx.actor.userId);
  }

  /** Marks the caller's notices read (all of them without ids); other tabs hear the new count. */
  async markRead(ctx: ActorContext, ids: readonly string[] | undefined): Promise<number> {
    const userId = ctx.actor.userId;
    const unread = await this.#deps.db.transaction().execute(async (trx) => {
      const changed = await repo.markRead(trx, userId, ids ?? null, this.#deps.clock.now().toISOString());
      const left = await repo.unreadCount(trx, userId);
      if (changed > 0) {
        await this.#deps.events.append(trx, {
          userIds: [userId],
          payload: { type: 'notification.read', unread: left },
        });
      }
      return left;
    });
    this.#deps.events.committed();
    return unread;
  }

  async preferences(ctx: ActorContext): Promise<NotificationPreferences> {
    const stored = new Map(
      (await repo.preferencesOf(this.#deps.db, [ctx.actor.userId])).map((p) => [p.kind, p]),
    );
    return {
      items: NOTIFICATION_KINDS.map((kind) => {
        const p = stored.get(kind);
        return { kind, inApp: p ? p.in_app === 1 : true, email: p?.email ?? DEFAULT_EMAIL[kind] };
      }),
      email: ctx.actor.profile.email ?? null,
      emailEnabled: this.#deps.mailer.enabled,
      digestTime: `${String(DIGEST_TIME.hour).padStart(2, '0')}:${String(DIGEST_TIME.minute).padStart(2, '0')}`,
    };
  }

  async updatePreferences(
    ctx: ActorContext,
    body: UpdatePreferencesRequest,
  ): Promise<NotificationPreferences> {
    await this.#deps.db.transaction().execute(async (trx) => {
      for (const item of body.items) {
        await repo.upsertPreference(trx, {
          user_id: ctx.actor.userId,
          kind: item.kind,
          in_app: item.inApp ? 1 : 0,
          email: item.email,
        });
      }
      await this.#deps.audit.record(trx, ctx, {
        action: 'notification.preferences.changed',
        targetType: 'user',
        targetId: ctx.actor.userId,
        summary: {
          after: Object.fromEntries(
            body.items.map((i) => [i.kind, `${i.inApp ? 'inbox' : 'no-inbox'}/${i.email}`]),
          ),
        },
      });
    });
    return this.preferences(ctx);
  }

  /**
   * The daily digest: one email per person listing what they chose to get by digest since the
   * last one. Returns how many digests were queued.
   */
  async sendDigests(): Promise<number> {
    let queued = 0;
    for (;;) {
      const users = await repo.usersWithDigest(this.#deps.db, 100);
      if (users.length === 0) break;
      for (const userId of users) {
        await this.#deps.db.transaction().execute(async (trx) => {
          const items = await repo.pendingDigest(trx, userId);
          const [person] = await repo.recipients(trx, [userId]);
          await repo.clearDigest(
            trx,
            items.map((i) => i.id),
          );
          if (!person?.email || items.length === 0 || !this.#deps.mailer.enabled) return;
          const now = this.#deps.clock.now().toISOString();
          const lines = items.map((i) => ({ title: i.title, body: i.body, url: this.#absolute(i.link) }));
          const subject = `【联络】每日摘要：${items.length} 条通知`;
          const mail = this.#mail(subject, lines);
          await deliveriesRepo.insertMany(trx, [
            this.#delivery(
              null,
              null,
              'email',
              userId,
              null,
              person.email,
              subject,
              { ...mail, to: person.email },
              now,
            ),
          ]);
          queued += 1;
        });
      }
    }
    if (queued > 0) this.#deps.outbox.wake();
    return queued;
  }

  #emailDelivery(noticeId: string, input: NoticeInput, userId: string, to: string, now: string) {
    const subject = `【联络】${input.title}`;
    const mail = this.#mail(subject, [
      { title: input.title, body: input.body, url: this.#absolute(input.link ?? null) },
    ]);
    return this.#delivery(noticeId, input.kind, 'email', userId, null, to, subject, { ...mail, to }, now);
  }

  #delivery(
    noticeId: string | null,
    kind: NotificationKind | null,
    channel: 'email' | 'webhook',
    recipientId: string | null,
    webhookId: string | null,
    target: string,
    subject: string,
    payload: object,
    now: string,
  ) {
    const base = this.#deliveryBase(noticeId, kind, channel, recipientId, webhookId, target, subject, now);
    // An email's Message-ID is fixed per delivery, so a resend is recognisable as the same mail.
    const body = channel === 'email' ? { ...payload, messageId: `<${base.id}@liaison>` } : payload;
    return { ...base, payload: JSON.stringify(body) };
  }

  #deliveryBase(
    noticeId: string | null,
    kind: NotificationKind | null,
    channel: 'email' | 'webhook',
    recipientId: string | null,
    webhookId: string | null,
    target: string,
    subject: string,
    now: string,
  ) {
    return {
      id: newId(),
      notice_id: noticeId,
      channel,
      kind,
      recipient_id: recipientId,
      webhook_id: webhookId,
      target,
      subject,
      status: 'pending' as const,
      attempts: 0,
      max_attempts: this.#deps.maxAttempts ?? 8,
      next_attempt_at: now,
      locked_by: null,
      locked_until: null,
      last_error: null,
      sent_at: null,
      created_at: now,
      updated_at: now,
    };
  }

  #mail(
    subject: string,
    items: { title: string; body: string; url: string | null }[],
  ): Omit<OutgoingMail, 'to' | 'messageId'> {
    const settings = `${this.#deps.publicUrl}/notifications/settings`;
    const text = [
      ...items.map((i) => [i.title, i.body, i.url].filter(Boolean).join('\n')),
      `——\n联络 · 通知设置：${settings}`,
    ].join('\n\n');
    const html = [
      ...items.map(
        (i) =>
          `<p><strong>${escapeHtml(i.title)}</strong><br>${escapeHtml(i.body).replace(/\n/g, '<br>')}${
            i.url ? `<br><a href="${escapeHtml(i.url)}">查看详情</a>` : ''
          }</p>`,
      ),
      `<p style="color:#888">联络 · <a href="${escapeHtml(settings)}">通知设置</a></p>`,
    ].join('\n');
    return { subject, text, html };
  }

  #absolute(link: string | null): string | null {
    return link ? `${this.#deps.publicUrl}${link}` : null;
  }
}

function webhookWants(
  hook: { kinds: string; department_id: string | null },
  kind: NotificationKind,
  departmentIds: readonly string[],
): boolean {
  if (kind === 'system.test') return false;
  const kinds = JSON.parse(hook.kinds) as string[];
  if (kinds.length > 0 && !kinds.includes(kind)) return false;
  return hook.department_id === null || departmentIds.includes(hook.department_id);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
