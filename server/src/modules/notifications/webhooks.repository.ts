import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/schema.ts';
import type { NotificationsTables } from './notifications.tables.ts';

type WebhooksTable = NotificationsTables['webhooks'];

export type WebhookRow = Selectable<WebhooksTable>;

export function list(db: Executor): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().orderBy('created_at').execute();
}

export function findById(db: Executor, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function enabled(db: Executor) {
  return db
    .selectFrom('webhooks')
    .select(['id', 'name', 'kinds', 'department_id', 'locale'])
    .where('enabled', '=', 1)
    .execute();
}

export async function insert(db: Executor, row: Insertable<WebhooksTable>): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function update(db: Executor, id: string, patch: Updateable<WebhooksTable>): Promise<void> {
  await db.updateTable('webhooks').set(patch).where('id', '=', id).execute();
}

export async function remove(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

export async function nameTaken(db: Executor, name: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('webhooks').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}
