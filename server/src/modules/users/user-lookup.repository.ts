import type { Executor } from '../../platform/db/schema.ts';
import type { UsersTable } from './users.tables.ts';

/**
 * Reads on the users table that other modules need — names for showing people, and who is in a
 * set of departments, organisations or ids — kept apart from the accounts repository so that
 * callers ask the users module (through UserLookupService) instead of reading its table.
 */

/** Which active people a set of criteria reaches; any one criterion is enough. */
export interface PeopleFilter {
  /** Every active employee. */
  employees: boolean;
  /** People whose own department is one of these. */
  departmentIds: readonly string[];
  /** These people (employees or external contacts). */
  userIds: readonly string[];
  /** External contacts of these organisations. */
  counterpartyIds: readonly string[];
}

export function refs(db: Executor, ids: readonly string[]) {
  return db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', ids).execute();
}

export function profiles(db: Executor, ids: readonly string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'kind', 'status', 'department_id', 'counterparty_id'])
    .where('id', 'in', ids)
    .execute();
}

/** The active users among `ids`, optionally only employees and only of one department. */
export async function activeAmong(
  db: Executor,
  ids: readonly string[],
  only: { kind?: UsersTable['kind']; departmentId?: string | null },
): Promise<string[]> {
  let q = db.selectFrom('users').select('id').where('id', 'in', ids).where('status', '=', 'active');
  if (only.kind) q = q.where('kind', '=', only.kind);
  if (only.departmentId) q = q.where('department_id', '=', only.departmentId);
  return (await q.execute()).map((r) => r.id);
}

function reached(db: Executor, filter: PeopleFilter) {
  return db
    .selectFrom('users')
    .where('status', '=', 'active')
    .where((eb) => {
      const any = [];
      if (filter.employees) any.push(eb('kind', '=', 'employee'));
      if (filter.departmentIds.length > 0) any.push(eb('department_id', 'in', filter.departmentIds));
      if (filter.userIds.length > 0) any.push(eb('id', 'in', filter.userIds));
      if (filter.counterpartyIds.length > 0) {
        any.push(eb.and([eb('kind', '=', 'external'), eb('counterparty_id', 'in', filter.counterpartyIds)]));
      }
      return any.length > 0 ? eb.or(any) : eb.lit(false);
    });
}

/** Everyone the filter reaches, with their department now. */
export function members(db: Executor, filter: PeopleFilter) {
  return reached(db, filter).select(['id', 'department_id']).execute();
}

/**
 * The same people as a subquery of (user_id, department_id), for a set-based write in another
 * module (publishing to 100,000 people is one INSERT … SELECT, not 100,000 ids through memory).
 * The caller selects from it as a derived table; it never names this table or its columns.
 */
export function membersQuery(db: Executor, filter: PeopleFilter) {
  return reached(db, filter).select(['id as user_id', 'department_id']);
}

export async function countMembers(db: Executor, filter: PeopleFilter) {
  const row = await reached(db, filter)
    .select([
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.count<number>('department_id').distinct().as('departments'),
    ])
    .executeTakeFirstOrThrow();
  return { people: Number(row.n), departments: Number(row.departments) };
}
