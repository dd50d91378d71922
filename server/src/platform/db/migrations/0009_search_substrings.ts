import { type Kysely, sql } from 'kysely';
import { fts5Columns, tsvectorLiteral } from '../../search/fts-encoding.ts';
import { analyse } from '../../search/segment.ts';
import type { SqlDialect } from '../dialect.ts';

/**
 * Message search finds any run of Han characters the user types, not only the words the segmenter
 * happened to cut (platform/search/segment.ts): the index now holds each Han run's character
 * pairs and last character by position, in new FTS5 columns on SQLite and a new kind of tsvector on
 * PostgreSQL, and every indexed message is re-indexed here.
 *
 * Done in the migration rather than by a background job, so a search never sees a half-old index
 * (old rows would miss single characters and substrings, and the FTS5 table changes shape): it is
 * one pass over the live messages, about a minute or two per million on SQLite and a few minutes
 * on PostgreSQL (docs/architecture.md gives the measured figures), once, at upgrade. It encodes
 * with platform/search as it is now; a later change to that encoding brings its own re-index.
 */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  // PostgreSQL's migrations run in one transaction already; SQLite's do not.
  if (d.kind === 'sqlite') await db.transaction().execute((trx) => rebuildSqlite(trx));
  else await rebuildPostgres(db);
}

/** Messages are read and re-indexed this many at a time. */
const BATCH = 2_000;

interface Indexed {
  id: string;
  body: string;
}

/** What the index holds for a message: its text and its files' names, as MessagesService writes it. */
async function texts(db: Kysely<unknown>, rows: readonly Indexed[]): Promise<string[]> {
  const names = new Map<string, string[]>();
  if (rows.length > 0) {
    const { rows: files } = await sql<{ message_id: string; file_name: string }>`
      select message_id, file_name from attachments
      where message_id in (${sql.join(rows.map((r) => r.id))})
      order by created_at`.execute(db);
    for (const f of files) names.set(f.message_id, [...(names.get(f.message_id) ?? []), f.file_name]);
  }
  return rows.map((r) => [r.body, ...(names.get(r.id) ?? [])].join('\n'));
}

async function rebuildSqlite(db: Kysely<unknown>): Promise<void> {
  // What a search filters and sorts by moves to the key table (one primary-key lookup per hit),
  // so the FTS5 table can be contentless: the index text is not stored a second time, and nothing
  // reads it back (results are shown from the messages).
  await sql`alter table message_search_keys add column channel_id text`.execute(db);
  await sql`alter table message_search_keys add column author_id text`.execute(db);
  await sql`alter table message_search_keys add column created_at text`.execute(db);
  await sql`
    update message_search_keys
    set channel_id = m.channel_id, author_id = m.author_id, created_at = m.created_at
    from messages m where m.id = message_search_keys.message_id`.execute(db);

  // FTS5 cannot change its columns: the table is made again, keyed by the same keys.
  await sql`drop table message_fts`.execute(db);
  await sql`create virtual table message_fts using fts5(words, grams, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(
    db,
  );
  // `rank` is bm25 with a hit in `words` (the query is a whole word) counting three times one in
  // `grams` (a substring).
  await sql`insert into message_fts (message_fts, rank) values ('rank', 'bm25(3.0, 1.0)')`.execute(db);

  let after = -1;
  for (;;) {
    const { rows } = await sql<Indexed & { key: number }>`
      select k.key, m.id, m.body
      from message_search_keys k join messages m on m.id = k.message_id
      where k.key > ${after} order by k.key limit ${BATCH}`.execute(db);
    if (rows.length === 0) return;
    const text = await texts(db, rows);
    // 3 values a row: 1,000 rows stay well under SQLite's 32,766 bound values.
    for (let i = 0; i < rows.length; i += 1_000) {
      const values = rows.slice(i, i + 1_000).map((r, j) => {
        const { words, grams } = fts5Columns(analyse(text[i + j]!));
        return sql`(${r.key}, ${words}, ${grams})`;
      });
      await sql`insert into message_fts (rowid, words, grams) values ${sql.join(values)}`.execute(db);
    }
    after = rows.at(-1)!.key;
  }
}

async function rebuildPostgres(db: Kysely<unknown>): Promise<void> {
  // Rewriting every vector under a GIN index costs far more than building the index afresh.
  await sql`drop index messages_search_idx`.execute(db);
  let after: string | null = null;
  for (;;) {
    const { rows }: { rows: Indexed[] } = await sql<Indexed>`
      select id, body from messages
      where search_vector is not null ${after === null ? sql`` : sql`and id > ${after}`}
      order by id limit ${BATCH}`.execute(db);
    if (rows.length === 0) break;
    const text = await texts(db, rows);
    await sql`
      update messages m set search_vector = v.vector::tsvector
      from unnest(${rows.map((r) => r.id)}::uuid[], ${text.map((t) => tsvectorLiteral(analyse(t)))}::text[])
        as v(id, vector)
      where m.id = v.id`.execute(db);
    after = rows.at(-1)!.id;
  }
  await sql`set local maintenance_work_mem = '256MB'`.execute(db);
  await sql`create index messages_search_idx on messages using gin (search_vector)`.execute(db);
}
