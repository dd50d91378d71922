import type { Readable } from 'node:stream';
import {
  type Announcement,
  type AnnouncementCategory,
  type AnnouncementDetail,
  type AnnouncementListQuery,
  type AnnouncementStats,
  Audience,
  type CorrectAnnouncementRequest,
  type CreateAnnouncementRequest,
  can,
  type OnTimeQuery,
  type OnTimeReport,
  type Page,
  type SaveCategoryRequest,
  type UpdateAnnouncementRequest,
  type UserRef,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { fromWallClock, wallClock } from '../../platform/jobs/schedule.ts';
import {
  addFacts,
  factsFromRow,
  NO_FACTS,
  onTimeTally,
  type TimelinessFacts,
} from '../../platform/kpi/timeliness.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { storeUpload } from '../../platform/storage/uploads.ts';
import { htmlToText, sanitizeHtml } from '../../platform/text/html.ts';
import type { ApprovalOutcome, ApprovalsService } from '../approvals/approvals.service.ts';
import type { AudiencesService } from '../audiences/audiences.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import { announcementPreview } from './announcement-preview.ts';
import * as repo from './announcements.repository.ts';

export interface AnnouncementsDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  notifications: NotificationsService;
  approvals: ApprovalsService;
  audiences: AudiencesService;
  departments: DepartmentsService;
  users: UserLookupService;
  calendar: CalendarService;
  jobs: JobQueue;
  blobs: BlobStore;
  maxFileBytes: number;
}

/** The on-time target of internal information delivery. */
export const ON_TIME_TARGET = 0.95;
/** Without an acknowledgement deadline, reading within this many working hours is on time. */
export const READ_WITHIN_WORKING_HOURS = 24;
/** The automatic reminder goes this many working hours before an acknowledgement deadline. */
export const REMIND_BEFORE_WORKING_HOURS = 4;
/** Up to this many recipients each also get an inbox notice; larger audiences see the feed and the live event. */
export const NOTIFY_UP_TO = 2000;
const SWEEP = 'announcements.sweep';

/**
 * Information publishing (信息发布): announcements by category, to everyone, departments, teams,
 * named people and external organisations' contacts; approval through the approval engine when the
 * category or importance needs it; publication resolves the audience into recipient rows in one
 * statement, which then hold each person's first read and acknowledgement for the statistics and
 * the on-time measure. Corrections are revisions with a note.
 */
export class AnnouncementsService {
  readonly #deps: AnnouncementsDeps;

