import type { NotificationKind, NotificationListQuery } from '@liaison/contracts';
import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/schema.ts';
import type { NotificationsTables } from './notifications.tables.ts';

type Tables = NotificationsTables;

export async function insertNotice(db: Executor, row: Insertable<Tables['notices']>): Promise<void> {
  await db.insertInto('notices').values(row).execute();
}

export async function insertNotifications(
  db: Executor,
  rows: Insertable<Tables['notifications']>[],
): Promise<void> {
  // Chunked: a notice to a whole department is one statement per few hundred recipients.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('notifications')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function preferencesOf(db: Executor, userIds: readonly string[], kind?: NotificationKind) {
  if (userIds.length === 0) return [];
  let q = db.selectFrom('notification_preferences').selectAll().where('user_id', 'in', userIds);
  if (kind) q = q.where('kind', '=', kind);
  return q.execute();
}

export async function upsertPreference(
  db: Executor,
  row: Insertable<Tables['notification_preferences']>,
): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ in_app: row.in_app, email: row.email }))
    .execute();
}

function inbox(db: Executor, userId: string) {
  return db
    .selectFrom('notifications')
    .innerJoin('notices', 'notices.id', 'notifications.notice_id')
    .where('notifications.user_id', '=', userId)
    .where('notifications.in_app', '=', 1);
}

export async function listInbox(db: Executor, userId: string, query: NotificationListQuery) {
  let q = inbox(db, userId);
  if (query.unread === 'true') q = q.where('notifications.read_at', 'is', null);
  if (query.unread === 'false') q = q.where('notifications.read_at', 'is not', null);
  if (query.kind) q = q.where('notices.kind', '=', query.kind);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'notifications.id',
      'notifications.read_at',
      'notifications.created_at',
      'notices.kind',
      'notices.title',
      'notices.body',
      'notices.texts',
      'notices.link',
      'notices.subject_type',
      'notices.subject_id',
      'notices.actor_id',
    ])
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('in_app', '=', 1)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(
  db: Executor,
  userId: string,
  ids: readonly string[] | null,
  at: string,
): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Users with notices waiting for their digest, a page at a time. */
export async function usersWithDigest(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('user_id')
    .distinct()
    .where('digest_pending', '=', 1)
    .limit(limit)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function pendingDigest(db: Executor, userId: string) {
  return db
    .selectFrom('notifications')
    .innerJoin('notices', 'notices.id', 'notifications.notice_id')
    .select([
      'notifications.id',
      'notices.kind',
      'notices.title',
      'notices.body',
      'notices.texts',
      'notices.link',
      'notices.created_at',
    ])
    .where('notifications.user_id', '=', userId)
    .where('notifications.digest_pending', '=', 1)
    .orderBy('notices.created_at')
    .limit(200)
    .execute();
}

export async function clearDigest(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('notifications').set({ digest_pending: 0 }).where('id', 'in', ids).execute();
}
