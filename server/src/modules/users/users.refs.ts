import type { UserRef } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';

/**
 * Read helpers other organisation modules use to show people and count members without
 * reaching into the users table themselves.
 */
export async function userRefs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name }]));
}

export async function memberCountsByDepartment(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('department_id', 'is not', null)
    .where('status', '=', 'active')
    .groupBy('department_id')
    .execute();
  return new Map(rows.map((r) => [r.department_id as string, Number(r.n)]));
}

/** People whose own department this is; disabled accounts count only when asked (they still reference it). */
export async function countMembersOfDepartment(
  db: Executor,
  departmentId: string,
  { includeDisabled = false } = {},
): Promise<number> {
  let q = db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('department_id', '=', departmentId);
  if (!includeDisabled) q = q.where('status', '=', 'active');
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The users among `ids` that exist and are active; for validating references to people. */
export async function activeUsers(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; kind: 'employee' | 'external'; department_id: string | null }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'kind', 'department_id'])
    .where('id', 'in', [...new Set(ids)])
    .where('status', '=', 'active')
    .execute();
}