  constructor(deps: AnnouncementsDeps) {
    this.#deps = deps;
    deps.approvals.registerSubject('announcement', {
      onOutcome: (trx, id, outcome, ctx) => this.#approvalOutcome(trx, id, outcome, ctx),
      canView: async (ctx, id, exec) => {
        const row = await this.#find(exec, id);
        return row ? this.#manages(ctx, row) : false;
      },
      preview: async (exec, id) => {
        const row = await this.#find(exec, id);
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

  async categories(): Promise<AnnouncementCategory[]> {
    return (await repo.categories(this.#deps.db)).map(toCategory);
  }

  async saveCategory(
    ctx: ActorContext,
    id: string | null,
    body: SaveCategoryRequest,
  ): Promise<AnnouncementCategory> {
    const now = this.#deps.clock.now().toISOString();
    const categoryId = id ?? newId();
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = id ? await repo.findCategory(trx, id) : undefined;
      if (id && !before) throw errors.notFound('Category');
      const taken = (await repo.categories(trx)).some((c) => c.key === body.key && c.id !== id);
      if (taken) throw errors.conflict('A category with this key already exists.');
      const fields = {
        key: body.key,
        name: body.name,
        requires_approval: body.requiresApproval ? 1 : 0,
        sort_order: body.sortOrder,
        updated_at: now,
      };
      if (before) await repo.updateCategory(trx, categoryId, fields);
      else await repo.insertCategory(trx, { id: categoryId, ...fields, created_at: now });
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.category.changed',
        targetType: 'announcement_category',
        targetId: categoryId,
        summary: { before: before ? toCategory(before) : null, after: body },
      });
    });
    return toCategory((await repo.findCategory(this.#deps.db, categoryId))!);
  }

  async create(ctx: ActorContext, body: CreateAnnouncementRequest): Promise<AnnouncementDetail> {
    const fields = await this.#validate(ctx, body);
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.insert(trx, {
        id,
        ...fields,
        created_by: ctx.actor.userId,
        status: 'draft',
        approval_id: null,
        published_at: null,
        deadline_at: null,
        reminded_at: null,
        revision: 1,
        recipient_count: 0,
        created_at: now,
        updated_at: now,
      });
      await this.#attach(trx, ctx, id, body.fileIds);
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.created',
        targetType: 'announcement',
        targetId: id,
        summary: {
          title: body.title,
          categoryId: body.categoryId,
          importance: body.importance,
          audience: body.audience,
        },
      });
    });
    return this.get(ctx, id);
  }

  async update(ctx: ActorContext, id: string, body: UpdateAnnouncementRequest): Promise<AnnouncementDetail> {
    const row = await this.#visible(ctx, id);
    if (!this.#canEdit(ctx, row)) throw errors.forbidden('Only its author or owner may change a draft.');
    if (row.status !== 'draft' && row.status !== 'returned') {
      throw errors.conflict(
        'Only a draft or a returned announcement can be edited; correct a published one instead.',
      );
    }
    const merged: CreateAnnouncementRequest = {
      categoryId: body.categoryId ?? row.category_id,
      title: body.title ?? row.title,
      bodyHtml: body.bodyHtml ?? row.body_html,
      publishingDepartmentId: body.publishingDepartmentId ?? row.publishing_department_id,
      ownerId: body.ownerId ?? row.owner_id,
      effectiveAt: body.effectiveAt ?? row.effective_at,
      expiresAt: body.expiresAt !== undefined ? body.expiresAt : row.expires_at,
      pinned: body.pinned ?? row.pinned === 1,
      importance: body.importance ?? row.importance,
      requiresAck: body.requiresAck ?? row.requires_ack === 1,
      ackDeadline: body.ackDeadline !== undefined ? body.ackDeadline : row.ack_deadline,
      audience: body.audience ?? Audience.parse(JSON.parse(row.audience)),
      fileIds: body.fileIds ?? [],
    };
    const fields = await this.#validate(ctx, merged);
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.update(trx, id, { ...fields, updated_at: this.#deps.clock.now().toISOString() });
      if (body.fileIds) await this.#attach(trx, ctx, id, body.fileIds);
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.updated',
        targetType: 'announcement',
        targetId: id,
        summary: { changed: Object.keys(body) },
      });
    });
    return this.get(ctx, id);
  }

