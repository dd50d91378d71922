import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/schema.ts';
import type { CounterpartiesTable } from './counterparties.tables.ts';

export type CounterpartyRow = Selectable<CounterpartiesTable> & { contact_count: number };

function withCounts(db: Executor) {
  return db
    .selectFrom('counterparties')
    .selectAll('counterparties')
    .select((eb) =>
      eb
        .selectFrom('users')
        .whereRef('users.counterparty_id', '=', 'counterparties.id')
        .where('users.status', '=', 'active')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('contact_count'),
    );
}

export async function list(db: Executor): Promise<CounterpartyRow[]> {
  const rows = await withCounts(db).execute();
  return rows.map((r) => ({ ...r, contact_count: Number(r.contact_count ?? 0) }));
}

export async function findById(db: Executor, id: string): Promise<CounterpartyRow | undefined> {
  const row = await withCounts(db).where('counterparties.id', '=', id).executeTakeFirst();
  return row && { ...row, contact_count: Number(row.contact_count ?? 0) };
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

export function namesOf(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('counterparties').select(['id', 'name']).where('id', 'in', ids).execute();
}
