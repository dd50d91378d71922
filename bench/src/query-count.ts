import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { buildApp } from '../../server/src/app.ts';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/modules/demo/demo.seed.ts';
import { loadConfig } from '../../server/src/platform/config/config.ts';
import { type Database, openDatabase } from '../../server/src/platform/db/database.ts';
import { prepare } from '../../server/src/startup.ts';

/**
 * `npm run queries -w bench` — a diagnostic, not a benchmark: how many SQL statements each
 * benchmarked request runs, and which. Builds the real app in-process on a temporary embedded
 * database with a Kysely plugin that records every statement, signs in as the demo admin and
 * calls each route through `app.inject` (no network).
 *
 * The count explains much of the gap to the bare-Fastify ceiling in `bench:api`, and is the number
 * to watch when changing authentication or a hot read path.
 */

type Plugin = Parameters<Database['db']['withPlugin']>[0];
interface Statement {
  sql: string;
  parameters: SQLInputValue[];
}

const ROUTES = ['/api/auth/me', '/api/users?page=1&pageSize=20'];
const REPEAT = 3;
/** Executions per statement when timing it alone; enough to be stable, few enough to be quick. */
const TIMING_RUNS = 2_000;

const dataDir = mkdtempSync(join(tmpdir(), 'liaison-queries-'));
try {
  const config = loadConfig({
    LIAISON_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    LIAISON_ADMIN_PASSWORD: DEMO_PASSWORD,
  });
  const opened = openDatabase(config.database);

  let recording: Statement[] | null = null;
  const recorder: Plugin = {
    transformQuery(args) {
      // Compiled here only to show and time the SQL; the real execution compiles it again.
      if (recording) {
        const { sql, parameters } = opened.db.getExecutor().compileQuery(args.node, args.queryId);
        recording.push({ sql, parameters: parameters as SQLInputValue[] });
      }
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const database: Database = { ...opened, db: opened.db.withPlugin(recorder) };

  const { app, services } = await buildApp({ config, database, webDist: false });
  await prepare(database, services, config);
  await seedDemo(services, database);

  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: DEMO_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login: HTTP ${login.statusCode} ${login.body}`);
  const cookie = login.cookies.find((c) => c.name === 'liaison_session');
  if (!cookie) throw new Error('login: no session cookie');

  console.log('SQL statements per authenticated request (session cookie, admin, embedded SQLite)\n');
  // A second connection to the same file (WAL) to time statements without Kysely in the way.
  const timing = new DatabaseSync(config.database.kind === 'sqlite' ? config.database.file : ':memory:');
  for (const url of ROUTES) {
    // The first call may differ (e.g. a session touch); later ones are the steady state under load.
    const counts: number[] = [];
    let last: Statement[] = [];
    for (let i = 0; i < REPEAT; i++) {
      recording = [];
      const res = await app.inject({ method: 'GET', url, cookies: { liaison_session: cookie.value } });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${res.statusCode} ${res.body}`);
      counts.push(recording.length);
      last = recording;
      recording = null;
    }
    console.log(`GET ${url}: ${counts.join(', ')} statements (calls 1..${REPEAT})`);
    console.log('     µs  rows  SQL (last call; µs = one execution through node:sqlite alone)');
    for (const statement of last) {
      const { us, rows } = time(timing, statement);
      const sql = statement.sql.length > 120 ? `${statement.sql.slice(0, 117)}...` : statement.sql;
      console.log(`  ${us.toFixed(1).padStart(5)}  ${String(rows).padStart(4)}  ${sql}`);
    }
    console.log();
  }
  timing.close();
  await app.close();
  await opened.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

/** Microseconds per execution of a read statement (prepared once), and how many rows it returns. */
function time(db: DatabaseSync, { sql, parameters }: Statement): { us: number; rows: number } {
  const stmt = db.prepare(sql);
  const rows = stmt.all(...parameters).length;
  const started = process.hrtime.bigint();
  for (let i = 0; i < TIMING_RUNS; i++) stmt.all(...parameters);
  return { us: Number(process.hrtime.bigint() - started) / 1_000 / TIMING_RUNS, rows };
}
