import type { DeliveryListQuery, DeliveryStatus } from '@liaison/contracts';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { NotificationsTables } from './notifications.tables.ts';

export type DeliveryRow = Selectable<NotificationsTables['deliveries']>;

export async function insertMany(
  db: Executor,
  rows: Insertable<NotificationsTables['deliveries']>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('deliveries')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

/**
 * Claims up to `limit` deliveries that are due, or whose worker's lease ran out (it died while
 * sending), marking them `sending` under this worker. `SKIP LOCKED` on PostgreSQL lets several
 * nodes claim side by side without waiting on each other or taking the same row.
 */
export async function claim(
  db: Kysely<DB>,
  dialect: SqlDialect,
  workerId: string,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<DeliveryRow[]> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const due = await dialect
      .skipLocked(
        trx
          .selectFrom('deliveries')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
              eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', nowIso)]),
            ]),
          )
          .orderBy('next_attempt_at')
          .limit(limit),
      )
      .execute();
    if (due.length === 0) return [];
    await trx
      .updateTable('deliveries')
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        locked_by: workerId,
        locked_until: new Date(now.getTime() + leaseMs).toISOString(),
        updated_at: nowIso,
      }))
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .execute();
    return due.map((d) => ({ ...d, status: 'sending' as const, attempts: d.attempts + 1 }));
  });
}

/** Records sends that succeeded; only the worker still holding a delivery may. */
export async function markSent(
  db: Executor,
  ids: readonly string[],
  workerId: string,
  at: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('deliveries')
    .set({
      status: 'sent',
      sent_at: at,
      updated_at: at,
      locked_by: null,
      locked_until: null,
      last_error: null,
    })
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'sending')
    .execute();
}

export async function markFailed(
  db: Executor,
  id: string,
  workerId: string,
  failure: { dead: boolean; nextAttemptAt: string | null; error: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({
      status: failure.dead ? 'dead' : 'pending',
      next_attempt_at: failure.nextAttemptAt,
      last_error: failure.error.slice(0, 2000),
      locked_by: null,
      locked_until: null,
      updated_at: failure.at,
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function list(db: Executor, query: DeliveryListQuery) {
  let q = db.selectFrom('deliveries');
  if (query.status) q = q.where('status', '=', query.status);
  if (query.channel) q = q.where('channel', '=', query.channel);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function countsByStatus(db: Executor): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, dead: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export function findById(db: Executor, id: string) {
  return db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Puts a dead delivery back in the queue with a fresh set of attempts. */
export async function requeue(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: at, updated_at: at, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes deliveries sent before `before`; dead ones stay until someone deals with them. */
export async function pruneSent(db: Executor, before: string): Promise<number> {
  const result = await db
    .deleteFrom('deliveries')
    .where('status', '=', 'sent')
    .where('sent_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
