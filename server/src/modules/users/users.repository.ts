import type { UserListQuery } from '@liaison/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ScopeFilter } from '../../platform/auth/actor.ts';
import { likeContains, likePrefix } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import { normaliseSearch } from '../../platform/text/chinese.ts';
import { userIdsWithRoleKey } from '../roles/roles.repository.ts';
import type { UserPersonalTable, UsersTable } from './users.tables.ts';

export type UserRow = Selectable<UsersTable>;
/** What joining a user's department and counterparty adds to a row (see USER_JOIN_COLUMNS). */
export interface UserJoins {
  department_name: string | null;
  department_path: string | null;
  counterparty_name: string | null;
}
export type UserWithDepartment = UserRow & UserJoins;

/**
 * The columns every user query adds from its left joins on `departments` and `counterparties`;
 * authentication uses them too, so a signed-in user is one query.
 */
export const USER_JOIN_COLUMNS = [
  'departments.name as department_name',
  'departments.path as department_path',
  'counterparties.name as counterparty_name',
] as const;

/** The columns a user is shown with; lists select only these (no hash, no search keys). */
const VIEW_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.kind',
  'users.status',
  'users.email',
  'users.title',
  'users.employee_no',
  'users.office_phone',
  'users.department_id',
  'users.counterparty_id',
  'users.locale',
  'users.last_login_at',
  'users.created_at',
  'users.updated_at',
  ...USER_JOIN_COLUMNS,
] as const;

export type UserView = Pick<
  UserRow,
  | 'id'
  | 'username'
  | 'display_name'
  | 'kind'
  | 'status'
  | 'email'
  | 'title'
  | 'employee_no'
  | 'office_phone'
  | 'department_id'
  | 'counterparty_id'
  | 'locale'
  | 'last_login_at'
  | 'created_at'
  | 'updated_at'
> &
  UserJoins;

const SORT_COLUMNS = {
  name: 'users.sort_key',
  username: 'users.username',
  createdAt: 'users.created_at',
  lastLoginAt: 'users.last_login_at',
} as const;

function withDepartment(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .leftJoin('counterparties', 'counterparties.id', 'users.counterparty_id')
    .selectAll('users')
    .select(USER_JOIN_COLUMNS);
}

export function findById(db: Executor, id: string): Promise<UserWithDepartment | undefined> {
  return withDepartment(db).where('users.id', '=', id).executeTakeFirst();
}

export function findByUsername(db: Executor, username: string): Promise<UserWithDepartment | undefined> {
  return withDepartment(db).where('users.username', '=', username).executeTakeFirst();
}

export async function count(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * One page of users inside the caller's data scope, plus the total. `departmentPath` is the path
 * of `query.departmentId` when a subtree was asked for.
 */
export async function list(
  db: Executor,
  scope: ScopeFilter,
  query: UserListQuery,
  departmentPath: string | null,
): Promise<{ rows: UserView[]; total: number }> {
  let base = db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .leftJoin('counterparties', 'counterparties.id', 'users.counterparty_id')
    .select(VIEW_COLUMNS);
  switch (scope.kind) {
    case 'all':
      break;
    case 'department':
      base = base.where((eb) => likePrefix(eb.ref('departments.path'), scope.path));
      break;
    case 'own':
      base = base.where('users.id', '=', scope.userId);
      break;
    case 'none':
      return { rows: [], total: 0 };
  }
  if (query.q) {
    const needle = normaliseSearch(query.q);
    base = base.where((eb) => likeContains(eb.ref('users.search_text'), needle));
  }
  if (query.departmentId) {
    base =
      query.includeSubDepartments && departmentPath
        ? base.where((eb) => likePrefix(eb.ref('departments.path'), departmentPath))
        : base.where('users.department_id', '=', query.departmentId);
  }
  if (query.roleKey) base = base.where('users.id', 'in', userIdsWithRoleKey(db, query.roleKey));
  if (query.status) base = base.where('users.status', '=', query.status);
  if (query.kind) base = base.where('users.kind', '=', query.kind);
  if (query.counterpartyId) base = base.where('users.counterparty_id', '=', query.counterpartyId);

  const totalRow = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base
    // Never-signed-in people go last either way, on both databases (their NULL defaults differ).
    .orderBy(SORT_COLUMNS[query.sort], (ob) => (query.order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('users.id', query.order)
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

export async function activeWithRole(db: Executor, roleKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('status', '=', 'active')
    .where('id', 'in', userIdsWithRoleKey(db, roleKey))
    .execute();
  return rows.map((r) => r.id);
}

export async function firstActiveWithRole(db: Executor, roleKey: string): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('status', '=', 'active')
    .where('id', 'in', userIdsWithRoleKey(db, roleKey))
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Active people for the directory (通讯录): employees, or the contacts of one counterparty. */
export function directory(
  db: Executor,
  filter: { q?: string | undefined; departmentPath?: string | null; counterpartyId?: string; limit: number },
): Promise<UserView[]> {
  let q = db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .leftJoin('counterparties', 'counterparties.id', 'users.counterparty_id')
    .select(VIEW_COLUMNS)
    .where('users.status', '=', 'active');
  q = filter.counterpartyId
    ? q.where('users.kind', '=', 'external').where('users.counterparty_id', '=', filter.counterpartyId)
    : q.where('users.kind', '=', 'employee');
  if (filter.q) {
    const needle = normaliseSearch(filter.q);
    q = q.where((eb) => likeContains(eb.ref('users.search_text'), needle));
  }
  if (filter.departmentPath)
    q = q.where((eb) => likePrefix(eb.ref('departments.path'), filter.departmentPath!));
  return q.orderBy('users.sort_key').orderBy('users.id').limit(filter.limit).execute();
}

/** Accounts by username, for resolving @mentions (unknown names are simply absent). */
export function idsByUsernames(
  db: Executor,
  usernames: readonly string[],
): Promise<{ id: string; username: string }[]> {
  if (usernames.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute();
}
