import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/schema.ts';
import type { CounterpartiesTable } from './counterparties.tables.ts';

export type CounterpartyRow = Selectable<CounterpartiesTable>;

export function list(db: Executor): Promise<CounterpartyRow[]> {
  return db.selectFrom('counterparties').selectAll().execute();
}

export function findById(db: Executor, id: string): Promise<CounterpartyRow | undefined> {
  return db.selectFrom('counterparties').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByIds(db: Executor, ids: readonly string[]): Promise<CounterpartyRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('counterparties')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export function findByName(db: Executor, name: string) {
  return db.selectFrom('counterparties').select(['id']).where('name', '=', name).executeTakeFirst();
}

export async function insert(db: Executor, row: Insertable<CounterpartiesTable>): Promise<void> {
  await db.insertInto('counterparties').values(row).execute();
}

export async function update(
  db: Executor,
  id: string,
  patch: Updateable<CounterpartiesTable>,
): Promise<void> {
  await db.updateTable('counterparties').set(patch).where('id', '=', id).execute();
}

/** Names of counterparties by id (for modules that show which organisation a record concerns). */
export function namesByIds(db: Executor, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('counterparties').select(['id', 'name']).where('id', 'in', ids).execute();
}
