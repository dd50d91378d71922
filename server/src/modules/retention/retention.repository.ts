import type { ChannelKind } from '@liaison/contracts';
import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
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

export type HoldRow = Selectable<LegalHoldsTable> & {
  created_by_username: string | null;
  created_by_name: string | null;
  released_by_username: string | null;
  released_by_name: string | null;
  channel_name: string | null;
  user_name: string | null;
};

export function holds(db: Executor): Promise<HoldRow[]> {
  return db
    .selectFrom('legal_holds')
    .leftJoin('users as creator', 'creator.id', 'legal_holds.created_by')
    .leftJoin('users as releaser', 'releaser.id', 'legal_holds.released_by')
    .leftJoin('channels', 'channels.id', 'legal_holds.target_id')
    .leftJoin('users as target', 'target.id', 'legal_holds.target_id')
    .selectAll('legal_holds')
    .select([
      'creator.username as created_by_username',
      'creator.display_name as created_by_name',
      'releaser.username as released_by_username',
      'releaser.display_name as released_by_name',
      'channels.name as channel_name',
      'target.display_name as user_name',
    ])
    .orderBy('legal_holds.created_at', 'desc')
    .execute();
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

/**
 * Up to `limit` messages of a channel kind created before the cut-off that may go: not in a channel
 * under an active legal hold, not written by a held person, not in a direct or external
 * conversation a held person belongs to (their side of a conversation needs the other side too),
 * and not a thread whose replies are still kept.
 */
export async function expiredMessages(db: Executor, kind: ChannelKind, cutoff: string, limit: number) {
  return db
    .selectFrom('messages')
    .innerJoin('channels', 'channels.id', 'messages.channel_id')
    .select(['messages.id', 'messages.channel_id'])
    .where('channels.kind', '=', kind)
    .where('messages.created_at', '<', cutoff)
    .where((eb) =>
      eb.or([eb('messages.last_reply_at', 'is', null), eb('messages.last_reply_at', '<', cutoff)]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('legal_holds')
            .select(sql`1`.as('one'))
            .where('legal_holds.released_at', 'is', null)
            .where((h) =>
              h.or([
                h.and([
                  h('legal_holds.target_type', '=', 'channel'),
                  h('legal_holds.target_id', '=', h.ref('messages.channel_id')),
                ]),
                h.and([
                  h('legal_holds.target_type', '=', 'user'),
                  h('legal_holds.target_id', '=', h.ref('messages.author_id')),
                ]),
                h.and([
                  h('legal_holds.target_type', '=', 'user'),
                  h.exists(
                    h
                      .selectFrom('channel_members')
                      .select(sql`1`.as('one'))
                      .whereRef('channel_members.channel_id', '=', 'messages.channel_id')
                      .whereRef('channel_members.user_id', '=', 'legal_holds.target_id'),
                  ),
                ]),
              ]),
            ),
        ),
      ),
    )
    .orderBy('messages.created_at')
    .limit(limit)
    .execute();
}

export function attachmentKeysOf(db: Executor, messageIds: readonly string[]) {
  return db
    .selectFrom('attachments')
    .select(['id', 'blob_key'])
    .where('message_id', 'in', messageIds)
    .execute();
}

export async function deleteMessages(db: Executor, messageIds: readonly string[]): Promise<void> {
  await db.deleteFrom('attachments').where('message_id', 'in', messageIds).execute();
  await db.deleteFrom('message_mentions').where('message_id', 'in', messageIds).execute();
  await db.deleteFrom('message_revisions').where('message_id', 'in', messageIds).execute();
  await db.deleteFrom('messages').where('id', 'in', messageIds).execute();
}

/** Uploads never attached to a message, older than the cut-off. */
export function orphanUploads(db: Executor, before: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'blob_key'])
    .where('message_id', 'is', null)
    .where('created_at', '<', before)
    .limit(1000)
    .execute();
}

export async function deleteAttachments(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('attachments').where('id', 'in', ids).execute();
}

// Archives

export type ArchiveRow = Selectable<MessageArchivesTable> & { channel_name: string };

export function archives(
  db: Executor,
  filter: { channelId?: string | undefined; month?: string | undefined },
) {
  let q = db
    .selectFrom('message_archives')
    .innerJoin('channels', 'channels.id', 'message_archives.channel_id')
    .selectAll('message_archives')
    .select('channels.name as channel_name')
    .orderBy('message_archives.month', 'desc')
    .orderBy('channels.name');
  if (filter.channelId) q = q.where('message_archives.channel_id', '=', filter.channelId);
  if (filter.month) q = q.where('message_archives.month', '=', filter.month);
  return q.execute();
}

export function findArchive(db: Executor, id: string) {
  return db
    .selectFrom('message_archives')
    .innerJoin('channels', 'channels.id', 'message_archives.channel_id')
    .selectAll('message_archives')
    .select('channels.name as channel_name')
    .where('message_archives.id', '=', id)
    .executeTakeFirst();
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

/** A channel's messages in [from, to), oldest first, with authors. */
export function messagesBetween(db: Executor, channelId: string, from: string, to: string) {
  return db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .selectAll('messages')
    .select(['users.username as author_username', 'users.display_name as author_name'])
    .where('messages.channel_id', '=', channelId)
    .where('messages.created_at', '>=', from)
    .where('messages.created_at', '<', to)
    .orderBy('messages.seq')
    .execute();
}

export function revisionsOf(db: Executor, messageIds: readonly string[]) {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('message_revisions')
    .selectAll()
    .where('message_id', 'in', messageIds)
    .orderBy('at')
    .execute();
}

/** Channels with at least one message in [from, to): the ones a monthly archive covers. */
export async function channelsWithMessages(db: Executor, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('channel_id')
    .distinct()
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
  return rows.map((r) => r.channel_id);
}