  /**
   * Sends a draft on its way: into approval when its category or importance requires it, else
   * scheduled or published at once. The audience must reach somebody.
   */
  async submit(ctx: ActorContext, id: string): Promise<AnnouncementDetail> {
    const row = await this.#visible(ctx, id);
    if (!this.#canEdit(ctx, row)) throw errors.forbidden('Only its author or owner may submit it.');
    if (row.status !== 'draft' && row.status !== 'returned')
      throw errors.conflict(`This announcement is ${row.status}.`);
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
    return this.get(ctx, id);
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
    const row = (await this.#find(trx, id))!;
    const now = this.#deps.clock.now();
    if (new Date(row.effective_at) > now) {
      await repo.update(trx, id, { status: 'scheduled', updated_at: now.toISOString() });
      return;
    }
    await this.#publish(trx, ctx, id);
  }

  async #publish(trx: Transaction<DB>, ctx: ActorContext | null, id: string): Promise<void> {
    const row = (await this.#find(trx, id))!;
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
        title: `${row.category_name}：${row.title}`,
        body: `${row.department_name}发布${row.requires_ack ? '，请阅读并确认' : ''}。`,
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
    const row = await this.#visible(ctx, id);
    if (!this.#canEdit(ctx, row)) throw errors.forbidden('Only its author or owner may correct it.');
    if (row.status !== 'published') throw errors.conflict('Only a published announcement can be corrected.');
    const title = body.title ?? row.title;
    const html = body.bodyHtml !== undefined ? sanitizeHtml(body.bodyHtml) : row.body_html;
    const text = htmlToText(html);
    if (!text) throw errors.invalidField('bodyHtml', 'The announcement has no text.');
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      const revision = row.revision + 1;
      await repo.update(trx, id, {
        title,
        body_html: html,
        body_text: text,
        search_text: `${title}\n${text}`.toLowerCase(),
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
    return this.get(ctx, id);
  }

  async withdraw(ctx: ActorContext, id: string): Promise<AnnouncementDetail> {
    const row = await this.#visible(ctx, id);
    if (!this.#canEdit(ctx, row)) throw errors.forbidden('Only its author or owner may withdraw it.');
    if (!['in_approval', 'scheduled', 'published', 'returned'].includes(row.status)) {
      throw errors.conflict(`This announcement is ${row.status}; there is nothing to withdraw.`);
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
    return this.get(ctx, id);
  }

  async list(ctx: ActorContext, query: AnnouncementListQuery): Promise<Page<Announcement>> {
    const me = ctx.actor.userId;
    let result: {
      rows: repo.AnnouncementListRow[];
      total: number;
    };
    if (query.view === 'feed') {
      await this.#catchUp(ctx);
      result = await repo.feed(this.#deps.db, me, query);
    } else {
      const scope = scopeFilter(ctx.actor, 'announcement.publish');
      const departments =
        scope.kind === 'all'
          ? 'all'
          : scope.kind === 'department'
            ? await this.#deps.departments.idsUnderPaths(this.#deps.db, [scope.path])
            : null;
      result = await repo.managed(this.#deps.db, me, departments, query);
    }
    const items = await this.#presentAll(ctx, await this.#named(this.#deps.db, result.rows));
    return { items, total: result.total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: ActorContext, id: string): Promise<AnnouncementDetail> {
    const row = await this.#visible(ctx, id);
    const revisions = await repo.revisions(this.#deps.db, id);
    const editors = await this.#deps.users.refs(
      this.#deps.db,
      revisions.map((r) => r.editor_id),
    );
    return {
      ...(await this.#presentAll(ctx, [row]))[0]!,
      revisions: revisions.map((r) => ({
        revision: r.revision,
        title: r.title,
        note: r.note,
        editor: editors.get(r.editor_id) ?? unknownUser(r.editor_id),
        createdAt: r.created_at,
      })),
    };
  }

  /** Records the caller's first read. */
  async read(ctx: ActorContext, id: string): Promise<{ readAt: string }> {
    const { recipient } = await this.#receivable(ctx, id);
    if (recipient.read_at) return { readAt: recipient.read_at };
    const now = this.#deps.clock.now().toISOString();
    await repo.markRead(this.#deps.db, id, ctx.actor.userId, now);
    return { readAt: now };
  }

  /** 确认已读. */
  async acknowledge(ctx: ActorContext, id: string): Promise<{ ackedAt: string }> {
    const { row, recipient } = await this.#receivable(ctx, id);
    if (row.requires_ack !== 1) throw errors.conflict('This announcement asks for no acknowledgement.');
    if (recipient.acked_at) return { ackedAt: recipient.acked_at };
    const now = this.#deps.clock.now().toISOString();
    await repo.markAcked(this.#deps.db, id, ctx.actor.userId, now);
    return { ackedAt: now };
  }

  async preview(audience: Audience): Promise<{ recipients: number; departments: number }> {
    return this.#deps.audiences.reach(this.#deps.db, audience);
  }

  async stats(ctx: ActorContext, id: string): Promise<AnnouncementStats> {
    const row = await this.#visible(ctx, id);
    const scope = await this.#recipientScope(ctx, row);
    const now = this.#deps.clock.now().toISOString();
    const rows = await repo.statsByDepartment(
      this.#deps.db,
      id,
      scope,
      row.requires_ack === 1,
      row.deadline_at,
      now,
    );
    const names = await this.#deps.departments.basicsOf(
      this.#deps.db,
      rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
    );
    let all = NO_FACTS;
    const departments = rows.map((r) => {
      const facts = factsFromRow(r);
      all = addFacts(all, facts);
      return {
        department: r.department_id
          ? { id: r.department_id, name: names.get(r.department_id)?.name ?? '' }
          : null,
        recipients: Number(r.recipients),
        read: Number(r.read),
        acknowledged: Number(r.acknowledged),
        ...readCounts(facts),
      };
    });
    const totals = {
      recipients: departments.reduce((n, d) => n + d.recipients, 0),
      read: departments.reduce((n, d) => n + d.read, 0),
      acknowledged: departments.reduce((n, d) => n + d.acknowledged, 0),
      ...readCounts(all),
    };
    departments.sort((a, b) => b.recipients - a.recipients);
    return {
      announcementId: id,
      deadline: row.deadline_at,
      totals,
      departments,
      onTimeRate: onTimeTally(all).rate,
    };
  }

  async notDone(
    ctx: ActorContext,
    id: string,
    query: { which: 'unread' | 'unacknowledged'; departmentId?: string; page: number; pageSize: number },
  ) {
    const row = await this.#visible(ctx, id);
    const scope = await this.#recipientScope(ctx, row);
    const departmentId = await this.#departmentWithin(query.departmentId, scope);
    const { rows, total } = await repo.notDone(this.#deps.db, id, scope, query.which, departmentId, query);
    // Names for this page alone: one query for the people, one for their departments.
    const [people, departments] = await Promise.all([
      this.#deps.users.refs(
        this.#deps.db,
        rows.map((r) => r.user_id),
      ),
      this.#deps.departments.basicsOf(
        this.#deps.db,
        rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
      ),
    ]);
    return {
      items: rows.map((r) => ({
        user: people.get(r.user_id) ?? unknownUser(r.user_id),
        department: r.department_id
          ? { id: r.department_id, name: departments.get(r.department_id)?.name ?? '' }
          : null,
        readAt: r.read_at,
        ackedAt: r.acked_at,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async remind(
    ctx: ActorContext,
    id: string,
    body: { which: 'unread' | 'unacknowledged'; departmentId?: string },
  ) {
    const row = await this.#visible(ctx, id);
    const scope = await this.#recipientScope(ctx, row);
    if (row.status !== 'published')
      throw errors.conflict('Only a published announcement has readers to remind.');
    const departmentId = await this.#departmentWithin(body.departmentId, scope);
    const ids = await repo.notDoneIds(this.#deps.db, id, scope, body.which, departmentId);
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#remindIn(trx, ctx, row, ids);
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.reminded',
        targetType: 'announcement',
        targetId: id,
        summary: { which: body.which, departmentId: departmentId ?? null, people: ids.length },
      });
    });
    this.#deps.notifications.committed();
    return { reminded: ids.length };
  }

  async #remindIn(trx: Transaction<DB>, ctx: ActorContext | null, row: AnnouncementRow, ids: string[]) {
    if (ids.length === 0) return;
    const deadline = row.deadline_at
      ? `，请在 ${this.#deps.calendar.formatShort(new Date(row.deadline_at))} 前${row.requires_ack ? '确认' : '阅读'}`
      : '';
    await this.#deps.notifications.notify(trx, {
      kind: 'announcement.reminder',
      title: `请${row.requires_ack ? '阅读并确认' : '阅读'}：${row.title}`,
      body: `${row.department_name}的${row.category_name}${deadline}。`,
      link: `/announcements/${row.id}`,
      subject: { type: 'announcement', id: row.id },
      actorId: ctx?.actor?.userId ?? null,
      recipientIds: ids,
      departmentIds: [row.publishing_department_id],
    });
  }

  /** Internal information on-time delivery rate per month (and per department), against the target. */
  async onTime(ctx: ActorContext, query: OnTimeQuery): Promise<OnTimeReport> {
    const scope = scopeFilter(ctx.actor, 'announcement.stats');
    if (scope.kind === 'none') throw errors.forbidden('You may not see publishing statistics.');
    let path: string | null = scope.kind === 'all' ? null : (ctx.actor.departmentPath ?? '/none/');
    if (query.departmentId) {
      const dept = (await this.#deps.departments.basicsOf(this.#deps.db, [query.departmentId])).get(
        query.departmentId,
      );
      if (!dept) throw errors.invalidField('departmentId', 'No such department.');
      if (path && !dept.path.startsWith(path))
        throw errors.forbidden('This department is outside your scope.');
      path = dept.path;
    }
    const departmentIds = path ? await this.#deps.departments.idsUnderPaths(this.#deps.db, [path]) : null;
    const tz = this.#deps.calendar.timeZone;
    const monthStart = (ym: string) => {
      const [y, m] = ym.split('-').map(Number);
      return fromWallClock({ year: y!, month: m!, day: 1, hour: 0, minute: 0, second: 0 }, tz);
    };
    if (query.from > query.to) throw errors.invalidField('to', 'The last month comes before the first.');
    const [ty, tm] = query.to.split('-').map(Number);
    const end = monthStart(tm === 12 ? `${ty! + 1}-01` : `${ty}-${String(tm! + 1).padStart(2, '0')}`);
    const rows = await repo.onTimeByMonth(
      this.#deps.db,
      monthStart(query.from).toISOString(),
      end.toISOString(),
      departmentIds,
      this.#deps.clock.now().toISOString(),
    );
    const departmentNames = await this.#deps.departments.basicsOf(
      this.#deps.db,
      rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
    );
    const months = new Map<
      string,
      {
        recipients: number;
        facts: TimelinessFacts;
        announcements: Set<string>;
        published: number;
        corrected: number;
      }
    >();
    for (let cursor = query.from; cursor <= query.to; ) {
      months.set(cursor, {
        recipients: 0,
        facts: NO_FACTS,
        announcements: new Set(),
        published: 0,
        corrected: 0,
      });
      const [y, m] = cursor.split('-').map(Number);
      cursor = m === 12 ? `${y! + 1}-01` : `${y}-${String(m! + 1).padStart(2, '0')}`;
    }
    const departments = new Map<string, { name: string; recipients: number; facts: TimelinessFacts }>();
    for (const r of rows) {
      const w = wallClock(new Date(r.published_at!), tz);
      const key = `${w.year}-${String(w.month).padStart(2, '0')}`;
      const month = months.get(key);
      if (!month) continue;
      const facts = factsFromRow(r);
      month.recipients += Number(r.recipients);
      month.facts = addFacts(month.facts, facts);
      month.announcements.add(r.announcement_id);
      if (r.department_id) {
        const d = departments.get(r.department_id) ?? {
          name: departmentNames.get(r.department_id)?.name ?? '',
          recipients: 0,
          facts: NO_FACTS,
        };
        d.recipients += Number(r.recipients);
        d.facts = addFacts(d.facts, facts);
        departments.set(r.department_id, d);
      }
    }
    // Information accuracy: every correction of a published announcement is a revision past the first.
    const published = await repo.publishedBetween(
      this.#deps.db,
      monthStart(query.from).toISOString(),
      end.toISOString(),
      departmentIds,
    );
    for (const a of published) {
      const w = wallClock(new Date(a.published_at!), tz);
      const month = months.get(`${w.year}-${String(w.month).padStart(2, '0')}`);
      if (!month) continue;
      month.published += 1;
      if (a.revision > 1) month.corrected += 1;
    }
    return {
      target: ON_TIME_TARGET,
      months: [...months.entries()].map(([month, m]) => ({
        month,
        recipients: m.recipients,
        ...onTimeTally(m.facts),
        announcements: m.announcements.size,
        corrected: m.corrected,
        accuracyRate: m.published > 0 ? 1 - m.corrected / m.published : null,
      })),
      departments: [...departments.entries()]
        .map(([id, d]) => ({
          department: { id, name: d.name },
          recipients: d.recipients,
          ...onTimeTally(d.facts),
        }))
        .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1)),
    };
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
    const calendar = await this.#deps.calendar.working();
    // An announcement is due for its reminder when now is within the last few working hours.
    const horizon = new Date(now.getTime() + 14 * 86_400_000).toISOString();
    for (const { id, ack_deadline } of await repo.dueForReminder(this.#deps.db, horizon, nowIso)) {
      const remindAt = calendar.addWorkingHours(new Date(ack_deadline!), -REMIND_BEFORE_WORKING_HOURS);
      if (remindAt > now) continue;
      await this.#deps.db.transaction().execute(async (trx) => {
        const row = (await this.#find(trx, id))!;
        await repo.update(trx, id, { reminded_at: nowIso });
        await this.#remindIn(trx, null, row, await repo.notDoneIds(trx, id, 'all', 'unacknowledged'));
      });
      changed += 1;
    }
    if (changed > 0) this.#deps.notifications.committed();
    return changed;
  }

  async uploadFile(ctx: ActorContext, file: { fileName: string; data: Buffer }) {
    const stored = await storeUpload(this.#deps, 'announcements', file, this.#deps.maxFileBytes);
    const row = {
      id: stored.id,
      announcement_id: null,
      uploader_id: ctx.actor.userId,
      file_name: stored.fileName,
      content_type: stored.contentType,
      size: stored.size,
      sha256: stored.sha256,
      blob_key: stored.blobKey,
      created_at: stored.createdAt,
    };
    await repo.insertFile(this.#deps.db, row);
    return toFile(row);
  }

  async openFile(
    ctx: ActorContext,
    id: string,
    fileId: string,
  ): Promise<{ file: ReturnType<typeof toFile>; stream: Readable }> {
    await this.#visible(ctx, id);
    const row = await repo.findFile(this.#deps.db, fileId);
    if (!row || row.announcement_id !== id) throw errors.notFound('File');
    return { file: toFile(row), stream: await this.#deps.blobs.get(row.blob_key) };
  }

  // ——— access ———

  /** The announcement if the caller may see it: a recipient, in its audience now, its manager or approver. */
  async #visible(ctx: ActorContext, id: string): Promise<AnnouncementRow> {
    const row = await this.#find(this.#deps.db, id);
    if (!row) throw errors.notFound('Announcement');
    if (this.#manages(ctx, row)) return row;
    if (row.status === 'published' || row.status === 'expired') {
      if (await repo.recipientOf(this.#deps.db, id, ctx.actor.userId)) return row;
      if (row.status === 'published' && (await this.#inAudience(ctx, row))) return row;
    }
    if (
      row.approval_id &&
      (await this.#deps.approvals.isApprover(this.#deps.db, row.approval_id, ctx.actor.userId))
    )
      return row;
    throw errors.notFound('Announcement');
  }

  /** For reading and acknowledging: published and the caller a recipient (added now if they joined later). */
  async #receivable(
    ctx: ActorContext,
    id: string,
  ): Promise<{ row: AnnouncementRow; recipient: { read_at: string | null; acked_at: string | null } }> {
    const me = ctx.actor.userId;
    const [row, recipient] = [
      await this.#find(this.#deps.db, id),
      await repo.recipientOf(this.#deps.db, id, me),
    ];
    // A recipient row is the common case and proves access; without one, the full check.
    if (row && recipient && (row.status === 'published' || row.status === 'expired'))
      return { row, recipient };
    const visible = await this.#visible(ctx, id);
    if (visible.status !== 'published' && visible.status !== 'expired')
      throw errors.conflict('This announcement is not published.');
    if (visible.status !== 'published' || !(await this.#inAudience(ctx, visible))) {
      throw errors.forbidden('This announcement is not addressed to you.');
    }
    await repo.addRecipient(this.#deps.db, {
      announcement_id: id,
      user_id: me,
      department_id: ctx.actor.departmentId,
      delivered_at: this.#deps.clock.now().toISOString(),
      read_at: null,
      acked_at: null,
    });
    return { row: visible, recipient: { read_at: null, acked_at: null } };
  }

  #manages(ctx: ActorContext, row: AnnouncementRow): boolean {
    const me = ctx.actor.userId;
    if (row.created_by === me || row.owner_id === me) return true;
    return (
      inScope(scopeFilter(ctx.actor, 'announcement.publish'), {
        departmentPath: row.department_path,
        ownerIds: [],
      }) || can(ctx.actor.grants, 'announcement.manage')
    );
  }

  #canEdit(ctx: ActorContext, row: AnnouncementRow): boolean {
    const me = ctx.actor.userId;
    return row.created_by === me || row.owner_id === me || can(ctx.actor.grants, 'announcement.manage');
  }

  /**
   * Whose receipts the caller sees — statistics, the not-read list and reminders alike: everyone's,
   * or those of recipients in their department subtree; refused without `announcement.stats`.
   */
  async #recipientScope(ctx: ActorContext, row: AnnouncementRow): Promise<repo.RecipientScope> {
    const limit = this.#statsLimit(ctx, row);
    if (limit === null) throw errors.forbidden('Only the owner and department heads see who has read it.');
    if (limit === 'all') return 'all';
    return { departmentIds: await this.#deps.departments.idsUnderPaths(this.#deps.db, [limit]) };
  }

  /** Whose read statistics the caller may see: everyone's, a department subtree's, or nobody's. */
  #statsLimit(ctx: ActorContext, row: AnnouncementRow): 'all' | string | null {
    if (this.#canEdit(ctx, row)) return 'all';
    const scope = scopeFilter(ctx.actor, 'announcement.stats');
    if (scope.kind === 'all') return 'all';
    return scope.kind === 'department' ? scope.path : null;
  }

  /** A department filter, refused when it names a department outside the caller's scope. */
  async #departmentWithin(
    departmentId: string | undefined,
    scope: repo.RecipientScope,
  ): Promise<string | undefined> {
    if (!departmentId) return undefined;
    const dept = (await this.#deps.departments.basicsOf(this.#deps.db, [departmentId])).get(departmentId);
    if (!dept) throw errors.invalidField('departmentId', 'No such department.');
    if (scope !== 'all' && !scope.departmentIds.includes(departmentId))
      throw errors.forbidden('This department is outside your scope.');
    return departmentId;
  }

  #reader(ctx: ActorContext) {
    return this.#deps.audiences.reader(this.#deps.db, ctx.actor);
  }

  async #inAudience(ctx: ActorContext, row: { audience: string }): Promise<boolean> {
    const audience = Audience.parse(JSON.parse(row.audience));
    const [included] = await this.#deps.audiences.includes(this.#deps.db, await this.#reader(ctx), [
      audience,
    ]);
    return included === true;
  }

  /** Someone who joined an audience after publication gets their recipient row on their next look. */
  async #catchUp(ctx: ActorContext): Promise<void> {
    const now = this.#deps.clock.now().toISOString();
    const candidates = await repo.activeNotReceived(this.#deps.db, ctx.actor.userId, now);
    if (candidates.length === 0) return;
    const included = await this.#deps.audiences.includes(
      this.#deps.db,
      await this.#reader(ctx),
      candidates.map((c) => Audience.parse(JSON.parse(c.audience))),
    );
    for (const [i, c] of candidates.entries()) {
      if (!included[i]) continue;
      await repo.addRecipient(this.#deps.db, {
        announcement_id: c.id,
        user_id: ctx.actor.userId,
        department_id: ctx.actor.departmentId,
        delivered_at: now,
        read_at: null,
        acked_at: null,
      });
    }
  }

  /** An announcement with the names its page shows (department, owner, author). */
  async #find(db: Executor, id: string): Promise<AnnouncementRow | undefined> {
    const row = await repo.findById(db, id);
    return row ? (await this.#named(db, [row]))[0] : undefined;
  }

  /** Adds the publishing departments' names and paths and the people's names: two queries per page. */
  async #named(db: Executor, rows: repo.AnnouncementListRow[]): Promise<AnnouncementRow[]> {
    const [departments, people] = await Promise.all([
      this.#deps.departments.basicsOf(
        db,
        rows.map((r) => r.publishing_department_id),
      ),
      this.#deps.users.refs(
        db,
        rows.flatMap((r) => [r.owner_id, r.created_by]),
      ),
    ]);
    return rows.map((r) => {
      const department = departments.get(r.publishing_department_id);
      const owner = people.get(r.owner_id) ?? unknownUser(r.owner_id);
      const creator = people.get(r.created_by) ?? unknownUser(r.created_by);
      return {
        ...r,
        department_name: department?.name ?? '',
        department_path: department?.path ?? '',
        owner_username: owner.username,
        owner_name: owner.displayName,
        creator_username: creator.username,
        creator_name: creator.displayName,
      };
    });
  }

  async #validate(ctx: ActorContext, body: CreateAnnouncementRequest) {
    const db = this.#deps.db;
    if (!(await repo.findCategory(db, body.categoryId)))
      throw errors.invalidField('categoryId', 'No such category.');
    const dept = (await this.#deps.departments.basicsOf(db, [body.publishingDepartmentId])).get(
      body.publishingDepartmentId,
    );
    if (!dept) throw errors.invalidField('publishingDepartmentId', 'No such department.');
    const mayPublish =
      can(ctx.actor.grants, 'announcement.manage') ||
      inScope(scopeFilter(ctx.actor, 'announcement.publish'), { departmentPath: dept.path, ownerIds: [] }) ||
      body.publishingDepartmentId === ctx.actor.departmentId;
    if (!mayPublish) throw errors.forbidden('You may publish only for your own department.');
    const [owner] = await this.#deps.users.activeEmployees(db, [body.ownerId]);
    if (!owner) throw errors.invalidField('ownerId', 'No such active colleague.');
    if (body.expiresAt && body.expiresAt <= body.effectiveAt) {
      throw errors.invalidField('expiresAt', 'The expiry must come after the effective date.');
    }
    if (body.ackDeadline && !body.requiresAck) {
      throw errors.invalidField('ackDeadline', 'A deadline needs acknowledgement to be required.');
    }
    if (body.ackDeadline && body.ackDeadline <= body.effectiveAt) {
      throw errors.invalidField(
        'ackDeadline',
        'The acknowledgement deadline must come after the effective date.',
      );
    }
    const html = sanitizeHtml(body.bodyHtml);
    const text = htmlToText(html);
    if (!text) throw errors.invalidField('bodyHtml', 'The announcement has no text.');
    return {
      category_id: body.categoryId,
      title: body.title,
      body_html: html,
      body_text: text,
      publishing_department_id: body.publishingDepartmentId,
      owner_id: body.ownerId,
      effective_at: new Date(body.effectiveAt).toISOString(),
      expires_at: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
      pinned: body.pinned ? 1 : 0,
      importance: body.importance,
      requires_ack: body.requiresAck ? 1 : 0,
      ack_deadline: body.ackDeadline ? new Date(body.ackDeadline).toISOString() : null,
      audience: JSON.stringify(body.audience),
      search_text: `${body.title}\n${text}`.toLowerCase(),
    };
  }

  async #attach(trx: Transaction<DB>, ctx: ActorContext, id: string, fileIds: readonly string[]) {
    const unique = [...new Set(fileIds)];
    const attached = await repo.attachFiles(trx, id, ctx.actor.userId, unique);
    if (attached !== unique.length) throw errors.invalidField('fileIds', 'Attach only files you uploaded.');
  }

  async #broadcast(trx: Transaction<DB>, id: string): Promise<void> {
    await this.#deps.events.append(trx, {
      payload: { type: 'announcement.changed', announcementId: id },
    });
  }

