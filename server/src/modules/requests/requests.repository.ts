import type { DeptRequestListQuery, RequestReportQuery } from '@liaison/contracts';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { ScopeFilter } from '../../platform/auth/actor.ts';
import { likeContains, likePrefix, type SqlDialect } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import { timelinessCounts } from '../../platform/kpi/timeliness.sql.ts';
import { userIdsWithRoleKey } from '../roles/roles.repository.ts';
import type { RequestsTables } from './requests.tables.ts';

type RequestsTable = RequestsTables['dept_requests'];
export type RequestRecord = Selectable<RequestsTable>;

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

function withNames(db: Executor) {
  return db
    .selectFrom('dept_requests')
    .innerJoin('departments as from_dept', 'from_dept.id', 'dept_requests.from_department_id')
    .innerJoin('departments as to_dept', 'to_dept.id', 'dept_requests.to_department_id')
    .innerJoin('users as raiser', 'raiser.id', 'dept_requests.raised_by')
    .leftJoin('users as handler', 'handler.id', 'dept_requests.handler_id')
    .selectAll('dept_requests')
    .select([
      'from_dept.name as from_name',
      'from_dept.path as from_path',
      'to_dept.name as to_name',
      'to_dept.path as to_path',
      'to_dept.head_id as to_head_id',
      'to_dept.liaison_id as to_liaison_id',
      'raiser.username as raiser_username',
      'raiser.display_name as raiser_name',
      'handler.username as handler_username',
      'handler.display_name as handler_name',
    ]);
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findById>>>;

export function findById(db: Executor, id: string) {
  return withNames(db).where('dept_requests.id', '=', id).executeTakeFirst();
}

export function lockById(db: Executor, dialect: SqlDialect, id: string) {
  return dialect
    .forUpdate(db.selectFrom('dept_requests').selectAll().where('id', '=', id))
    .executeTakeFirst();
}

export type RequestListAccess =
  | { box: 'incoming' | 'outgoing'; departmentId: string }
  | { box: 'all'; scope: ScopeFilter; userId: string; departmentId: string | null };

export async function list(db: Executor, access: RequestListAccess, query: DeptRequestListQuery) {
  let q = withNames(db);
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
      if (scope.kind === 'department') {
        return eb.or([
          ...mine,
          likePrefix(eb.ref('from_dept.path'), scope.path),
          likePrefix(eb.ref('to_dept.path'), scope.path),
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
    .leftJoin('users as actor', 'actor.id', 'request_events.actor_id')
    .leftJoin('users as target', 'target.id', 'request_events.target_id')
    .selectAll('request_events')
    .select([
      'actor.username as actor_username',
      'actor.display_name as actor_name',
      'target.username as target_username',
      'target.display_name as target_name',
    ])
    .where('request_events.request_id', '=', requestId)
    .orderBy('request_events.at')
    .orderBy('request_events.id')
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

export function department(db: Executor, id: string) {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'path', 'head_id', 'liaison_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function person(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select([
      'users.id',
      'users.status',
      'users.kind',
      'users.department_id',
      'departments.path as department_path',
    ])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export async function activeWithRole(db: Executor, roleKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('status', '=', 'active')
    .where('id', 'in', userIdsWithRoleKey(db, roleKey))
    .execute();
  return rows.map((r) => r.id);
}

/** Per receiving department: what came in during the period and how it was answered. */
export async function report(db: Executor, query: RequestReportQuery, now: string, scopePath: string | null) {
  let q = db
    .selectFrom('dept_requests')
    .innerJoin('departments', 'departments.id', 'dept_requests.to_department_id')
    .where('dept_requests.created_at', '>=', query.from)
    .where('dept_requests.created_at', '<', query.to);
  if (scopePath) q = q.where((eb) => likePrefix(eb.ref('departments.path'), scopePath));
  return q
    .select([
      'departments.id',
      'departments.name',
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
    .groupBy(['departments.id', 'departments.name', 'departments.sort_order'])
    .orderBy('departments.sort_order')
    .orderBy('departments.name')
    .execute();
}
