import type { MessageListQuery } from '@liaison/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { SEALED, UNSEALED } from '../../platform/crypto/sealed.ts';
import { prepared } from '../../platform/db/prepared.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { AttachmentsTable, MessageRevisionsTable, MessagesTable } from './messages.tables.ts';

/** A message row; who wrote it is asked of the users module by id (see message-view.ts). */
export type MessageRow = Selectable<MessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;

function messages(db: Executor) {
  return db.selectFrom('messages').selectAll('messages');
}

export function findById(db: Executor, id: string): Promise<MessageRow | undefined> {
  return messages(db).where('messages.id', '=', id).executeTakeFirst();
}

export function findByIds(db: Executor, ids: readonly string[]): Promise<MessageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return messages(db).where('messages.id', 'in', ids).execute();
}

const byClientId = prepared((db, p: { authorId: string; clientId: string }) =>
  messages(db).where('messages.author_id', '=', p.authorId).where('messages.client_id', '=', p.clientId),
);

export function findByClientId(
  db: Executor,
  authorId: string,
  clientId: string,
): Promise<MessageRow | undefined> {
  return byClientId.first(db, { authorId, clientId });
}

/**
 * One page of a channel's top-level messages (or one thread's replies), `limit + 1` rows so the
 * caller knows whether there is more. Newest first; the caller turns the page around.
 */
export function page(db: Executor, channelId: string, q: MessageListQuery): Promise<MessageRow[]> {
  let query = messages(db).where('messages.channel_id', '=', channelId);
  query = q.threadId
    ? query.where('messages.thread_root_id', '=', q.threadId)
    : query.where('messages.thread_root_id', 'is', null);
  if (q.pinned === 'true') query = query.where('messages.pinned_at', 'is not', null);
  if (q.after !== undefined) {
    return query
      .where('messages.seq', '>', q.after)
      .orderBy('messages.seq', 'asc')
      .limit(q.limit + 1)
      .execute();
  }
  if (q.before !== undefined) query = query.where('messages.seq', '<', q.before);
  return query
    .orderBy('messages.seq', 'desc')
    .limit(q.limit + 1)
    .execute();
}

// Posting a message runs these on every post: prepared once (see platform/db/prepared.ts).
const insertMessage = prepared((db, p: Selectable<MessagesTable>) =>
  db.insertInto('messages').values({
    id: p.id,
    channel_id: p.channel_id,
    seq: p.seq,
    author_id: p.author_id,
    thread_root_id: p.thread_root_id,
    body: p.body,
    mentions: p.mentions,
    mentions_channel: p.mentions_channel,
    reply_count: p.reply_count,
    last_reply_at: p.last_reply_at,
    edited_at: p.edited_at,
    deleted_at: p.deleted_at,
    deleted_by: p.deleted_by,
    deleted_reason: p.deleted_reason,
    pinned_at: p.pinned_at,
    pinned_by: p.pinned_by,
    client_id: p.client_id,
    redacted: p.redacted,
    created_at: p.created_at,
  }),
);

type NewMessage = Pick<
  Selectable<MessagesTable>,
  'id' | 'channel_id' | 'seq' | 'author_id' | 'body' | 'created_at'
> &
  Partial<Selectable<MessagesTable>>;

/** A complete row for a new message: nothing edited, deleted, pinned or replied to yet. */
export function newMessageRow(fields: NewMessage): Selectable<MessagesTable> {
  return {
    thread_root_id: null,
    mentions: '[]',
    mentions_channel: 0,
    reply_count: 0,
    last_reply_at: null,
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
    deleted_reason: null,
    pinned_at: null,
    pinned_by: null,
    client_id: null,
    redacted: 0,
    ...fields,
  };
}

/** Inserts a message; every column is given, so the statement is always the same. */
export async function insert(db: Executor, row: Selectable<MessagesTable>): Promise<void> {
  await insertMessage.execute(db, row);
}

export async function update(db: Executor, id: string, patch: Updateable<MessagesTable>): Promise<void> {
  await db.updateTable('messages').set(patch).where('id', '=', id).execute();
}

export async function addReply(db: Executor, rootId: string, at: string): Promise<void> {
  await db
    .updateTable('messages')
    .set((eb) => ({ reply_count: eb('reply_count', '+', 1), last_reply_at: at }))
    .where('id', '=', rootId)
    .execute();
}

export async function insertMentions(
  db: Executor,
  messageId: string,
  channelId: string,
  seq: number,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('message_mentions')
    .values(userIds.map((user_id) => ({ message_id: messageId, channel_id: channelId, user_id, seq })))
    .onConflict((oc) => oc.columns(['message_id', 'user_id']).doNothing())
    .execute();
}

export async function insertRevision(db: Executor, row: Insertable<MessageRevisionsTable>): Promise<void> {
  await db.insertInto('message_revisions').values(row).execute();
}

/** Up to `limit` originals of redacted messages still in plaintext (the partial index finds them). */
export function unsealedOriginals(db: Executor, limit: number): Promise<{ id: string; body: string }[]> {
  return db
    .selectFrom('message_revisions')
    .select(['id', 'body'])
    .where('sealed', '=', UNSEALED)
    .where('kind', '=', 'redact')
    .limit(limit)
    .execute();
}