  /** Presents rows with two queries for the whole page (the caller's receipts and the files). */
  async #presentAll(ctx: ActorContext, rows: AnnouncementRow[]): Promise<Announcement[]> {
    const ids = rows.map((r) => r.id);
    const [receipts, files] = await Promise.all([
      repo.receiptsOf(this.#deps.db, ids, ctx.actor.userId),
      repo.filesOf(this.#deps.db, ids),
    ]);
    return rows.map((r) =>
      this.#present(
        ctx,
        r,
        receipts.get(r.id) ?? null,
        files.filter((f) => f.announcement_id === r.id),
      ),
    );
  }

  #present(
    ctx: ActorContext,
    r: AnnouncementRow,
    mine: { read_at: string | null; acked_at: string | null } | null,
    files: { id: string; file_name: string; content_type: string; size: number }[],
  ): Announcement {
    const edit = this.#canEdit(ctx, r);
    const stats = this.#statsLimit(ctx, r) !== null;
    const text = r.body_text;
    return {
      id: r.id,
      category: { id: r.category_id, key: r.category_key, name: r.category_name },
      title: r.title,
      bodyHtml: r.body_html,
      summary: text.length > 120 ? `${text.slice(0, 120)}…` : text,
      publishingDepartment: { id: r.publishing_department_id, name: r.department_name },
      owner: { id: r.owner_id, username: r.owner_username, displayName: r.owner_name },
      createdBy: { id: r.created_by, username: r.creator_username, displayName: r.creator_name },
      effectiveAt: r.effective_at,
      expiresAt: r.expires_at,
      pinned: r.pinned === 1,
      importance: r.importance,
      requiresAck: r.requires_ack === 1,
      ackDeadline: r.ack_deadline,
      audience: Audience.parse(JSON.parse(r.audience)),
      status: r.status,
      approvalId: r.approval_id,
      publishedAt: r.published_at,
      revision: r.revision,
      recipientCount: r.recipient_count,
      files: files.map(toFile),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      me: {
        readAt: mine?.read_at ?? null,
        ackedAt: mine?.acked_at ?? null,
        recipient: mine !== null,
      },
      can: {
        edit: edit && (r.status === 'draft' || r.status === 'returned'),
        submit: edit && (r.status === 'draft' || r.status === 'returned'),
        correct: edit && r.status === 'published',
        withdraw: edit && ['in_approval', 'scheduled', 'published', 'returned'].includes(r.status),
        stats: stats && r.status !== 'draft',
      },
    };
  }
}

/** An announcement as the service works with it: its row, category and the names its page shows. */
export type AnnouncementRow = repo.AnnouncementListRow & {
  department_name: string;
  department_path: string;
  owner_username: string;
  owner_name: string;
  creator_username: string;
  creator_name: string;
};

/** Someone whose account is gone still shows as their id rather than failing the page. */
function unknownUser(id: string): UserRef {
  return { id, username: id, displayName: id };
}

/** A department's (or the total's) receipt counts from its timeliness facts: overdue, on time, late, not yet due. */
function readCounts(facts: TimelinessFacts) {
  const { onTime, late, pending } = onTimeTally(facts);
  return { overdue: facts.openOverdue, onTime, late, pending };
}

function toCategory(row: {
  id: string;
  key: string;
  name: string;
  requires_approval: number;
  sort_order: number;
}): AnnouncementCategory {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    requiresApproval: row.requires_approval === 1,
    sortOrder: row.sort_order,
  };
}

function toFile(row: { id: string; file_name: string; content_type: string; size: number }) {
  return { id: row.id, fileName: row.file_name, contentType: row.content_type, size: row.size };
}
