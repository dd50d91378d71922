import type { DeptRequestListQuery, RequestReportQuery } from '@liaison/contracts';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { ResolvedScope } from '../../platform/auth/actor.ts';
import { likeContains, type SqlDialect } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import { timelinessCounts } from '../../platform/kpi/timeliness.sql.ts';
import type { RequestsTables } from './requests.tables.ts';

type RequestsTable = RequestsTables['dept_requests'];
export type RequestRecord = Selectable<RequestsTable>;
export type RequestEventType = RequestsTables['request_events']['type'];
export type { RequestStep } from './requests.tables.ts';

export async function nextNumber(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('dept_requests')
    .select((eb) => eb.fn.max('number').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insert(db: Executor, row: Insertable<RequestsTable>): Promise<void> {
  await db.insertInto('dept_requests').values(row).execute();
}

export async function update(db: Executor, id: string, patch: Updateable<RequestsTable>): Promise<void> {
  await db.updateTable('dept_requests').set(patch).where('id', '=', id).execute();
}

export async function insertEvent(
  db: Executor,
  row: Insertable<RequestsTables['request_events']>,
): Promise<void> {
  await db.insertInto('request_events').values(row).execute();
}

export function findById(db: Executor, id: string): Promise<RequestRecord | undefined> {
  return db.selectFrom('dept_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockById(db: Executor, dialect: SqlDialect, id: string) {
  return dialect
    .forUpdate(db.selectFrom('dept_requests').selectAll().where('id', '=', id))
    .executeTakeFirst();
}

/** Which requests a list shows: one department's box, or everything the caller's data scope reaches. */
export type RequestListAccess =
  | { box: 'incoming' | 'outgoing'; departmentId: string }
  | { box: 'all'; scope: ResolvedScope; userId: string; departmentId: string | null };

export async function list(
  db: Executor,
  access: RequestListAccess,
  query: DeptRequestListQuery,
): Promise<{ rows: RequestRecord[]; total: number }> {
  let q = db.selectFrom('dept_requests').selectAll();
  if (access.box !== 'all') {
    q =
      access.box === 'incoming'
        ? q.where('dept_requests.to_department_id', '=', access.departmentId)
        : q.where('dept_requests.from_department_id', '=', access.departmentId);
  } else {
    const { scope, userId, departmentId } = access;
    q = q.where((eb) => {
      const mine = [
        eb('dept_requests.raised_by', '=', userId),
        eb('dept_requests.handler_id', '=', userId),
        ...(departmentId
          ? [
              eb('dept_requests.from_department_id', '=', departmentId),
              eb('dept_requests.to_department_id', '=', departmentId),
            ]
          : []),
      ];
      if (scope.kind === 'all') return eb.lit(true);
      if (scope.kind === 'department' && scope.departmentIds.length > 0) {
        return eb.or([
          ...mine,
          eb('dept_requests.from_department_id', 'in', scope.departmentIds),
          eb('dept_requests.to_department_id', 'in', scope.departmentIds),
        ]);
      }
      return eb.or(mine);
    });
  }
  if (query.status) q = q.where('dept_requests.status', '=', query.status);
  if (query.escalated === 'true') q = q.where('dept_requests.escalation_level', '>', 0);
  if (query.escalated === 'false') q = q.where('dept_requests.escalation_level', '=', 0);
  if (query.q) q = q.where((eb) => likeContains(eb.ref('dept_requests.search_text'), query.q!.toLowerCase()));
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    // Open requests first, the most urgent deadline first; then the rest, newest first.
    .orderBy(
      sql`case when dept_requests.status = 'open' then 0 when dept_requests.status = 'in_progress' then 1 else 2 end`,
    )
    .orderBy(sql`case when dept_requests.status = 'open' then dept_requests.response_due_at else null end`)
    .orderBy('dept_requests.created_at', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export function events(db: Executor, requestId: string) {
  return db
    .selectFrom('request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Requests whose next reminder or escalation is due: read through the partial index. */
export function dueSteps(db: Executor, now: string, limit: number) {
  return db
    .selectFrom('dept_requests')
    .select(['id', 'next_step_at'])
    .where('next_step_at', '<=', now)
    .orderBy('next_step_at')
    .limit(limit)
    .execute();
}

/**
 * Per receiving department: what came in during the period and how it was answered. The caller's
 * department scope arrives as the ids of its subtree (null: every department); names and order are
 * the departments service's.
 */
export async function report(
  db: Executor,
  query: RequestReportQuery,
  now: string,
  departmentIds: readonly string[] | null,
) {
  let q = db
    .selectFrom('dept_requests')
    .where('dept_requests.created_at', '>=', query.from)
    .where('dept_requests.created_at', '<', query.to);
  if (departmentIds) {
    if (departmentIds.length === 0) return [];
    q = q.where('dept_requests.to_department_id', 'in', departmentIds);
  }
  return q
    .select([
      'dept_requests.to_department_id as id',
      (eb) => eb.fn.countAll<number>().as('received'),
      // The first response against its deadline; a request withdrawn unanswered owes nothing.
      ...timelinessCounts({
        done: sql.ref('dept_requests.first_responded_at'),
        due: sql.ref('dept_requests.response_due_at'),
        now,
        counted: sql<boolean>`(dept_requests.status <> 'withdrawn' or dept_requests.first_responded_at is not null)`,
      }),
      sql<number>`sum(case when dept_requests.escalation_level > 0 then 1 else 0 end)`.as('escalated'),
    ])
    .groupBy('dept_requests.to_department_id')
    .execute();
}
