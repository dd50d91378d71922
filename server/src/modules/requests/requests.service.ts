import type {
  CreateDeptRequest,
  DeptRequest,
  DeptRequestDetail,
  DeptRequestListQuery,
  Page,
  RequestSettings,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import type { RequestAccess } from './request-access.ts';
import { firstStep, type RequestEscalationsService } from './request-escalations.service.ts';
import type { RequestSlaService } from './request-sla.service.ts';
import * as repo from './requests.repository.ts';

export interface RequestsDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationsService;
  calendar: CalendarService;
  departments: Pick<DepartmentsService, 'byIds' | 'pathOf' | 'resolveScope'>;
  people: Pick<UserLookupService, 'refs' | 'facts'>;
  access: RequestAccess;
  escalations: Pick<RequestEscalationsService, 'sweep'>;
  sla: Pick<RequestSlaService, 'settings'>;
}

/**
 * Cross-department requests under first-ask responsibility (首问负责制). The receiving
 * department's liaison handles a request by default and must give a first response within the
 * configured working hours (the business calendar's); otherwise the request escalates to the
 * department's head, and one more such period later to senior leadership
 * (RequestEscalationsService). Each step is recorded on the request's timeline, audited and
 * notified. Access rules and presentation are RequestAccess's.
 */
export class RequestsService {
  readonly #deps: RequestsDeps;

  constructor(deps: RequestsDeps) {
    this.#deps = deps;
  }

  /** Kept for callers of the whole request API (the jobs benchmark): the sweep is RequestEscalationsService's. */
  sweep(limit?: number): Promise<number> {
    return this.#deps.escalations.sweep(limit);
  }

  /** Kept for callers of the whole request API: the setting is RequestSlaService's. */
  settings(): Promise<RequestSettings> {
    return this.#deps.sla.settings();
  }

