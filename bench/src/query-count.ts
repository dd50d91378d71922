import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import { buildApp } from '../../server/src/app.ts';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/modules/demo/demo.seed.ts';
import { loadConfig } from '../../server/src/platform/config/config.ts';
import type { Database } from '../../server/src/platform/db/database.ts';
import { dialectFor } from '../../server/src/platform/db/dialect.ts';
import type { DB } from '../../server/src/platform/db/schema.ts';
import { openSqlite } from '../../server/src/platform/db/sqlite-driver.ts';
import { startBackground, stopBackground } from '../../server/src/services.ts';
import { prepare } from '../../server/src/startup.ts';
import { chatMessage, Rng } from './chat-text.ts';
import { insertMessageRows, type MessageRow, messageRow } from './corpus.ts';
import { envNumber } from './load.ts';

/**
 * `npm run queries -w bench` — a diagnostic, not a benchmark: how many SQL statements each
 * benchmarked request runs, which, and what they cost. Builds the real app in-process on a
 * temporary embedded database whose driver records every statement it executes (and how long the
 * execution took), signs in as the demo admin and calls each route through `app.inject` (no
 * network).
 *
 * - Authenticated reads (bench:api): each statement re-timed alone on a second connection.
 * - Posting a message (bench:messaging): every statement of one POST, plus the event pump's read
 *   of the log that follows the commit, each timed as it ran (median over BENCH_POSTS posts) — on a
 *   fresh database, again once BENCH_FILL messages (default 100,000) are in the database, and
 *   again with the connection switched to synchronous=NORMAL. A statement that grows with the
 *   table, and the price of FULL on `commit`, show up side by side.
 *
 * The counts explain much of the gap to the ceilings in the benchmarks, and are the numbers to
 * watch when changing authentication, posting or a hot read path.
 */

interface Statement {
  sql: string;
  parameters: SQLInputValue[];
  /** Wall time of this execution in µs (for a commit: including the fsync). */
  us: number;
}

const ROUTES = ['/api/auth/me', '/api/users?page=1&pageSize=20'];
const REPEAT = 3;
/** Executions per statement when timing it alone; enough to be stable, few enough to be quick. */
const TIMING_RUNS = 2_000;
const POSTS = Math.floor(envNumber('BENCH_POSTS', 50));
const FILL = Math.floor(envNumber('BENCH_FILL', 100_000, 0));

