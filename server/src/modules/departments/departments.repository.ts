import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { likePrefix } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { DepartmentsTable } from './departments.tables.ts';

export type DepartmentRow = Selectable<DepartmentsTable>;

export function listAll(db: Executor): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().orderBy('depth').orderBy('sort_order').execute();
}

export function findById(db: Executor, id: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByIds(db: Executor, ids: readonly string[]): Promise<DepartmentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('departments')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Ids of the department at `path` and every department under it. */
export async function subtreeIds(db: Executor, path: string): Promise<string[]> {
  const rows = await db
    .selectFrom('departments')
    .select('id')
    .where((eb) => likePrefix(eb.ref('path'), path))
    .execute();
  return rows.map((r) => r.id);
}

export function findByCode(db: Executor, code: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findSibling(
  db: Executor,
  parentId: string | null,
  name: string,
): Promise<DepartmentRow | undefined> {
  let q = db.selectFrom('departments').selectAll().where('name', '=', name);
  q = parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null);
  return q.executeTakeFirst();
}

export async function insert(db: Executor, row: Insertable<DepartmentsTable>): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function update(db: Executor, id: string, patch: Updateable<DepartmentsTable>): Promise<void> {
  await db.updateTable('departments').set(patch).where('id', '=', id).execute();
}

export async function remove(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('departments').where('id', '=', id).execute();
}

export async function countChildren(db: Executor, id: string): Promise<number> {
  const r = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Moves a subtree: every department whose path starts with `oldPath` gets `newPath` instead and
 * its depth shifted. One statement, the same SQL on both databases.
 */
export async function rewriteSubtreePaths(
  db: Executor,
  oldPath: string,
  newPath: string,
  depthDelta: number,
): Promise<void> {
  await db
    .updateTable('departments')
    .set({
      path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
    })
    .where((eb) => likePrefix(eb.ref('path'), oldPath))
    .execute();
}
