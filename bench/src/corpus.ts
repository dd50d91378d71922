import { type Insertable, type Kysely, sql } from 'kysely';
import {
  messageSearchIndex,
  postgresSearchVector,
} from '../../server/src/modules/messages/message-search.repository.ts';
import { newMessageRow } from '../../server/src/modules/messages/messages.repository.ts';
import type { MessagesTable } from '../../server/src/modules/messages/messages.tables.ts';
import { newId } from '../../server/src/platform/crypto/ids.ts';
import type { Database } from '../../server/src/platform/db/database.ts';
import type { SqlDialect } from '../../server/src/platform/db/dialect.ts';
import type { DB } from '../../server/src/platform/db/schema.ts';
import type { Services } from '../../server/src/services.ts';
import { prepare } from '../../server/src/startup.ts';
import { DEMO_PASSWORD } from '../../server/test/server-process.ts';
import { chatMessage, Rng } from './chat-text.ts';
import { type SeededUser, seedGroup, seedUsers } from './seed.ts';
import { num } from './table.ts';

/**
 * Bulk message rows for corpora too large to post one by one (bench:search, the query-count
 * diagnostic's "after N messages" figures). On SQLite each chunk is indexed through the search
 * adapter's own `add`, many rows per statement; on PostgreSQL the row is inserted with the same
 * `postgresSearchVector(body)` the adapter writes, which saves updating every row
 * right after inserting it.
 */

/** A message row. */
export type MessageRow = Insertable<MessagesTable> & { body: string; created_at: string };

/** A plain top-level message, as `MessagesService.post` would store it. */
export function messageRow(
  channelId: string,
  seq: number,
  authorId: string,
  body: string,
  at: number,
): MessageRow {
  return newMessageRow({
    id: newId(at),
    channel_id: channelId,
    seq,
    author_id: authorId,
    body,
    created_at: new Date(at).toISOString(),
  });
}

/** Inserts the rows and their index entries; call inside a transaction. */
export async function insertMessageRows(
  trx: Kysely<DB>,
  dialect: SqlDialect,
  rows: MessageRow[],
): Promise<void> {
  if (dialect.kind === 'sqlite') {
    // SQLite allows 32,766 bound values per statement: 19 columns × 1,000 rows stays under.
    for (let i = 0; i < rows.length; i += 1_000) {
      const chunk = rows.slice(i, i + 1_000);
      await trx.insertInto('messages').values(chunk).execute();
      await messageSearchIndex(dialect).add(
        trx,
        chunk.map((r) => ({
          id: r.id,
          channelId: r.channel_id,
          authorId: r.author_id ?? null,
          createdAt: r.created_at,
          text: r.body,
        })),
      );
    }
    return;
  }
  // The tsvector column exists only on PostgreSQL, so it is not in the shared table types.
  const withVector = trx.withTables<{ messages: { search_vector: string | null } }>();
  // PostgreSQL allows 65,535 bound values per statement: 20 columns × 2,000 rows stays under.
  for (let i = 0; i < rows.length; i += 2_000) {
    await withVector
      .insertInto('messages')
      .values(
        rows.slice(i, i + 2_000).map((row) => ({
          ...row,
          search_vector: postgresSearchVector(row.body),
        })),
      )
      .execute();
  }
}

/** The shape of the search corpus (bench:search). */
export const CORPUS = {
  users: 1_000,
  channels: 2_000,
  /** The searcher's (the first user's) conversations: "a few dozen". */
  searcherChannels: 40,
  perTransaction: 10_000,
};

/**
 * Users, conversations and messages: message i lands in a conversation chosen with a skew (some
 * are busy, most are quiet), from one of its members, at a time spread over the past year.
 * Returns the seconds it took.
 */
export async function generateCorpus(database: Database, services: Services, count: number): Promise<number> {
  const started = performance.now();
  const { db, dialect } = database;
  await prepare(database, services, { adminPassword: DEMO_PASSWORD });
  const users = await seedUsers(database, services, CORPUS.users, 'search');
  const rng = new Rng(20_260_101);
  const yearAgo = Date.now() - 365 * 86_400_000;
  const channels: { id: string; members: SeededUser[]; seq: number }[] = [];
  for (let c = 0; c < CORPUS.channels; c++) {
    const size = 3 + rng.int(18);
    const members = new Set<SeededUser>();
    // The searcher (the first user) is in the first CORPUS.searcherChannels conversations.
    if (c < CORPUS.searcherChannels) members.add(users[0]!);
    while (members.size < size) members.add(users[1 + rng.int(users.length - 1)]!);
    const list = [...members];
    const id = await seedGroup(
      database,
      list[0]!.id,
      list.map((m) => m.id),
      new Date(yearAgo).toISOString(),
    );
    channels.push({ id, members: list, seq: 0 });
  }
  // Shuffled once (Fisher–Yates), so the searcher's conversations are not all the busiest.
  const byActivity = [...channels];
  for (let i = byActivity.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [byActivity[i], byActivity[j]] = [byActivity[j]!, byActivity[i]!];
  }

  const span = Date.now() - yearAgo - 60_000;
  let lastReport = performance.now();
  for (let start = 0; start < count; start += CORPUS.perTransaction) {
    const rows: MessageRow[] = [];
    for (let i = start; i < Math.min(count, start + CORPUS.perTransaction); i++) {
      const channel = rng.common(byActivity);
      const at = yearAgo + Math.floor((i / count) * span);
      const body = chatMessage(rng);
      rows.push(messageRow(channel.id, ++channel.seq, rng.pick(channel.members).id, body, at));
    }
    await db.transaction().execute((trx) => insertMessageRows(trx, dialect, rows));
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const done = Math.min(count, start + CORPUS.perTransaction);
      const rate = done / ((performance.now() - started) / 1000);
      process.stderr.write(
        `  ${num(done)} messages (${num(rate)}/s, about ${num((count - done) / rate)} s to go)\n`,
      );
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const c of channels) {
      await trx
        .updateTable('channels')
        .set({ last_seq: c.seq, last_message_at: new Date(Date.now() - 60_000).toISOString() })
        .where('id', '=', c.id)
        .execute();
    }
  });
  if (dialect.kind === 'postgres') await sql`analyze`.execute(db);
  return (performance.now() - started) / 1000;
}
