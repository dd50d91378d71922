import { type AnnouncementDetail, Audience, type CorrectAnnouncementRequest } from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { htmlToText, sanitizeHtml } from '../../platform/text/html.ts';
import type { ApprovalOutcome, ApprovalsService } from '../approvals/approvals.service.ts';
import type { AudiencesService } from '../audiences/audiences.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { announcementPreview } from './announcement-preview.ts';
import type { AnnouncementRemindersService } from './announcement-reminders.service.ts';
import type { AnnouncementAccess } from './announcements.access.ts';
import * as repo from './announcements.repository.ts';

export interface AnnouncementPublishingDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  notifications: NotificationsService;
  approvals: ApprovalsService;
  audiences: AudiencesService;
  calendar: CalendarService;
  jobs: JobQueue;
  access: AnnouncementAccess;
  reminders: AnnouncementRemindersService;
}

/** Without an acknowledgement deadline, reading within this many working hours is on time. */
export const READ_WITHIN_WORKING_HOURS = 24;
/** Up to this many recipients each also get an inbox notice; larger audiences see the feed and the live event. */
export const NOTIFY_UP_TO = 2000;
const SWEEP = 'announcements.sweep';

/**
 * The publishing lifecycle (信息发布): drafts, approval through the approval engine when the
 * category or importance needs it, scheduled or immediate publication — which resolves the
 * audience into recipient rows in one statement —, corrections as revisions with a note,
 * withdrawal and expiry.
 */
export class AnnouncementPublishingService {
  readonly #deps: AnnouncementPublishingDeps;

  constructor(deps: AnnouncementPublishingDeps) {
    this.#deps = deps;
    deps.approvals.registerSubject('announcement', {
      onOutcome: (trx, id, outcome, ctx) => this.#approvalOutcome(trx, id, outcome, ctx),
      canView: async (ctx, id, exec) => {
        const row = await deps.access.find(exec, id);
        return row ? deps.access.manages(ctx, row) : false;
      },
      preview: async (exec, id) => {
        const row = await deps.access.find(exec, id);
        if (!row) return null;
        const audience = Audience.parse(JSON.parse(row.audience));
        const [names, files] = await Promise.all([
          deps.audiences.names(exec, audience),
          repo.filesOf(exec, [id]),
        ]);
        return announcementPreview(row, audience, names, files);
      },
    });
    deps.jobs.register({ kind: SWEEP, run: () => this.sweep().then(() => undefined) });
    deps.jobs.schedule({
      name: 'announcement publishing',
      kind: SWEEP,
      when: { every: 'minutes', interval: 1 },
    });
  }

