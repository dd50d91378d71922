import { sql } from 'kysely';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import { fts5Query, indexTerms, type QueryTerm } from '../../platform/search/segment.ts';

export interface SearchFilter {
  /** Only these channels (the caller's); null for compliance officers, who may search them all. */
  channelIds: readonly string[] | null;
  channelId?: string | undefined;
  authorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The one place where message search differs between the databases: an FTS5 table on SQLite, a
 * tsvector column with a GIN index on PostgreSQL. Both index the same segmented terms
 * (platform/search/segment.ts) and are written in the message's own transaction.
 */
export interface MessageSearchIndex {
  put(trx: Executor, messageId: string, text: string): Promise<void>;
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

function baseFilter(filter: SearchFilter) {
  const parts = [sql`m.deleted_at is null`];
  if (filter.channelIds) {
    parts.push(
      filter.channelIds.length > 0
        ? sql`m.channel_id in (${sql.join(filter.channelIds.map((id) => sql`${id}`))})`
        : sql`1 = 0`,
    );
  }
  if (filter.channelId) parts.push(sql`m.channel_id = ${filter.channelId}`);
  if (filter.authorId) parts.push(sql`m.author_id = ${filter.authorId}`);
  if (filter.from) parts.push(sql`m.created_at >= ${new Date(filter.from).toISOString()}`);
  if (filter.to) parts.push(sql`m.created_at < ${new Date(filter.to).toISOString()}`);
  return sql.join(parts, sql` and `);
}

const sqliteIndex: MessageSearchIndex = {
  async put(trx, messageId, text) {
    await sql`delete from message_fts where message_id = ${messageId}`.execute(trx);
    await sql`insert into message_fts (message_id, terms) values (${messageId}, ${indexTerms(text)})`.execute(
      trx,
    );
  },
  async remove(trx, messageId) {
    await sql`delete from message_fts where message_id = ${messageId}`.execute(trx);
  },
  async removeMany(trx, messageIds) {
    if (messageIds.length === 0) return;
    await sql`delete from message_fts where message_id in (${sql.join(messageIds.map((id) => sql`${id}`))})`.execute(
      trx,
    );
  },
  async search(db, terms, filter, limit, offset) {
    if (terms.length === 0) return [];
    const { rows } = await sql<{ id: string }>`
      select m.id from message_fts f
      join messages m on m.id = f.message_id
      where message_fts match ${fts5Query(terms)} and ${baseFilter(filter)}
      order by bm25(message_fts), m.created_at desc
      limit ${limit} offset ${offset}`.execute(db);
    return rows.map((r) => r.id);
  },
};

/** A tsquery for the terms in to_tsquery syntax: quoted lexemes (letters and digits only). */
function tsQuery(terms: readonly QueryTerm[]): string {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  return terms
    .map((t) => {
      const word = t.prefix ? `${quote(t.word)}:*` : quote(t.word);
      if (!t.bigrams || t.bigrams.length <= 1) return word;
      return `(${word} | (${t.bigrams.map(quote).join(' & ')}))`;
    })
    .join(' & ');
}

const postgresIndex: MessageSearchIndex = {
  async put(trx, messageId, text) {
    await sql`update messages set search_vector = to_tsvector('simple', ${indexTerms(text)}) where id = ${messageId}`.execute(
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
      select m.id from messages m, to_tsquery('simple', ${tsQuery(terms)}) q
      where m.search_vector @@ q and ${baseFilter(filter)}
      order by ts_rank(m.search_vector, q) desc, m.created_at desc
      limit ${limit} offset ${offset}`.execute(db);
    return rows.map((r) => r.id);
  },
};
