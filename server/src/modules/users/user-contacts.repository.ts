import type { Executor } from '../../platform/db/schema.ts';

/** How to reach people and in which language: what the notification center needs of a user. */
export function contactRows(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale', 'status'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