  async create(ctx: ActorContext, body: CreateDeptRequest): Promise<DeptRequestDetail> {
    const db = this.#deps.db;
    const fromId = body.fromDepartmentId ?? ctx.actor.departmentId;
    if (!fromId) throw errors.invalidField('fromDepartmentId', 'You belong to no department; choose one.');
    const departments = await this.#deps.departments.byIds(db, [fromId, body.toDepartmentId]);
    const from = departments.get(fromId);
    if (!from) throw errors.invalidField('fromDepartmentId', 'No such department.');
    const own =
      fromId === ctx.actor.departmentId ||
      from.head_id === ctx.actor.userId ||
      from.liaison_id === ctx.actor.userId;
    if (
      !own &&
      !inScope(scopeFilter(ctx.actor, 'request.read'), { departmentPath: from.path, ownerIds: [] })
    ) {
      throw errors.forbidden(text('requests.errors.ownDepartmentOnly'));
    }
    const to = departments.get(body.toDepartmentId);
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
    const step = firstStep(calendar, now, responseDue, firstResponseHours);
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
      await this.#deps.access.recordEvent(trx, id, 'raised', ctx.actor.userId, body.body);
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
        title: text('requests.notices.received.title', { from: from.name, title: body.title }),
        body: text('requests.notices.received.body', {
          actor: ctx.actor.displayName,
          from: from.name,
          to: to.name,
          number: `R-${number}`,
          due: { at: responseDue.toISOString(), zone: this.#deps.calendar.timeZone },
        }),
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
        scope: await this.#deps.departments.resolveScope(
          this.#deps.db,
          scopeFilter(ctx.actor, 'request.read'),
        ),
        userId: ctx.actor.userId,
        departmentId: ctx.actor.departmentId,
      };
    } else {
      const departmentId = query.departmentId ?? ctx.actor.departmentId;
      if (!departmentId) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      if (departmentId !== ctx.actor.departmentId) {
        const path = await this.#deps.departments.pathOf(this.#deps.db, departmentId);
        if (!path) throw errors.invalidField('departmentId', 'No such department.');
        if (!inScope(scopeFilter(ctx.actor, 'request.read'), { departmentPath: path, ownerIds: [] })) {
          throw errors.forbidden(text('requests.errors.departmentOutOfScope'));
        }
      }
      access = { box: query.box, departmentId };
    }
    const { rows, total } = await repo.list(this.#deps.db, access, query);
    const named = await this.#deps.access.withNames(this.#deps.db, rows);
    return {
      items: named.map((r) => this.#deps.access.present(ctx, r)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(ctx: ActorContext, id: string): Promise<DeptRequestDetail> {
    const row = await this.#deps.access.visible(ctx, id);
    const events = await repo.events(this.#deps.db, id);
    const people = await this.#deps.people.refs(
      this.#deps.db,
      events.flatMap((e) => [e.actor_id, e.target_id]),
    );
    return {
      ...this.#deps.access.present(ctx, row),
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        actor: e.actor_id ? (people.get(e.actor_id) ?? null) : null,
        body: e.body,
        level: e.level,
        target: e.target_id ? (people.get(e.target_id) ?? null) : null,
        at: e.at,
      })),
    };
  }

  /** A reply; the receiving side's first one is the first response that stops escalation. */
  async reply(ctx: ActorContext, id: string, message: string): Promise<DeptRequestDetail> {
    const row = await this.#deps.access.visible(ctx, id);
    if (row.status === 'withdrawn' || row.status === 'resolved')
      throw errors.conflict(text('requests.errors.closed'));
    const can = this.#deps.access.can(ctx, row);
    if (!can.respond && !this.#deps.access.raiserSide(ctx, row))
      throw errors.forbidden(text('requests.errors.mayNotReply'));
    const now = this.#deps.clock.now();
    await this.#deps.db.transaction().execute(async (trx) => {
      const current = await repo.lockById(trx, this.#deps.dialect, id);
      if (!current) throw errors.notFound(text('nouns.request'));
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
      await this.#deps.access.recordEvent(
        trx,
        id,
        first ? 'responded' : 'replied',
        ctx.actor.userId,
        message,
      );
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.updated',
        targetType: 'dept_request',
        targetId: id,
        summary: { reply: first ? 'first_response' : 'reply' },
      });
      const toRaiser = can.respond;
      await this.#deps.notifications.notify(trx, {
        kind: 'request.responded',
        title: text(`requests.notices.${first ? 'responded' : 'replied'}.title`, { title: current.title }),
        body: text(`requests.notices.${first ? 'responded' : 'replied'}.body`, {
          actor: ctx.actor.displayName,
          excerpt: message.length > 200 ? `${message.slice(0, 200)}…` : message,
        }),
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
    const row = await this.#deps.access.visible(ctx, id);
    if (!this.#deps.access.can(ctx, row).assign)
      throw errors.forbidden(text('requests.errors.mayNotReassign'));
    if (row.status === 'withdrawn' || row.status === 'resolved')
      throw errors.conflict(text('requests.errors.closed'));
    const [person] = await this.#deps.people.facts(this.#deps.db, [handlerId]);
    const personPath = await this.#deps.departments.pathOf(this.#deps.db, person?.department_id ?? null);
    if (person?.status !== 'active' || !personPath?.startsWith(row.to_path)) {
      throw errors.invalidField(
        'handlerId',
        'The handler must be an active member of the receiving department.',
      );
    }
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.update(trx, id, { handler_id: handlerId, updated_at: now });
      await this.#deps.access.recordEvent(trx, id, 'assigned', ctx.actor.userId, null, {
        targetId: handlerId,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.updated',
        targetType: 'dept_request',
        targetId: id,
        summary: { handler: { before: row.handler_id, after: handlerId } },
      });
      await this.#deps.notifications.notify(trx, {
        kind: 'request.received',
        title: text('requests.notices.handedOver.title', { title: row.title }),
        body: text('requests.notices.handedOver.body', {
          actor: ctx.actor.displayName,
          number: `R-${row.number}`,
          from: row.from_name,
        }),
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
    const row = await this.#deps.access.visible(ctx, id);
    if (!this.#deps.access.can(ctx, row).resolve) throw errors.forbidden(text('requests.errors.mayNotClose'));
    if (row.status === 'withdrawn' || row.status === 'resolved')
      throw errors.conflict(text('requests.errors.closed'));
    const now = this.#deps.clock.now().toISOString();
    const receiving = this.#deps.access.can(ctx, row).respond;
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
      await this.#deps.access.recordEvent(trx, id, 'resolved', ctx.actor.userId, note);
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.updated',
        targetType: 'dept_request',
        targetId: id,
        summary: { status: { before: row.status, after: 'resolved' } },
      });
      await this.#deps.notifications.notify(trx, {
        kind: 'request.resolved',
        title: text('requests.notices.resolved.title', { title: row.title }),
        body: note
          ? text('requests.notices.resolved.bodyWithNote', {
              actor: ctx.actor.displayName,
              number: `R-${row.number}`,
              note,
            })
          : text('requests.notices.resolved.body', {
              actor: ctx.actor.displayName,
              number: `R-${row.number}`,
            }),
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
    const row = await this.#deps.access.visible(ctx, id);
    if (!this.#deps.access.can(ctx, row).withdraw)
      throw errors.forbidden(text('requests.errors.raiserWithdraws'));
    if (row.status === 'withdrawn' || row.status === 'resolved')
      throw errors.conflict(text('requests.errors.closed'));
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.update(trx, id, {
        status: 'withdrawn',
        next_step_at: null,
        next_step: null,
        updated_at: now,
      });
      await this.#deps.access.recordEvent(trx, id, 'withdrawn', ctx.actor.userId, null);
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.updated',
        targetType: 'dept_request',
        targetId: id,
        summary: { status: { before: row.status, after: 'withdrawn' } },
      });
    });
    return this.get(ctx, id);
  }
}