/** Stores a sealed original, unless another node sealed it first. */
export async function sealOriginal(db: Executor, id: string, body: string): Promise<void> {
  await db
    .updateTable('message_revisions')
    .set({ body, sealed: SEALED })
    .where('id', '=', id)
    .where('sealed', '=', UNSEALED)
    .execute();
}

export function revisions(db: Executor, messageId: string) {
  return db
    .selectFrom('message_revisions')
    .selectAll()
    .where('message_id', '=', messageId)
    .orderBy('at')
    .execute();
}

// Attachments

export async function insertAttachment(db: Executor, row: Insertable<AttachmentsTable>): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export function findAttachment(db: Executor, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function attachmentsByIds(db: Executor, ids: readonly string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('attachments').selectAll().where('id', 'in', ids).execute();
}

export function attachmentsOfMessages(db: Executor, messageIds: readonly string[]): Promise<AttachmentRow[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .execute();
}

/**
 * Claims unused uploads of this author in this channel for a message; returns how many it got
 * (fewer than asked means another post claimed one first).
 */
export async function attach(
  db: Executor,
  attachmentIds: readonly string[],
  messageId: string,
  uploaderId: string,
  channelId: string,
): Promise<number> {
  if (attachmentIds.length === 0) return 0;
  const r = await db
    .updateTable('attachments')
    .set({ message_id: messageId })
    .where('id', 'in', attachmentIds)
    .where('message_id', 'is', null)
    .where('uploader_id', '=', uploaderId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Removes a message's mention rows (all, or those of people no longer mentioned). */
export async function removeMentions(
  db: Executor,
  messageId: string,
  keep: readonly string[] = [],
): Promise<void> {
  let q = db.deleteFrom('message_mentions').where('message_id', '=', messageId);
  if (keep.length > 0) q = q.where('user_id', 'not in', keep);
  await q.execute();
}

/**
 * How many messages the sender posted in the channel since the instant (with `body`: of exactly
 * that text), for the flooding and repetition rules of communication control. Uses the
 * (author, created_at) index.
 */
export async function countRecent(
  db: Executor,
  channelId: string,
  authorId: string,
  since: string,
  body?: string,
): Promise<number> {
  let query = db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_id', '=', authorId)
    .where('created_at', '>=', since)
    .where('channel_id', '=', channelId)
    .where('deleted_at', 'is', null);
  if (body !== undefined) query = query.where('body', '=', body);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

// Retention and archives (the retention module decides what goes; these rows are ours to delete)

/**
 * Up to `limit` messages of these channels created before the cut-off that may go: not written by
 * a held person, and not a thread whose replies are still kept. Oldest first.
 */
export async function expiredIds(
  db: Executor,
  p: { channelIds: readonly string[]; cutoff: string; keepAuthorIds: readonly string[]; limit: number },
): Promise<string[]> {
  if (p.channelIds.length === 0) return [];
  let q = db
    .selectFrom('messages')
    .select('id')
    .where('channel_id', 'in', p.channelIds)
    .where('created_at', '<', p.cutoff)
    .where((eb) => eb.or([eb('last_reply_at', 'is', null), eb('last_reply_at', '<', p.cutoff)]));
  if (p.keepAuthorIds.length > 0) {
    q = q.where((eb) => eb.or([eb('author_id', 'is', null), eb('author_id', 'not in', p.keepAuthorIds)]));
  }
  const rows = await q.orderBy('created_at').limit(p.limit).execute();
  return rows.map((r) => r.id);
}

export function attachmentKeysOf(db: Executor, messageIds: readonly string[]) {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'blob_key'])
    .where('message_id', 'in', messageIds)
    .execute();
}

/** Deletes messages outright, with their files' rows, mentions and revisions. */
export async function deleteMessages(db: Executor, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await db.deleteFrom('attachments').where('message_id', 'in', messageIds).execute();
  await db.deleteFrom('message_mentions').where('message_id', 'in', messageIds).execute();
  await db.deleteFrom('message_revisions').where('message_id', 'in', messageIds).execute();
  await db.deleteFrom('messages').where('id', 'in', messageIds).execute();
}

/** Uploads never attached to a message, older than the cut-off (a thousand at a time). */
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

/** A channel's messages in [from, to), oldest first. */
export function messagesBetween(db: Executor, channelId: string, from: string, to: string) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .orderBy('seq')
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

/** Channels with at least one message in [from, to). */
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

/** Mentions of the user per channel with a seq after that channel's position, in one query. */
export async function mentionCountsAfter(
  db: Executor,
  userId: string,
  positions: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  if (positions.size === 0) return new Map();
  const rows = await db
    .selectFrom('message_mentions')
    .select(['channel_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('user_id', '=', userId)
    .where('channel_id', 'in', [...positions.keys()])
    .where((eb) =>
      eb.or(
        [...positions].map(([channelId, after]) =>
          eb.and([eb('channel_id', '=', channelId), eb('seq', '>', after)]),
        ),
      ),
    )
    .groupBy('channel_id')
    .execute();
  return new Map(rows.map((r) => [r.channel_id, Number(r.n)]));
}