  /**
   * Sends a draft on its way: into approval when its category or importance requires it, else
   * scheduled or published at once. The audience must reach somebody.
   */
  async submit(ctx: ActorContext, id: string): Promise<AnnouncementDetail> {
    const row = await this.#deps.access.visible(ctx, id);
    if (!this.#deps.access.canEdit(ctx, row))
      throw errors.forbidden(text('announcements.errors.onlyAuthorSubmits'));
    if (row.status !== 'draft' && row.status !== 'returned')
      throw errors.conflict(
        text('announcements.errors.notSubmittable', { status: text(`announcements.statuses.${row.status}`) }),
      );
    const audience = Audience.parse(JSON.parse(row.audience));
    const reach = await this.#deps.audiences.reach(this.#deps.db, audience);
    if (reach.recipients === 0) throw errors.invalidField('audience', 'The audience reaches nobody.');
    const category = (await repo.findCategory(this.#deps.db, row.category_id))!;
    const needsApproval = category.requires_approval === 1 || row.importance === 'major';
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.submitted',
        targetType: 'announcement',
        targetId: id,
        summary: { needsApproval, recipients: reach.recipients },
      });
      if (!needsApproval) {
        await this.#release(trx, ctx, id);
        return;
      }
      await repo.update(trx, id, { status: 'in_approval', updated_at: this.#deps.clock.now().toISOString() });
      const attributes = {
        importance: row.importance,
        category: category.key,
        requiresAck: row.requires_ack === 1,
      };
      const result =
        row.status === 'returned' && row.approval_id
          ? await this.#deps.approvals.resubmit(trx, ctx, row.approval_id, attributes)
          : await this.#deps.approvals.submit(trx, ctx, {
              subjectType: 'announcement',
              subjectId: id,
              title: `${category.name}：${row.title}`,
              link: `/announcements/${id}`,
              departmentId: row.publishing_department_id,
              attributes,
            });
      await repo.update(trx, id, { approval_id: result.id });
    });
    this.#deps.notifications.committed();
    return this.#deps.access.detail(ctx, id);
  }

  async #approvalOutcome(
    trx: Transaction<DB>,
    id: string,
    outcome: ApprovalOutcome,
    ctx: ActorContext,
  ): Promise<void> {
    const now = this.#deps.clock.now().toISOString();
    if (outcome === 'approved') await this.#release(trx, ctx, id);
    else if (outcome === 'returned') await repo.update(trx, id, { status: 'returned', updated_at: now });
    else
      await repo.update(trx, id, {
        status: 'draft',
        approval_id: outcome === 'withdrawn' ? null : undefined,
        updated_at: now,
      });
  }

  /** Publishes now, or schedules for the effective date. */
  async #release(trx: Transaction<DB>, ctx: ActorContext, id: string): Promise<void> {
    const row = (await this.#deps.access.find(trx, id))!;
    const now = this.#deps.clock.now();
    if (new Date(row.effective_at) > now) {
      await repo.update(trx, id, { status: 'scheduled', updated_at: now.toISOString() });
      return;
    }
    await this.#publish(trx, ctx, id);
  }

  async #publish(trx: Transaction<DB>, ctx: ActorContext | null, id: string): Promise<void> {
    const row = (await this.#deps.access.find(trx, id))!;
    const now = this.#deps.clock.now();
    const audience = Audience.parse(JSON.parse(row.audience));
    const count = await repo.insertRecipients(
      trx,
      id,
      await this.#deps.audiences.membersQuery(trx, audience),
      now.toISOString(),
    );
    const deadline =
      row.requires_ack && row.ack_deadline
        ? row.ack_deadline
        : (await this.#deps.calendar.working(trx))
            .addWorkingHours(now, READ_WITHIN_WORKING_HOURS)
            .toISOString();
    await repo.update(trx, id, {
      status: 'published',
      published_at: now.toISOString(),
      deadline_at: deadline,
      recipient_count: count,
      updated_at: now.toISOString(),
    });
    await repo.insertRevision(trx, {
      id: newId(),
      announcement_id: id,
      revision: row.revision,
      title: row.title,
      body_html: row.body_html,
      note: null,
      editor_id: row.created_by,
      created_at: now.toISOString(),
    });
    await this.#deps.audit.record(trx, ctx ?? { actor: null, ip: null, requestId: null, userAgent: null }, {
      action: 'announcement.published',
      targetType: 'announcement',
      targetId: id,
      summary: { title: row.title, recipients: count },
    });
    if (count <= NOTIFY_UP_TO) {
      const recipients = await repo.notDoneIds(trx, id, 'all', 'unread');
      await this.#deps.notifications.notify(trx, {
        kind: 'announcement.published',
        title: text('announcements.notices.published.title', {
          category: row.category_name,
          title: row.title,
        }),
        body: text(
          row.requires_ack
            ? 'announcements.notices.published.bodyAck'
            : 'announcements.notices.published.body',
          {
            department: row.department_name,
          },
        ),
        link: `/announcements/${id}`,
        subject: { type: 'announcement', id },
        actorId: ctx?.actor?.userId ?? null,
        recipientIds: recipients,
        departmentIds: [row.publishing_department_id],
      });
    }
    await this.#broadcast(trx, id);
  }

  async correct(
    ctx: ActorContext,
    id: string,
    body: CorrectAnnouncementRequest,
  ): Promise<AnnouncementDetail> {
    const row = await this.#deps.access.visible(ctx, id);
    if (!this.#deps.access.canEdit(ctx, row))
      throw errors.forbidden(text('announcements.errors.onlyAuthorCorrects'));
    if (row.status !== 'published') throw errors.conflict(text('announcements.errors.notCorrectable'));
    const title = body.title ?? row.title;
    const html = body.bodyHtml !== undefined ? sanitizeHtml(body.bodyHtml) : row.body_html;
    const plain = htmlToText(html);
    if (!plain) throw errors.invalidField('bodyHtml', 'The announcement has no text.');
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      const revision = row.revision + 1;
      await repo.update(trx, id, {
        title,
        body_html: html,
        body_text: plain,
        search_text: `${title}\n${plain}`.toLowerCase(),
        revision,
        updated_at: now,
      });
      await repo.insertRevision(trx, {
        id: newId(),
        announcement_id: id,
        revision,
        title,
        body_html: html,
        note: body.note,
        editor_id: ctx.actor.userId,
        created_at: now,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.corrected',
        targetType: 'announcement',
        targetId: id,
        summary: { revision, note: body.note, titleChanged: title !== row.title },
      });
      await this.#broadcast(trx, id);
    });
    return this.#deps.access.detail(ctx, id);
  }

  async withdraw(ctx: ActorContext, id: string): Promise<AnnouncementDetail> {
    const row = await this.#deps.access.visible(ctx, id);
    if (!this.#deps.access.canEdit(ctx, row))
      throw errors.forbidden(text('announcements.errors.onlyAuthorWithdraws'));
    if (!['in_approval', 'scheduled', 'published', 'returned'].includes(row.status)) {
      throw errors.conflict(
        text('announcements.errors.notWithdrawable', {
          status: text(`announcements.statuses.${row.status}`),
        }),
      );
    }
    await this.#deps.db.transaction().execute(async (trx) => {
      if ((row.status === 'in_approval' || row.status === 'returned') && row.approval_id) {
        await this.#deps.approvals.withdrawIn(trx, ctx, row.approval_id, null);
      }
      await repo.update(trx, id, { status: 'withdrawn', updated_at: this.#deps.clock.now().toISOString() });
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.withdrawn',
        targetType: 'announcement',
        targetId: id,
        summary: { from: row.status },
      });
      await this.#broadcast(trx, id);
    });
    this.#deps.notifications.committed();
    return this.#deps.access.detail(ctx, id);
  }

  /**
   * Every minute: publish what became effective, expire what ran out, and remind those who have not
   * acknowledged a few working hours before the deadline. Returns how many announcements changed.
   */
  async sweep(): Promise<number> {
    const now = this.#deps.clock.now();
    const nowIso = now.toISOString();
    let changed = 0;
    for (const { id } of await repo.dueToPublish(this.#deps.db, nowIso)) {
      await this.#deps.db.transaction().execute(async (trx) => {
        const row = await repo.lockById(trx, this.#deps.dialect, id);
        if (row?.status === 'scheduled') await this.#publish(trx, null, id);
      });
      changed += 1;
    }
    for (const { id } of await repo.dueToExpire(this.#deps.db, nowIso)) {
      await this.#deps.db.transaction().execute(async (trx) => {
        await repo.update(trx, id, { status: 'expired', updated_at: nowIso });
        await this.#broadcast(trx, id);
      });
      changed += 1;
    }
    changed += await this.#deps.reminders.sendDue(now);
    if (changed > 0) this.#deps.notifications.committed();
    return changed;
  }

  async #broadcast(trx: Transaction<DB>, id: string): Promise<void> {
    await this.#deps.events.append(trx, {
      payload: { type: 'announcement.changed', announcementId: id },
    });
  }
}
