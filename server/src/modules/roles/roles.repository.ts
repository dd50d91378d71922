import type { DataScope } from '@liaison/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { prepared } from '../../platform/db/prepared.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { RolesTable } from './roles.tables.ts';

export type RoleRow = Selectable<RolesTable>;

export async function listWithCounts(db: Executor): Promise<(RoleRow & { user_count: number })[]> {
  const rows = await db
    .selectFrom('roles')
    .selectAll('roles')
    .select((eb) =>
      eb
        .selectFrom('user_roles')
        .whereRef('user_roles.role_id', '=', 'roles.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('user_count'),
    )
    .orderBy('built_in', 'desc')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ ...r, user_count: Number(r.user_count ?? 0) }));
}

export function findById(db: Executor, id: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByKey(db: Executor, key: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('key', '=', key).executeTakeFirst();
}

export function findByIds(db: Executor, ids: readonly string[]): Promise<RoleRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('roles').selectAll().where('id', 'in', ids).execute();
}

export async function insert(db: Executor, row: Insertable<RolesTable>): Promise<void> {
  await db.insertInto('roles').values(row).execute();
}

export async function update(db: Executor, id: string, patch: Updateable<RolesTable>): Promise<void> {
  await db.updateTable('roles').set(patch).where('id', '=', id).execute();
}

export async function remove(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('roles').where('id', '=', id).execute();
}

export async function countUsers(db: Executor, roleId: string): Promise<number> {
  const r = await db
    .selectFrom('user_roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role_id', '=', roleId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Roles of many users at once: user id → roles, for lists. */
export async function rolesOfUsers(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, RoleRow[]>> {
  const out = new Map<string, RoleRow[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .selectAll('roles')
    .select('user_roles.user_id')
    .where('user_roles.user_id', 'in', userIds)
    .orderBy('roles.built_in', 'desc')
    .orderBy('roles.created_at')
    .execute();
  for (const { user_id, ...role } of rows) {
    const list = out.get(user_id) ?? [];
    list.push(role);
    out.set(user_id, list);
  }
  return out;
}

/** What access checks need of a user's roles, in display order: one small query per request. */
// Run on every request: prepared once (see platform/db/prepared.ts).
const grantsOfUser = prepared((db, p: { userId: string }) =>
  db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['roles.id', 'roles.key', 'roles.name', 'roles.scope', 'roles.permissions'])
    .where('user_roles.user_id', '=', p.userId)
    .orderBy('roles.built_in', 'desc')
    .orderBy('roles.created_at'),
);

export async function roleGrantsOfUser(
  db: Executor,
  userId: string,
): Promise<{ id: string; key: string; name: string; scope: DataScope; permissions: string }[]> {
  return grantsOfUser.all(db, { userId });
}

/** Id, key and name of the roles of many users at once, for showing them in lists. */
export async function roleRefsOfUsers(
  db: Executor,
  userIds: readonly string[],
): Promise<{ user_id: string; id: string; key: string; name: string }[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['user_roles.user_id', 'roles.id', 'roles.key', 'roles.name'])
    .where('user_roles.user_id', 'in', userIds)
    .orderBy('roles.built_in', 'desc')
    .orderBy('roles.created_at')
    .execute();
}

export async function replaceUserRoles(
  db: Executor,
  userId: string,
  roleIds: readonly string[],
  grantedBy: string | null,
  at: string,
): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roleIds.length === 0) return;
  await db
    .insertInto('user_roles')
    .values(roleIds.map((role_id) => ({ user_id: userId, role_id, granted_at: at, granted_by: grantedBy })))
    .execute();
}

/** Ids of the users holding any of the roles (their status and kind are the users module's). */
export async function holderIds(db: Executor, roleIds: readonly string[]): Promise<string[]> {
  if (roleIds.length === 0) return [];
  const rows = await db
    .selectFrom('user_roles')
    .select('user_id')
    .distinct()
    .where('role_id', 'in', [...new Set(roleIds)])
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Ids of the users holding the role with this key. */
export async function holderIdsByKey(db: Executor, roleKey: string): Promise<string[]> {
  const rows = await userIdsWithRoleKey(db, roleKey).distinct().orderBy('user_roles.user_id').execute();
  return rows.map((r) => r.user_id);
}

/** A subquery of the ids of users holding a role, for other repositories to filter by. */
export function userIdsWithRoleKey(db: Executor, roleKey: string) {
  return db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select('user_roles.user_id')
    .where('roles.key', '=', roleKey);
}

/** Every role's id and permissions (JSON). */
export function rolePermissions(db: Executor): Promise<{ id: string; permissions: string }[]> {
  return db.selectFrom('roles').select(['id', 'permissions']).execute();
}
