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
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog, NewEvent } from '../../platform/events/event-log.ts';
import { type Locale, text, translate } from '../../platform/i18n/i18n.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as deliveriesRepo from './deliveries.repository.ts';
import type { Mailer } from './mailer.ts';
import {
  composeMail,
  type NoticeText,
  noticeIn,
  rendererFor,
  STORED_LOCALE,
  textsColumn,
} from './notice-texts.ts';
import { DEFAULT_EMAIL, DIGEST_TIME } from './notification-defaults.ts';
import { sendDigests } from './notification-digest.ts';
import * as repo from './notifications.repository.ts';
import type { OutboxWorker } from './outbox.worker.ts';
import { type OutboxRowInput, outboxRow } from './outbox-rows.ts';
import type { OutgoingNotice } from './webhook-formats.ts';
import * as webhooksRepo from './webhooks.repository.ts';

export interface NoticeInput {
  kind: NotificationKind;
  /**
   * A catalogue text, rendered for each recipient in their language (`text('tasks.notices.assigned.title',
   * …)`); a plain string is taken as is, for every reader.
   */
  title: NoticeText;
  body: NoticeText;
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

/** A person as the notification center needs them: where to write, in which language. */
export interface Contact {
  id: string;
  email: string | null;
  displayName: string;
  locale: Locale;
  active: boolean;
}

/**
 * Who people are, asked of the users module (wired in services.ts, so notifications does not
 * import users, which notifies through here). Runs on the caller's executor.
 */
export interface People {
  contacts(db: Executor, ids: readonly string[]): Promise<Contact[]>;
}

export interface NotificationsDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  jobs: JobQueue;
  mailer: Mailer;
  outbox: OutboxWorker;
  people: People;
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
    const render = rendererFor(input);
    const stored = render(STORED_LOCALE);
    await repo.insertNotice(trx, {
      id: noticeId,
      kind: input.kind,
      title: stored.title,
      body: stored.body,
      texts: textsColumn(input),
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
    const contacts = await this.#deps.people.contacts(
      trx,
      input.actorId ? [...wanted, input.actorId] : wanted,
    );
    const wantedSet = new Set(wanted);
    const people = contacts.filter((c) => c.active && wantedSet.has(c.id));
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
      ? (contacts.find((c) => c.id === input.actorId)?.displayName ?? null)
      : null;
    const mailing = this.#deps.mailer.enabled;
    const rows = [];
    const outbox = [];
    const events: NewEvent[] = [];
    for (const person of people) {
      const pref = prefs.get(person.id);
      const inApp = pref ? pref.in_app === 1 : true;
      const email = mailing && person.email ? (pref?.email ?? DEFAULT_EMAIL[input.kind]) : 'off';
      const words = render(person.locale);
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
        outbox.push(this.#emailDelivery(noticeId, input, { ...person, email: person.email! }, words, now));
      }
      if (inApp) {
        const notification: Notification = {
          id,
          kind: input.kind,
          title: words.title,
          body: words.body,
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
    for (const hook of await webhooksRepo.enabled(trx)) {
      if (
        input.onlyWebhookId ? hook.id !== input.onlyWebhookId : !webhookWants(hook, input.kind, departmentIds)
      ) {
        continue;
      }
      // A robot posts into a group: it speaks the webhook's language, not any one reader's.
      const words = render(hook.locale);
      const outgoing: OutgoingNotice = {
        noticeId,
        kind: input.kind,
        title: words.title,
        body: words.body,
        url: this.#absolute(input.link ?? null),
        inboxUrl: `${this.#deps.publicUrl}/notifications`,
        locale: hook.locale,
        createdAt: now,
      };
      outbox.push(
        this.#row({
          noticeId,
          kind: input.kind,
          channel: 'webhook',
          recipientId: null,
          webhookId: hook.id,
          target: hook.name,
          subject: words.title,
          payload: outgoing,
          now,
        }),
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

  /** The caller's inbox, each notice in `locale` (the request's language). */
  async list(ctx: ActorContext, query: NotificationListQuery, locale: Locale): Promise<NotificationPage> {
    const [{ rows, total }, unread] = await Promise.all([
      repo.listInbox(this.#deps.db, ctx.actor.userId, query),
      repo.unreadCount(this.#deps.db, ctx.actor.userId),
    ]);
    const actors = new Map(
      (
        await this.#deps.people.contacts(this.#deps.db, [
          ...new Set(rows.flatMap((r) => (r.actor_id ? [r.actor_id] : []))),
        ])
      ).map((c) => [c.id, c.displayName]),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        ...noticeIn(locale, r),
        link: r.link,
        subject:
          r.subject_type && r.subject_id
            ? ({ type: r.subject_type, id: r.subject_id } as NotificationSubject)
            : null,
        actorName: r.actor_id ? (actors.get(r.actor_id) ?? null) : null,
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
   * last one, in their language. Returns how many digests were queued.
   */
  sendDigests(): Promise<number> {
    return sendDigests(this.#deps);
  }

  #emailDelivery(
    noticeId: string,
    input: NoticeInput,
    person: Contact & { email: string },
    words: { title: string; body: string },
    now: string,
  ) {
    const subject = translate(person.locale, text('notifications.email.subject', { title: words.title }));
    const mail = composeMail(person.locale, this.#deps.publicUrl, subject, [
      { ...words, url: this.#absolute(input.link ?? null) },
    ]);
    return this.#row({
      noticeId,
      kind: input.kind,
      channel: 'email',
      recipientId: person.id,
      webhookId: null,
      target: person.email,
      subject,
      payload: { ...mail, to: person.email },
      now,
    });
  }

  #row(input: Omit<OutboxRowInput, 'maxAttempts'>) {
    return outboxRow({ ...input, maxAttempts: this.#deps.maxAttempts ?? 8 });
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
