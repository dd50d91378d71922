import type { DeptRequest, UserRef } from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { timeliness } from '../../platform/kpi/timeliness.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import * as repo from './requests.repository.ts';

export interface RequestAccessDeps {
  db: Kysely<DB>;
  clock: Clock;
  people: Pick<UserLookupService, 'refs'>;
  departments: Pick<DepartmentsService, 'byIds'>;
}

/**
 * A request with the names, paths and people of its two departments and the names of its raiser
 * and handler, which its access rules and its presentation read.
 */
export type RequestRow = repo.RequestRecord & {
  from_name: string;
  from_path: string;
  to_name: string;
  to_path: string;
  to_head_id: string | null;
  to_liaison_id: string | null;
  raisedBy: UserRef;
  handler: UserRef | null;
};

/**
 * Who may see and act on a department request, and how it is shown: shared by the request
 * services (the request itself and its escalations). Departments and people come from their own
 * services, one batch per list.
 */
export class RequestAccess {
  readonly #deps: RequestAccessDeps;

  constructor(deps: RequestAccessDeps) {
    this.#deps = deps;
  }

  async findById(db: Executor, id: string): Promise<RequestRow | undefined> {
    const record = await repo.findById(db, id);
    return record && (await this.withNames(db, [record]))[0];
  }

  /** Adds what the rules and the API read from departments and people: two lookups for the whole list. */
  async withNames(db: Executor, records: readonly repo.RequestRecord[]): Promise<RequestRow[]> {
    if (records.length === 0) return [];
    const [departments, people] = await Promise.all([
      this.#deps.departments.byIds(
        db,
        records.flatMap((r) => [r.from_department_id, r.to_department_id]),
      ),
      this.#deps.people.refs(
        db,
        records.flatMap((r) => [r.raised_by, r.handler_id]),
      ),
    ]);
    return records.map((r) => {
      const from = departments.get(r.from_department_id);
      const to = departments.get(r.to_department_id);
      return {
        ...r,
        from_name: from?.name ?? '',
        from_path: from?.path ?? '',
        to_name: to?.name ?? '',
        to_path: to?.path ?? '',
        to_head_id: to?.head_id ?? null,
        to_liaison_id: to?.liaison_id ?? null,
        raisedBy: people.get(r.raised_by) ?? { id: r.raised_by, username: '', displayName: '' },
        handler: r.handler_id ? (people.get(r.handler_id) ?? null) : null,
      };
    });
  }

  async visible(ctx: ActorContext, id: string): Promise<RequestRow> {
    const row = await this.findById(this.#deps.db, id);
    if (!row) throw errors.notFound(text('nouns.request'));
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
    throw errors.notFound(text('nouns.request'));
  }

  raiserSide(ctx: ActorContext, row: RequestRow): boolean {
    return row.raised_by === ctx.actor.userId || row.from_department_id === ctx.actor.departmentId;
  }

  can(ctx: ActorContext, row: RequestRow): DeptRequest['can'] {
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
      withdraw: open && this.raiserSide(ctx, row),
    };
  }

  present(ctx: ActorContext, r: RequestRow): DeptRequest {
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
      raisedBy: r.raisedBy,
      handler: r.handler,
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
      can: this.can(ctx, r),
    };
  }

  /** One step on the request's timeline. */
  async recordEvent(
    trx: Transaction<DB>,
    requestId: string,
    type: repo.RequestEventType,
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
}
