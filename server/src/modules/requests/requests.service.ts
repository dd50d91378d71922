import type {
  CreateDeptRequest,
  DeptRequest,
  DeptRequestDetail,
  DeptRequestListQuery,
  Page,
  RequestReport,
  RequestReportQuery,
  RequestSettings,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, inScope, SYSTEM_CONTEXT, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { factsFromRow, onTimeTally, timeliness } from '../../platform/kpi/timeliness.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { userRef } from '../users/user-ref.ts';
import * as repo from './requests.repository.ts';
import type { RequestStep, RequestsTables } from './requests.tables.ts';

export interface RequestsDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationsService;
  calendar: CalendarService;
  jobs: JobQueue;
}

const SETTINGS_KEY = 'requests.sla';
const DEFAULT_SETTINGS: RequestSettings = { firstResponseHours: 24 };
/** The handler is reminded this many working hours before the response deadline. */
export const DUE_SOON_WORKING_HOURS = 4;
const SWEEP = 'reminders.requests';
const LEVEL_LABEL = ['', '部门负责人', '高层领导'];

/**
 * Cross-department requests under first-ask responsibility (首问负责制). The receiving
 * department's liaison handles a request by default and must give a first response within the
 * configured working hours (the business calendar's); otherwise the request escalates to the
 * department's head, and one more such period later to senior leadership. Each step is recorded on
 * the request's timeline, audited and notified; the next step's time is kept on the request row,
 * so a database-backed sweep takes it whatever restarted in between.
 */
export class RequestsService {
  readonly #deps: RequestsDeps;

  constructor(deps: RequestsDeps) {
    this.#deps = deps;
    deps.jobs.register({ kind: SWEEP, run: () => this.sweep().then(() => undefined) });
    deps.jobs.schedule({ name: 'request escalations', kind: SWEEP, when: { every: 'minutes', interval: 5 } });
  }