const dataDir = mkdtempSync(join(tmpdir(), 'liaison-queries-'));
try {
  const config = loadConfig({
    LIAISON_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    LIAISON_ADMIN_PASSWORD: DEMO_PASSWORD,
  });
  if (config.database.kind !== 'sqlite') throw new Error('the diagnostic runs on the embedded database');
  const file = config.database.file;

  // The server's own driver (same pragmas, same statement cache), with every execution recorded.
  const { kysely: driver, raw } = openSqlite(file);
  let recording: Statement[] | null = null;
  const timed: SqliteDatabase = {
    close: () => driver.close(),
    prepare(sql) {
      const stmt = driver.prepare(sql);
      const run = <R>(parameters: ReadonlyArray<unknown>, call: () => R): R => {
        const started = process.hrtime.bigint();
        try {
          return call();
        } finally {
          recording?.push({
            sql,
            parameters: parameters as SQLInputValue[],
            us: Number(process.hrtime.bigint() - started) / 1_000,
          });
        }
      };
      return {
        reader: stmt.reader,
        all: (p) => run(p, () => stmt.all(p)),
        run: (p) => run(p, () => stmt.run(p)),
        iterate: (p) => stmt.iterate(p),
      };
    },
  };
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: timed }) });
  const database: Database = {
    db,
    dialect: dialectFor('sqlite'),
    description: file,
    close: () => db.destroy(),
  };

  const { app, services } = await buildApp({ config, database, webDist: false });
  await prepare(database, services, config);
  await seedDemo(services, database);
  await startBackground(services);

  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: DEMO_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login: HTTP ${login.statusCode} ${login.body}`);
  const cookie = login.cookies.find((c) => c.name === 'liaison_session');
  if (!cookie) throw new Error('login: no session cookie');
  const csrfToken = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;
  const cookies = { liaison_session: cookie.value };

  console.log('SQL statements per authenticated request (session cookie, admin, embedded SQLite)\n');
  // A second connection to the same file (WAL) to time statements without Kysely in the way.
  const timing = new DatabaseSync(file);
  for (const url of ROUTES) {
    // The first call may differ (e.g. a session touch); later ones are the steady state under load.
    const counts: number[] = [];
    let last: Statement[] = [];
    for (let i = 0; i < REPEAT; i++) {
      recording = [];
      const res = await app.inject({ method: 'GET', url, cookies });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${res.statusCode} ${res.body}`);
      counts.push(recording.length);
      last = recording;
      recording = null;
    }
    console.log(`GET ${url}: ${counts.join(', ')} statements (calls 1..${REPEAT})`);
    console.log('     µs  rows  SQL (last call; µs = one execution through node:sqlite alone)');
    for (const statement of last) {
      const { us, rows } = time(timing, statement);
      console.log(`  ${us.toFixed(1).padStart(5)}  ${String(rows).padStart(4)}  ${short(statement.sql)}`);
    }
    console.log();
  }
  timing.close();

  // --- posting a message ---------------------------------------------------------------------
  const others = await db
    .selectFrom('users')
    .select('id')
    .where('username', '!=', 'admin')
    .where('kind', '=', 'employee')
    .where('status', '=', 'active')
    .orderBy('username')
    .limit(2)
    .execute();
  const openChannel = async (memberId: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/channels',
      cookies,
      headers: { 'x-csrf-token': csrfToken },
      payload: { kind: 'direct', memberIds: [memberId] },
    });
    if (res.statusCode !== 201) throw new Error(`POST /api/channels: HTTP ${res.statusCode} ${res.body}`);
    return (JSON.parse(res.body) as { id: string }).id;
  };
  const channelId = await openChannel(others[0]!.id);
  const rng = new Rng(7);
  let posted = 0;

  /** Posts `n` messages as the web client does (with a client id); statements and wall time of each. */
  const post = async (n: number) => {
    const runs: Run[] = [];
    for (let i = 0; i < n; i++) {
      recording = [];
      const writtenBefore = bytesWritten();
      const started = process.hrtime.bigint();
      const res = await app.inject({
        method: 'POST',
        url: `/api/channels/${channelId}/messages`,
        cookies,
        headers: { 'x-csrf-token': csrfToken },
        // Numbered: the demo company's hygiene policy asks before the same text goes out a fourth time.
        payload: { body: `${chatMessage(rng)} (${++posted})`, clientId: `queries-${posted}` },
      });
      const wallUs = Number(process.hrtime.bigint() - started) / 1_000;
      if (res.statusCode !== 201) throw new Error(`POST message: HTTP ${res.statusCode} ${res.body}`);
      // What live delivery reads after the commit (the pump's read of the event log).
      await services.pump.flush();
      runs.push({ statements: recording, wallUs, written: bytesWritten() - writtenBefore });
      recording = null;
    }
    return runs;
  };

  await post(5); // warm-up: statement caches, JIT
  const conditions: { name: string; runs: Awaited<ReturnType<typeof post>> }[] = [];
  conditions.push({ name: 'fresh', runs: await post(POSTS) });
  if (FILL > 0) {
    // Another conversation's history: the table sizes grow, this channel's rows do not.
    process.stderr.write(
      `inserting ${FILL.toLocaleString('en-US')} messages (bulk, indexed as a post does) … `,
    );
    const fillChannel = await openChannel(others[1]!.id);
    const author = (
      await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).id;
    const t0 = Date.now() - FILL * 1_000;
    for (let start = 0; start < FILL; start += 10_000) {
      const rows: MessageRow[] = [];
      for (let i = start; i < Math.min(FILL, start + 10_000); i++) {
        rows.push(messageRow(fillChannel, i + 1, author, chatMessage(rng), t0 + i * 1_000));
      }
      await db.transaction().execute((trx) => insertMessageRows(trx, database.dialect, rows));
    }
    raw.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    process.stderr.write('done\n');
    conditions.push({ name: `+${FILL / 1_000}k msgs`, runs: await post(POSTS) });
    raw.exec('PRAGMA synchronous = NORMAL');
    conditions.push({ name: `+${FILL / 1_000}k NORMAL`, runs: await post(POSTS) });
  }

  const last = conditions[0]!.runs.at(-1)!.statements;
  console.log(
    `POST /api/channels/:id/messages (session cookie, admin, a 1:1 conversation, with a clientId): ` +
      `${last.length} statements per post, the last ones being the event pump's read after the commit`,
  );
  console.log(
    `  µs per statement as it ran, median of ${POSTS} posts${FILL > 0 ? `; fresh database, after ${FILL.toLocaleString('en-US')} more messages, and then with synchronous=NORMAL` : ''}\n`,
  );
  const keyed = conditions.map((c) => medianByStatement(c.runs.map((r) => r.statements)));
  console.log(`${conditions.map((c) => c.name.padStart(13)).join('')}  SQL`);
  for (const key of keyed[0]!.order) {
    const cells = keyed.map((k) => (k.median.get(key)?.toFixed(1) ?? '-').padStart(13)).join('');
    console.log(`${cells}  ${short(key.slice(key.indexOf(':') + 1))}`);
  }
  const totals = (pick: (r: Run) => number) =>
    conditions.map((c) => median(c.runs.map(pick)).toFixed(0).padStart(13)).join('');
  console.log(
    `${totals((r) => r.statements.reduce((a, s) => a + s.us, 0))}  = all SQL of a post (µs, median)`,
  );
  console.log(
    `${totals((r) => r.wallUs)}  = the request through app.inject (µs, median), without the pump's read`,
  );
  console.log(
    `${totals((r) => r.written / 1024)}  = KiB written per post (median; WAL frames and checkpoints)`,
  );

  await stopBackground(services);
  await app.close();
  await database.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

