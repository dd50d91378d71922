import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/schema.ts';
import type { LegalHoldsTable, MessageArchivesTable } from './retention.tables.ts';

export function policies(db: Executor) {
  return db.selectFrom('retention_policies').selectAll().execute();
}

export async function savePolicy(
  db: Executor,
  kind: string,
  keepDays: number,
  by: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('retention_policies')
    .values({ channel_kind: kind, keep_days: keepDays, updated_at: at, updated_by: by })
    .onConflict((oc) =>
      oc.column('channel_kind').doUpdateSet({ keep_days: keepDays, updated_at: at, updated_by: by }),
    )
    .execute();
}

export type HoldRow = Selectable<LegalHoldsTable>;

export function holds(db: Executor): Promise<HoldRow[]> {
  return db.selectFrom('legal_holds').selectAll().orderBy('created_at', 'desc').execute();
}

/** Channels and people under a hold not yet released. */
export async function activeHoldTargets(db: Executor): Promise<{ channelIds: string[]; userIds: string[] }> {
  const rows = await db
    .selectFrom('legal_holds')
    .select(['target_type', 'target_id'])
    .where('released_at', 'is', null)
    .execute();
  return {
    channelIds: rows.filter((r) => r.target_type === 'channel').map((r) => r.target_id),
    userIds: rows.filter((r) => r.target_type === 'user').map((r) => r.target_id),
  };
}

export function findHold(db: Executor, id: string) {
  return db.selectFrom('legal_holds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertHold(db: Executor, row: Insertable<LegalHoldsTable>): Promise<void> {
  await db.insertInto('legal_holds').values(row).execute();
}

export async function releaseHold(db: Executor, id: string, by: string, at: string): Promise<void> {
  await db
    .updateTable('legal_holds')
    .set({ released_at: at, released_by: by })
    .where('id', '=', id)
    .execute();
}

// Archives

export type ArchiveRow = Selectable<MessageArchivesTable>;

/** Archives, newest month first (the service orders a month's channels by name). */
export function archives(
  db: Executor,
  filter: { channelId?: string | undefined; month?: string | undefined },
): Promise<ArchiveRow[]> {
  let q = db.selectFrom('message_archives').selectAll().orderBy('month', 'desc');
  if (filter.channelId) q = q.where('channel_id', '=', filter.channelId);
  if (filter.month) q = q.where('month', '=', filter.month);
  return q.execute();
}

export function findArchive(db: Executor, id: string): Promise<ArchiveRow | undefined> {
  return db.selectFrom('message_archives').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function saveArchive(db: Executor, row: Insertable<MessageArchivesTable>): Promise<void> {
  await db
    .insertInto('message_archives')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['channel_id', 'month', 'format']).doUpdateSet({
        blob_key: row.blob_key,
        message_count: row.message_count,
        size: row.size,
        created_by: row.created_by,
        created_at: row.created_at,
      }),
    )
    .execute();
}