  async settings(): Promise<RequestSettings> {
    return (await readSetting<RequestSettings>(this.#deps.db, SETTINGS_KEY)) ?? DEFAULT_SETTINGS;
  }

  async updateSettings(ctx: ActorContext, body: RequestSettings): Promise<RequestSettings> {
    const before = await this.settings();
    await this.#deps.db.transaction().execute(async (trx) => {
      await writeSetting(trx, SETTINGS_KEY, body, ctx.actor.userId, this.#deps.clock.now());
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.settings.changed',
        targetType: 'settings',
        targetId: null,
        summary: { before, after: body },
      });
    });
    return body;
  }

  async create(ctx: ActorContext, body: CreateDeptRequest): Promise<DeptRequestDetail> {
    const db = this.#deps.db;
    const fromId = body.fromDepartmentId ?? ctx.actor.departmentId;
    if (!fromId) throw errors.invalidField('fromDepartmentId', 'You belong to no department; choose one.');
    const from = await repo.department(db, fromId);
    if (!from) throw errors.invalidField('fromDepartmentId', 'No such department.');
    const own =
      fromId === ctx.actor.departmentId ||
      from.head_id === ctx.actor.userId ||
      from.liaison_id === ctx.actor.userId;
    if (
      !own &&
      !inScope(scopeFilter(ctx.actor, 'request.read'), { departmentPath: from.path, ownerIds: [] })
    ) {
      throw errors.forbidden('You may raise requests only for your own department.');
    }
    const to = await repo.department(db, body.toDepartmentId);
    if (!to) throw errors.invalidField('toDepartmentId', 'No such department.');
    if (to.id === from.id)
      throw errors.invalidField('toDepartmentId', 'A request goes to another department.');
    const now = this.#deps.clock.now();
    if (body.wantedBy && new Date(body.wantedBy) < now) {
      throw errors.invalidField('wantedBy', 'The wanted-by date is in the past.');
    }
    const { firstResponseHours } = await this.settings();
    const calendar = await this.#deps.calendar.working();
    const responseDue = calendar.addWorkingHours(now, firstResponseHours);
    const step = this.#firstStep(calendar, now, responseDue, firstResponseHours);
    const handlerId = to.liaison_id ?? to.head_id;
    const id = newId();
    await db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, 'requests.number');
      const number = await repo.nextNumber(trx);
      await repo.insert(trx, {
        id,
        number,
        title: body.title,
        body: body.body,
        priority: body.priority,
        from_department_id: from.id,
        to_department_id: to.id,
        raised_by: ctx.actor.userId,
        handler_id: handlerId,
        status: 'open',
        response_due_at: responseDue.toISOString(),
        first_responded_at: null,
        responded_in_time: null,
        escalation_level: 0,
        next_step_at: step.at,
        next_step: step.step,
        wanted_by: body.wantedBy ? new Date(body.wantedBy).toISOString() : null,
        resolved_at: null,
        search_text: `${body.title}\n${body.body}`.toLowerCase(),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      await this.#event(trx, id, 'raised', ctx.actor.userId, body.body);
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.created',
        targetType: 'dept_request',
        targetId: id,
        summary: {
          number,
          from: from.name,
          to: to.name,
          title: body.title,
          responseDueAt: responseDue.toISOString(),
        },
      });
      await this.#deps.notifications.notify(trx, {
        kind: 'request.received',
        title: `${from.name}的请求：${body.title}`,
        body: `${ctx.actor.displayName}（${from.name}）向${to.name}提出请求 R-${number}，请在 ${this.#deps.calendar.formatShort(responseDue)} 前首次响应。`,
        link: `/requests/${id}`,
        subject: { type: 'request', id },
        actorId: ctx.actor.userId,
        recipientIds: [handlerId, to.liaison_id].filter((x): x is string => x !== null),
        departmentIds: [to.id, from.id],
      });
    });
    this.#deps.notifications.committed();
    return this.get(ctx, id);
  }

  async list(ctx: ActorContext, query: DeptRequestListQuery): Promise<Page<DeptRequest>> {
    let access: repo.RequestListAccess;
    if (query.box === 'all') {
      access = {
        box: 'all',
        scope: scopeFilter(ctx.actor, 'request.read'),
        userId: ctx.actor.userId,
        departmentId: ctx.actor.departmentId,
      };
    } else {
      const departmentId = query.departmentId ?? ctx.actor.departmentId;
      if (!departmentId) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      if (departmentId !== ctx.actor.departmentId) {
        const dept = await repo.department(this.#deps.db, departmentId);
        if (!dept) throw errors.invalidField('departmentId', 'No such department.');
        if (!inScope(scopeFilter(ctx.actor, 'request.read'), { departmentPath: dept.path, ownerIds: [] })) {
          throw errors.forbidden('This department’s requests are outside your scope.');
        }
      }
      access = { box: query.box, departmentId };
    }
    const { rows, total } = await repo.list(this.#deps.db, access, query);
    return {
      items: rows.map((r) => this.#present(ctx, r)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(ctx: ActorContext, id: string): Promise<DeptRequestDetail> {
    const row = await this.#visible(ctx, id);
    const events = await repo.events(this.#deps.db, id);
    return {
      ...this.#present(ctx, row),
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        actor: userRef(e.actor_id, e.actor_username, e.actor_name),
        body: e.body,
        level: e.level,
        target: userRef(e.target_id, e.target_username, e.target_name),
        at: e.at,
      })),
    };
  }

  /** A reply; the receiving side's first one is the first response that stops escalation. */
  async reply(ctx: ActorContext, id: string, text: string): Promise<DeptRequestDetail> {
    const row = await this.#visible(ctx, id);
    if (row.status === 'withdrawn' || row.status === 'resolved')
      throw errors.conflict('This request is closed.');
    const can = this.#can(ctx, row);
    if (!can.respond && !this.#raiserSide(ctx, row))
      throw errors.forbidden('You may not reply to this request.');
    const now = this.#deps.clock.now();
    await this.#deps.db.transaction().execute(async (trx) => {
      const current = await repo.lockById(trx, this.#deps.dialect, id);
      if (!current) throw errors.notFound('Request');
      const first = can.respond && current.first_responded_at === null;
      if (first) {
        await repo.update(trx, id, {
          first_responded_at: now.toISOString(),
          responded_in_time: now.toISOString() <= current.response_due_at ? 1 : 0,
          status: 'in_progress',
          next_step_at: null,
          next_step: null,
          handler_id: current.handler_id ?? ctx.actor.userId,
          updated_at: now.toISOString(),
        });
      } else {
        await repo.update(trx, id, { updated_at: now.toISOString() });
      }
      await this.#event(trx, id, first ? 'responded' : 'replied', ctx.actor.userId, text);
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.updated',
        targetType: 'dept_request',
        targetId: id,
        summary: { reply: first ? 'first_response' : 'reply' },
      });
      const toRaiser = can.respond;
      await this.#deps.notifications.notify(trx, {
        kind: 'request.responded',
        title: `${first ? '请求已响应' : '请求有新回复'}：${current.title}`,
        body: `${ctx.actor.displayName}：${text.length > 200 ? `${text.slice(0, 200)}…` : text}`,
        link: `/requests/${id}`,
        subject: { type: 'request', id },
        actorId: ctx.actor.userId,
        recipientIds: toRaiser
          ? [current.raised_by]
          : [current.handler_id, row.to_liaison_id].filter((x): x is string => !!x),
        departmentIds: [current.to_department_id, current.from_department_id],
      });
    });
    this.#deps.notifications.committed();
    return this.get(ctx, id);
  }

  async assign(ctx: ActorContext, id: string, handlerId: string): Promise<DeptRequestDetail> {
    const row = await this.#visible(ctx, id);
    if (!this.#can(ctx, row).assign) throw errors.forbidden('You may not reassign this request.');
    if (row.status === 'withdrawn' || row.status === 'resolved')
      throw errors.conflict('This request is closed.');
    const person = await repo.person(this.#deps.db, handlerId);
    if (!person || person.status !== 'active' || !person.department_path?.startsWith(row.to_path)) {
      throw errors.invalidField(
        'handlerId',
        'The handler must be an active member of the receiving department.',
      );
    }
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.update(trx, id, { handler_id: handlerId, updated_at: now });
      await this.#event(trx, id, 'assigned', ctx.actor.userId, null, { targetId: handlerId });
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.updated',
        targetType: 'dept_request',
        targetId: id,
        summary: { handler: { before: row.handler_id, after: handlerId } },
      });
      await this.#deps.notifications.notify(trx, {
        kind: 'request.received',
        title: `请求交由你处理：${row.title}`,
        body: `${ctx.actor.displayName} 把 R-${row.number}（来自${row.from_name}）交给你处理。`,
        link: `/requests/${id}`,
        subject: { type: 'request', id },
        actorId: ctx.actor.userId,
        recipientIds: [handlerId],
        departmentIds: [row.to_department_id],
      });
    });
    this.#deps.notifications.committed();
    return this.get(ctx, id);
  }

  async resolve(ctx: ActorContext, id: string, note: string | null): Promise<DeptRequestDetail> {
    const row = await this.#visible(ctx, id);
    if (!this.#can(ctx, row).resolve) throw errors.forbidden('You may not close this request.');
    if (row.status === 'withdrawn' || row.status === 'resolved')
      throw errors.conflict('This request is closed.');
    const now = this.#deps.clock.now().toISOString();
    const receiving = this.#can(ctx, row).respond;
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.update(trx, id, {
        status: 'resolved',
        resolved_at: now,
        next_step_at: null,
        next_step: null,
        // Resolving it is the receiving side's answer, if none came before.
        ...(receiving &&
          row.first_responded_at === null && {
            first_responded_at: now,
            responded_in_time: now <= row.response_due_at ? 1 : 0,
          }),
        updated_at: now,
      });
      await this.#event(trx, id, 'resolved', ctx.actor.userId, note);
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.updated',
        targetType: 'dept_request',
        targetId: id,
        summary: { status: { before: row.status, after: 'resolved' } },
      });
      await this.#deps.notifications.notify(trx, {
        kind: 'request.resolved',
        title: `请求已办结：${row.title}`,
        body: `${ctx.actor.displayName} 办结了 R-${row.number}${note ? `：${note}` : '。'}`,
        link: `/requests/${id}`,
        subject: { type: 'request', id },
        actorId: ctx.actor.userId,
        recipientIds: [row.raised_by, row.handler_id].filter((x): x is string => !!x),
        departmentIds: [row.to_department_id, row.from_department_id],
      });
    });
    this.#deps.notifications.committed();
    return this.get(ctx, id);
  }

  async withdraw(ctx: ActorContext, id: string): Promise<DeptRequestDetail> {
    const row = await this.#visible(ctx, id);
    if (!this.#can(ctx, row).withdraw)
      throw errors.forbidden('Only the requesting side may withdraw a request.');
    if (row.status === 'withdrawn' || row.status === 'resolved')
      throw errors.conflict('This request is closed.');
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.update(trx, id, {
        status: 'withdrawn',
        next_step_at: null,
        next_step: null,
        updated_at: now,
      });
      await this.#event(trx, id, 'withdrawn', ctx.actor.userId, null);
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.updated',
        targetType: 'dept_request',
        targetId: id,
        summary: { status: { before: row.status, after: 'withdrawn' } },
      });
    });
    return this.get(ctx, id);
  }

  async report(ctx: ActorContext, query: RequestReportQuery): Promise<RequestReport> {
    const scope = scopeFilter(ctx.actor, 'request.read');
    if (scope.kind === 'none' || scope.kind === 'own')
      throw errors.forbidden('You may not see the request report.');
    const now = this.#deps.clock.now().toISOString();
    const rows = await repo.report(
      this.#deps.db,
      query,
      now,
      scope.kind === 'department' ? scope.path : null,
    );
    const { firstResponseHours } = await this.settings();
    return {
      from: query.from,
      to: query.to,
      firstResponseHours,
      rows: rows.map((r) => {
        const facts = factsFromRow(r);
        const tally = onTimeTally(facts);
        return {
          department: { id: r.id, name: r.name },
          received: Number(r.received),
          responded: facts.doneInTime + facts.doneLate,
          respondedInTime: tally.onTime,
          overdueOpen: facts.openOverdue,
          pending: tally.pending,
          escalated: Number(r.escalated),
          onTimeRate: tally.rate,
        };
      }),
    };
  }

  /**
   * Takes every reminder and escalation that is due. Returns how many steps were taken. A request
   * whose deadline passed long ago (the system was down) escalates one level per sweep, each level
   * recorded and notified, rather than jumping straight to the top.
   */
  async sweep(limit = 500): Promise<number> {
    let taken = 0;
    for (;;) {
      const now = this.#deps.clock.now();
      const due = await repo.dueSteps(this.#deps.db, now.toISOString(), limit);
      for (const { id } of due) {
        if (await this.#step(id, now)) taken += 1;
      }
      if (due.length < limit) break;
    }
    if (taken > 0) this.#deps.notifications.committed();
    return taken;
  }

  async #step(id: string, now: Date): Promise<boolean> {
    const { firstResponseHours } = await this.settings();
    const calendar = await this.#deps.calendar.working();
    return this.#deps.db.transaction().execute(async (trx) => {
      const current = await repo.lockById(trx, this.#deps.dialect, id);
      if (!current?.next_step_at || !current.next_step || current.next_step_at > now.toISOString())
        return false;
      const row = (await repo.findById(trx, id))!;
      const link = `/requests/${id}`;
      const subject = { type: 'request' as const, id };
      const departmentIds = [row.to_department_id, row.from_department_id];
      if (current.next_step === 'due_soon') {
        await repo.update(trx, id, { next_step_at: current.response_due_at, next_step: 'escalate' });
        await this.#event(trx, id, 'reminded', null, null);
        await this.#deps.notifications.notify(trx, {
          kind: 'request.due_soon',
          title: `请求即将超时：${row.title}`,
          body: `R-${row.number}（来自${row.from_name}）需在 ${this.#deps.calendar.formatShort(new Date(row.response_due_at))} 前首次响应，否则将升级至部门负责人。`,
          link,
          subject,
          recipientIds: [row.handler_id, row.to_liaison_id].filter((x): x is string => !!x),
          departmentIds,
        });
        return true;
      }
      const level = current.escalation_level + 1;
      const next =
        level < 2
          ? calendar.addWorkingHours(new Date(current.next_step_at), firstResponseHours).toISOString()
          : null;
      await repo.update(trx, id, {
        escalation_level: level,
        next_step_at: next,
        next_step: next ? 'escalate' : null,
        updated_at: now.toISOString(),
      });
      const escalatedTo =
        level === 1
          ? [row.to_head_id].filter((x): x is string => !!x)
          : await repo.activeWithRole(trx, 'senior_leadership');
      await this.#event(trx, id, 'escalated', null, null, {
        level,
        targetId: level === 1 ? row.to_head_id : null,
      });
      await this.#deps.audit.record(trx, SYSTEM_CONTEXT, {
        action: 'request.escalated',
        targetType: 'dept_request',
        targetId: id,
        summary: { number: row.number, level, to: LEVEL_LABEL[level], recipients: escalatedTo.length },
      });
      const waited = calendar.workingHoursBetween(new Date(row.created_at), now);
      await this.#deps.notifications.notify(trx, {
        kind: 'request.escalated',
        title: `请求超时升级（${LEVEL_LABEL[level]}）：${row.title}`,
        body: `${row.from_name}向${row.to_name}提出的 R-${row.number} 已 ${Math.floor(waited)} 个工作小时未获首次响应，现升级至${LEVEL_LABEL[level]}。`,
        link,
        subject,
        recipientIds: [...escalatedTo, row.handler_id, row.raised_by].filter((x): x is string => !!x),
        departmentIds,
      });
      return true;
    });
  }

  #firstStep(
    calendar: Awaited<ReturnType<CalendarService['working']>>,
    now: Date,
    responseDue: Date,
    hours: number,
  ): { at: string; step: RequestStep } {
    if (hours > DUE_SOON_WORKING_HOURS) {
      const soon = calendar.addWorkingHours(responseDue, -DUE_SOON_WORKING_HOURS);
      if (soon > now) return { at: soon.toISOString(), step: 'due_soon' };
    }
    return { at: responseDue.toISOString(), step: 'escalate' };
  }

  async #event(
    trx: Transaction<DB>,
    requestId: string,
    type: RequestsTables['request_events']['type'],
    actorId: string | null,
    body: string | null,
    extra: { level?: number; targetId?: string | null } = {},
  ): Promise<void> {
    await repo.insertEvent(trx, {
      id: newId(),
      request_id: requestId,
      type,
      actor_id: actorId,
      body,
      level: extra.level ?? null,
      target_id: extra.targetId ?? null,
      at: this.#deps.clock.now().toISOString(),
    });
  }

  async #visible(ctx: ActorContext, id: string): Promise<repo.RequestRow> {
    const row = await repo.findById(this.#deps.db, id);
    if (!row) throw errors.notFound('Request');
    const me = ctx.actor;
    const involved =
      row.raised_by === me.userId ||
      row.handler_id === me.userId ||
      row.from_department_id === me.departmentId ||
      row.to_department_id === me.departmentId;
    const scope = scopeFilter(me, 'request.read');
    if (
      involved ||
      inScope(scope, { departmentPath: row.to_path, ownerIds: [] }) ||
      inScope(scope, { departmentPath: row.from_path, ownerIds: [] })
    ) {
      return row;
    }
    throw errors.notFound('Request');
  }

  #raiserSide(ctx: ActorContext, row: repo.RequestRow): boolean {
    return row.raised_by === ctx.actor.userId || row.from_department_id === ctx.actor.departmentId;
  }

  #can(ctx: ActorContext, row: repo.RequestRow): DeptRequest['can'] {
    const me = ctx.actor;
    const open = row.status === 'open' || row.status === 'in_progress';
    const receiving = row.handler_id === me.userId || row.to_department_id === me.departmentId;
    const manager =
      row.to_head_id === me.userId ||
      row.to_liaison_id === me.userId ||
      inScope(scopeFilter(me, 'request.read'), { departmentPath: row.to_path, ownerIds: [] });
    return {
      respond: open && (receiving || manager),
      assign: open && manager,
      resolve: open && (receiving || manager || row.raised_by === me.userId),
      withdraw: open && this.#raiserSide(ctx, row),
    };
  }

  #present(ctx: ActorContext, r: repo.RequestRow): DeptRequest {
    const now = this.#deps.clock.now();
    // A request withdrawn unanswered owed nothing; otherwise the first response against its deadline.
    const owed = r.status !== 'withdrawn' || r.first_responded_at !== null;
    const outcome = owed ? timeliness({ dueAt: r.response_due_at, doneAt: r.first_responded_at }, now) : null;
    const overdue = r.first_responded_at === null && r.status === 'open' && outcome === 'late';
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      body: r.body,
      priority: r.priority,
      fromDepartment: { id: r.from_department_id, name: r.from_name },
      toDepartment: { id: r.to_department_id, name: r.to_name },
      raisedBy: userRef(r.raised_by, r.raiser_username, r.raiser_name)!,
      handler: userRef(r.handler_id, r.handler_username, r.handler_name),
      status: r.status,
      responseDueAt: r.response_due_at,
      firstRespondedAt: r.first_responded_at,
      respondedInTime: outcome === null || outcome === 'pending' ? null : outcome === 'onTime',
      overdue,
      escalationLevel: r.escalation_level,
      nextStepAt: r.next_step_at,
      wantedBy: r.wanted_by,
      resolvedAt: r.resolved_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      can: this.#can(ctx, r),
    };
  }
}