interface Run {
  statements: Statement[];
  wallUs: number;
  /** Bytes this process wrote (write/pwrite: the WAL, checkpoints) during the post. */
  written: number;
}

/** Bytes written by this process so far (Linux /proc/self/io `wchar`), or 0 elsewhere. */
function bytesWritten(): number {
  try {
    return Number(/^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Median µs per statement across posts (the median, because one checkpoint or GC pause would
 * dominate a mean), keyed by the statement's SQL and its occurrence within the post (the same SQL
 * can run twice in one post), in the order of the last post.
 */
function medianByStatement(posts: Statement[][]): { order: string[]; median: Map<string, number> } {
  const samples = new Map<string, number[]>();
  let order: string[] = [];
  for (const statements of posts) {
    const seen = new Map<string, number>();
    order = [];
    for (const s of statements) {
      const occurrence = (seen.get(s.sql) ?? 0) + 1;
      seen.set(s.sql, occurrence);
      const key = `${occurrence}:${s.sql}`;
      order.push(key);
      samples.set(key, [...(samples.get(key) ?? []), s.us]);
    }
  }
  return { order, median: new Map([...samples].map(([k, v]) => [k, median(v)])) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function short(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** Microseconds per execution of a read statement (prepared once), and how many rows it returns. */
function time(db: DatabaseSync, { sql, parameters }: Statement): { us: number; rows: number } {
  const stmt = db.prepare(sql);
  const rows = stmt.all(...parameters).length;
  const started = process.hrtime.bigint();
  for (let i = 0; i < TIMING_RUNS; i++) stmt.all(...parameters);
  return { us: Number(process.hrtime.bigint() - started) / 1_000 / TIMING_RUNS, rows };
}
