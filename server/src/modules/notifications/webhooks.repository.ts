import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/schema.ts';
import type { NotificationsTables } from './notifications.tables.ts';

type WebhooksTable = NotificationsTables['webhooks'];

function withDepartment(db: Executor) {
  return db
    .selectFrom('webhooks')
    .leftJoin('departments', 'departments.id', 'webhooks.department_id')
    .selectAll('webhooks')
    .select('departments.name as department_name');
}

export type WebhookRow = Awaited<ReturnType<typeof list>>[number];

export function list(db: Executor) {
  return withDepartment(db).orderBy('webhooks.created_at').execute();
}

export function findById(db: Executor, id: string) {
  return withDepartment(db).where('webhooks.id', '=', id).executeTakeFirst();
}

export function enabled(db: Executor) {
  return db
    .selectFrom('webhooks')
    .select(['id', 'name', 'kinds', 'department_id'])
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
