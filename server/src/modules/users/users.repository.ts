import type { UserListQuery } from '@liaison/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ResolvedScope } from '../../platform/auth/actor.ts';
import { likeContains } from '../../platform/db/dialect.ts';
import { prepared } from '../../platform/db/prepared.ts';
import type { Executor } from '../../platform/db/schema.ts';
import { normaliseSearch } from '../../platform/text/chinese.ts';
import type { UserPersonalTable, UsersTable } from './users.tables.ts';

export type UserRow = Selectable<UsersTable>;
/**
 * What a user is shown with from other modules: their department's name and path (for data scope)
 * and their counterparty's name. The users service adds them from the departments and
 * counterparties services; this repository reads only the users tables.
 */
export interface UserJoins {
  department_name: string | null;
  department_path: string | null;
  counterparty_name: string | null;
}
export type UserWithDepartment = UserRow & UserJoins;

/** The columns a user is shown with; lists select only these (no hash, no search keys). */
const VIEW_COLUMNS = [
  'id',
  'username',
  'display_name',
  'kind',
  'status',
  'email',
  'title',
  'employee_no',
  'office_phone',
  'department_id',
  'counterparty_id',
  'locale',
  'last_login_at',
  'created_at',
  'updated_at',
] as const;

export type UserViewRow = Pick<UserRow, (typeof VIEW_COLUMNS)[number]>;
export type UserView = UserViewRow & UserJoins;

const SORT_COLUMNS = {
  name: 'sort_key',
  username: 'username',
  createdAt: 'created_at',
  lastLoginAt: 'last_login_at',
} as const;

// Run on every authenticated request: prepared once (see platform/db/prepared.ts).
const byId = prepared((db, p: { id: string }) => db.selectFrom('users').selectAll().where('id', '=', p.id));

export function findById(db: Executor, id: string): Promise<UserRow | undefined> {
  return byId.first(db, { id }) as Promise<UserRow | undefined>;
}

export function findByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function count(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * One page of users inside the caller's data scope, plus the total. The department subtree (of
 * the scope and of `query.departmentId`) and the role's holders arrive as plain ids, resolved by
 * the departments and roles services.
 */
export async function list(
  db: Executor,
  scope: ResolvedScope,
  query: Omit<UserListQuery, 'departmentId' | 'roleKey' | 'includeSubDepartments'>,
  filter: { departmentIds: readonly string[] | null; holderIds: readonly string[] | null },
): Promise<{ rows: UserViewRow[]; total: number }> {
  let base = db.selectFrom('users').select(VIEW_COLUMNS);
  switch (scope.kind) {
    case 'all':
      break;
    case 'department':
      if (scope.departmentIds.length === 0) return { rows: [], total: 0 };
      base = base.where('department_id', 'in', scope.departmentIds);
      break;
    case 'own':
      base = base.where('id', '=', scope.userId);
      break;
    case 'none':
      return { rows: [], total: 0 };
  }
  if (query.q) {
    const needle = normaliseSearch(query.q);
    base = base.where((eb) => likeContains(eb.ref('search_text'), needle));
  }
  if (filter.departmentIds) {
    if (filter.departmentIds.length === 0) return { rows: [], total: 0 };
    base = base.where('department_id', 'in', filter.departmentIds);
  }
  if (filter.holderIds) {
    if (filter.holderIds.length === 0) return { rows: [], total: 0 };
    base = base.where('id', 'in', filter.holderIds);
  }
  if (query.status) base = base.where('status', '=', query.status);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.counterpartyId) base = base.where('counterparty_id', '=', query.counterpartyId);

  const totalRow = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base
    // Never-signed-in people go last either way, on both databases (their NULL defaults differ).
    .orderBy(SORT_COLUMNS[query.sort], (ob) => (query.order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(totalRow.n) };
}

export async function insert(db: Executor, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function update(db: Executor, id: string, patch: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export function findPersonal(
  db: Executor,
  userId: string,
): Promise<Selectable<UserPersonalTable> | undefined> {
  return db.selectFrom('user_personal').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertPersonal(db: Executor, row: Insertable<UserPersonalTable>): Promise<void> {
  const { user_id, ...rest } = row;
  await db
    .insertInto('user_personal')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet(rest))
    .execute();
}

/** The active users among `ids`, oldest account first (role holders arrive from the roles service). */
export async function activeAmong(db: Executor, ids: readonly string[]): Promise<string[]> {
  const out: { id: string; created_at: string }[] = [];
  for (const chunk of chunks(ids)) {
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'created_at'])
        .where('status', '=', 'active')
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  return out
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
    .map((r) => r.id);
}

/** Active people for the directory (通讯录): employees, or the contacts of one counterparty. */
export function directory(
  db: Executor,
  filter: {
    q?: string | undefined;
    departmentIds?: readonly string[] | null;
    counterpartyId?: string;
    limit: number;
  },
): Promise<UserViewRow[]> {
  let q = db.selectFrom('users').select(VIEW_COLUMNS).where('status', '=', 'active');
  q = filter.counterpartyId
    ? q.where('kind', '=', 'external').where('counterparty_id', '=', filter.counterpartyId)
    : q.where('kind', '=', 'employee');
  if (filter.q) {
    const needle = normaliseSearch(filter.q);
    q = q.where((eb) => likeContains(eb.ref('search_text'), needle));
  }
  if (filter.departmentIds) {
    if (filter.departmentIds.length === 0) return Promise.resolve([]);
    q = q.where('department_id', 'in', filter.departmentIds);
  }
  return q.orderBy('sort_key').orderBy('id').limit(filter.limit).execute();
}

// What other modules read of people, through the user lookup service (user-lookup.service.ts).

/** The facts other modules check about people: kind, status and own department. */
export type UserFacts = Pick<
  UserRow,
  'id' | 'username' | 'display_name' | 'kind' | 'status' | 'department_id' | 'sort_key'
>;

export async function factsOf(db: Executor, ids: readonly (string | null)[]): Promise<UserFacts[]> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const out: UserFacts[] = [];
  for (const chunk of chunks(wanted)) {
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'kind', 'status', 'department_id', 'sort_key'])
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  return out;
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

/** Active contacts per counterparty (all of them, or only `ids`). */
export async function contactCounts(db: Executor, ids?: readonly string[]): Promise<Map<string, number>> {
  if (ids?.length === 0) return new Map();
  let q = db
    .selectFrom('users')
    .select(['counterparty_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('counterparty_id', 'is not', null)
    .where('status', '=', 'active');
  if (ids) q = q.where('counterparty_id', 'in', [...new Set(ids)]);
  const rows = await q.groupBy('counterparty_id').execute();
  return new Map(rows.map((r) => [r.counterparty_id as string, Number(r.n)]));
}

/** Ids of the active users of these departments (for audiences built from departments). */
export async function activeIdsInDepartments(
  db: Executor,
  departmentIds: readonly string[],
): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('status', '=', 'active')
    .where('department_id', 'in', [...new Set(departmentIds)])
    .execute();
  return rows.map((r) => r.id);
}

/** Long id lists (role holders, a large audience) go in slices that stay under both databases' bind limits. */
function* chunks<T>(items: readonly T[], size = 5000): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Accounts by username, for resolving @mentions (unknown names are simply absent). */
export function idsByUsernames(
  db: Executor,
  usernames: readonly string[],
): Promise<{ id: string; username: string }[]> {
  if (usernames.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute();
}
