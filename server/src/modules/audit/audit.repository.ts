import type { AuditQuery } from '@liaison/contracts';
import type { Insertable, Selectable } from 'kysely';
import { likePrefix, type SqlDialect } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { AuditLogTable } from './audit.tables.ts';

export type AuditRow = Selectable<AuditLogTable>;

/** Locks the chain tip for the rest of the transaction, so appends are strictly ordered. */
export async function lockHead(db: Executor, dialect: SqlDialect): Promise<{ seq: number; hash: string }> {
  const head = await dialect
    .forUpdate(db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1))
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

export async function append(db: Executor, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
  await db
    .updateTable('audit_chain_head')
    .set({ seq: row.seq, hash: row.hash })
    .where('id', '=', 1)
    .execute();
}

export async function head(db: Executor): Promise<{ seq: number; hash: string }> {
  const h = await db
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}

/** Newest first, `limit + 1` rows so the caller knows whether another page exists. */
export async function list(db: Executor, q: AuditQuery): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll('audit_log')
    .orderBy('audit_log.seq', 'desc')
    .limit(q.limit + 1);
  if (q.before) query = query.where('audit_log.seq', '<', q.before);
  if (q.actorId) query = query.where('audit_log.actor_id', '=', q.actorId);
  if (q.action) {
    query = q.action.endsWith('.')
      ? query.where((eb) => likePrefix(eb.ref('audit_log.action'), q.action!))
      : query.where('audit_log.action', '=', q.action);
  }
  if (q.targetType) query = query.where('audit_log.target_type', '=', q.targetType);
  if (q.targetId) query = query.where('audit_log.target_id', '=', q.targetId);
  if (q.from) query = query.where('audit_log.at', '>=', new Date(q.from).toISOString());
  if (q.to) query = query.where('audit_log.at', '<', new Date(q.to).toISOString());
  return query.execute();
}

/** Entries in chain order from `afterSeq`, a batch at a time, for verification. */
export async function batchFrom(db: Executor, afterSeq: number, size: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(size)
    .execute();
}
