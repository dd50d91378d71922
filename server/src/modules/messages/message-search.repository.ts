import { sql } from 'kysely';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import { prepared } from '../../platform/db/prepared.ts';
import type { Executor } from '../../platform/db/schema.ts';
import {
  fts5Columns,
  fts5Query,
  tsQueryLiteral,
  tsvectorLiteral,
} from '../../platform/search/fts-encoding.ts';
import { analyse, type QueryTerm } from '../../platform/search/segment.ts';

export interface SearchFilter {
  /** Only these channels (the caller's); null for compliance officers, who may search them all. */
  channelIds: readonly string[] | null;
  channelId?: string | undefined;
  authorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A message as the index needs it when it is first indexed. */
export interface IndexedMessage {
  id: string;
  channelId: string;
  authorId: string | null;
  createdAt: string;
  /** Its text and its files' names. */
  text: string;
}

/**
 * The one place where message search differs between the databases: an FTS5 table on SQLite, a
 * tsvector column with a GIN index on PostgreSQL. Both index the same analysis of the text
 * (platform/search/segment.ts: words, and each Han run's bigrams and last character by position,
 * so any Han substring is found), encoded for each engine by platform/search/fts-encoding.ts, and
 * are written in the message's own transaction. Deleted messages leave the index, so a search never needs to look at the message
 * rows to rule them out.
 */
export interface MessageSearchIndex {
  /** Indexes messages just inserted (never indexed before). */
  add(trx: Executor, messages: readonly IndexedMessage[]): Promise<void>;
  /** Re-indexes an edited message. */
  replace(trx: Executor, messageId: string, text: string): Promise<void>;
  remove(trx: Executor, messageId: string): Promise<void>;
  /** Before deleting messages outright (retention). */
  removeMany(trx: Executor, messageIds: readonly string[]): Promise<void>;
  /** Matching live (not deleted) messages, best first, then newest. */
  search(
    db: Executor,
    terms: readonly QueryTerm[],
    filter: SearchFilter,
    limit: number,
    offset: number,
  ): Promise<string[]>;
}

export function messageSearchIndex(dialect: SqlDialect): MessageSearchIndex {
  return dialect.kind === 'sqlite' ? sqliteIndex : postgresIndex;
}

/** The filter as SQL over a row that has channel_id, author_id and created_at columns. */
function filterSql(alias: string, filter: SearchFilter) {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const parts = [sql`1 = 1`];
  if (filter.channelIds) {
    parts.push(
      filter.channelIds.length > 0
        ? sql`${col('channel_id')} in (${sql.join(filter.channelIds.map((id) => sql`${id}`))})`
        : sql`1 = 0`,
    );
  }
  if (filter.channelId) parts.push(sql`${col('channel_id')} = ${filter.channelId}`);
  if (filter.authorId) parts.push(sql`${col('author_id')} = ${filter.authorId}`);
  if (filter.from) parts.push(sql`${col('created_at')} >= ${new Date(filter.from).toISOString()}`);
  if (filter.to) parts.push(sql`${col('created_at')} < ${new Date(filter.to).toISOString()}`);
  return sql.join(parts, sql` and `);
}

/** SQLite allows 32,766 bound values per statement; rows are added in chunks well under it. */
const SQLITE_CHUNK = 1_000;

// One message at a time (every post): prepared once (see platform/db/prepared.ts).
const newKey = prepared(
  (db, p: { messageId: string; channelId: string; authorId: string | null; createdAt: string }) =>
    db
      .insertInto('message_search_keys')
      .values({
        message_id: p.messageId,
        channel_id: p.channelId,
        author_id: p.authorId,
        created_at: p.createdAt,
      })
      .returning('key'),
);
const newFtsRow = prepared((db, p: { key: number; words: string; grams: string }) =>
  db.insertInto('message_fts').values({ rowid: p.key, words: p.words, grams: p.grams }),
);

const sqliteIndex: MessageSearchIndex = {
  async add(trx, messages) {
    if (messages.length === 1) {
      const m = messages[0]!;
      const row = await newKey.first(trx, {
        messageId: m.id,
        channelId: m.channelId,
        authorId: m.authorId,
        createdAt: m.createdAt,
      });
      if (!row) throw new Error('no search key was assigned');
      await newFtsRow.execute(trx, { key: row.key, ...fts5Columns(analyse(m.text)) });
      return;
    }
    for (let i = 0; i < messages.length; i += SQLITE_CHUNK) {
      const chunk = messages.slice(i, i + SQLITE_CHUNK);
      const keys = await trx
        .insertInto('message_search_keys')
        .values(
          chunk.map((m) => ({
            message_id: m.id,
            channel_id: m.channelId,
            author_id: m.authorId,
            created_at: m.createdAt,
          })),
        )
        .returning(['key', 'message_id'])
        .execute();
      const keyOf = new Map(keys.map((k) => [k.message_id, k.key]));
      await trx
        .insertInto('message_fts')
        .values(chunk.map((m) => ({ rowid: keyOf.get(m.id)!, ...fts5Columns(analyse(m.text)) })))
        .execute();
    }
  },
  async replace(trx, messageId, text) {
    const key = await keyOf(trx, messageId);
    if (key === undefined) return;
    await trx
      .updateTable('message_fts')
      .set(fts5Columns(analyse(text)))
      .where('rowid', '=', key)
      .execute();
  },
  async remove(trx, messageId) {
    const key = await keyOf(trx, messageId);
    if (key === undefined) return;
    await trx.deleteFrom('message_fts').where('rowid', '=', key).execute();
    await trx.deleteFrom('message_search_keys').where('key', '=', key).execute();
  },
  async removeMany(trx, messageIds) {
    for (let i = 0; i < messageIds.length; i += SQLITE_CHUNK) {
      const keys = await trx
        .selectFrom('message_search_keys')
        .select('key')
        .where('message_id', 'in', messageIds.slice(i, i + SQLITE_CHUNK))
        .execute();
      if (keys.length === 0) continue;
      const ids = keys.map((k) => k.key);
      await trx.deleteFrom('message_fts').where('rowid', 'in', ids).execute();
      await trx.deleteFrom('message_search_keys').where('key', 'in', ids).execute();
    }
  },
  async search(db, terms, filter, limit, offset) {
    if (terms.length === 0) return [];
    // FTS5 finds and ranks; each hit's key row (a primary-key lookup) gives its channel, author and
    // time to filter and sort by. The cross join keeps FTS5 the outer loop.
    const { rows } = await sql<{ message_id: string }>`
      select k.message_id from message_fts f cross join message_search_keys k on k.key = f.rowid
      where message_fts match ${fts5Query(terms)} and ${filterSql('k', filter)}
      order by f.rank, k.created_at desc
      limit ${limit} offset ${offset}`.execute(db);
    return rows.map((r) => r.message_id);
  },
};

async function keyOf(trx: Executor, messageId: string): Promise<number | undefined> {
  const row = await trx
    .selectFrom('message_search_keys')
    .select('key')
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row?.key;
}

/** The search_vector value of a text on PostgreSQL. */
export function postgresSearchVector(text: string) {
  return sql<string>`${tsvectorLiteral(analyse(text))}::tsvector`;
}

const postgresIndex: MessageSearchIndex = {
  async add(trx, messages) {
    for (const m of messages) await postgresIndex.replace(trx, m.id, m.text);
  },
  async replace(trx, messageId, text) {
    await sql`update messages set search_vector = ${postgresSearchVector(text)} where id = ${messageId}`.execute(
      trx,
    );
  },
  async remove(trx, messageId) {
    await sql`update messages set search_vector = null where id = ${messageId}`.execute(trx);
  },
  // The tsvector is a column of the message row: it goes with the row.
  async removeMany() {},
  async search(db, terms, filter, limit, offset) {
    if (terms.length === 0) return [];
    const { rows } = await sql<{ id: string }>`
      select m.id from messages m, cast(${tsQueryLiteral(terms)} as tsquery) q
      where m.search_vector @@ q and ${filterSql('m', filter)}
      order by ts_rank(m.search_vector, q) desc, m.created_at desc
      limit ${limit} offset ${offset}`.execute(db);
    return rows.map((r) => r.id);
  },
};
