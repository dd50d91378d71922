import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import type { MessageSearchQuery } from '@liaison/contracts';
import pg from 'pg';
import * as authRepo from '../../server/src/modules/auth/auth.repository.ts';
import { TOKEN_PREFIX } from '../../server/src/modules/auth/tokens.service.ts';
import { readerOf } from '../../server/src/modules/channels/channel-access.ts';
import { messageSearchIndex } from '../../server/src/modules/messages/message-search.repository.ts';
import type { ActorContext } from '../../server/src/platform/auth/actor.ts';
import { systemClock } from '../../server/src/platform/clock.ts';
import { loadConfig } from '../../server/src/platform/config/config.ts';
import { newId } from '../../server/src/platform/crypto/ids.ts';
import { sha256Hex } from '../../server/src/platform/crypto/keys.ts';
import { type Database, openDatabase } from '../../server/src/platform/db/database.ts';
import { fts5Query } from '../../server/src/platform/search/fts-encoding.ts';
import { queryTerms } from '../../server/src/platform/search/segment.ts';
import { createServices, type Services } from '../../server/src/services.ts';
import { prepare } from '../../server/src/startup.ts';
import { DEMO_PASSWORD } from '../../server/test/server-process.ts';
import { CORPUS, generateCorpus } from './corpus.ts';
import { envNumber } from './load.ts';
import { postgresUrl } from './postgres.ts';
import { num, percentile, printTable } from './table.ts';

/**
 * `npm run bench:search` — full-text search over a large corpus of Chinese/English business chat
 * (chat-text.ts), on SQLite (FTS5) and, when reachable, PostgreSQL (tsvector + GIN).
 *
 * The corpus (corpus.ts) is written through the index's own write path — each message's
 * analysis from the server's segmenter, stored exactly as the adapter's `add` stores it —
 * but many rows per statement and 10,000 per transaction. What re-indexing one edited message
 * (`replace`) costs at full size is printed.
 *
 * Measured, one query at a time, each beside its ceiling in the same run:
 *  - ceiling: a bare ranked MATCH (SQLite: `message_fts MATCH ? ORDER BY rank LIMIT 20` on a raw
 *    node:sqlite connection; PostgreSQL: `search_vector @@ q ORDER BY ts_rank LIMIT 20` on a raw pg
 *    client), with the very query string the adapter builds;
 *  - adapter: the search adapter as a compliance officer uses it (every channel);
 *  - service: `MessagesService.search` as an ordinary employee, member of a few dozen channels
 *    (the permission filter, then loading the hits, their channels and snippets).
 * Query kinds: common Chinese words, common English words (prefix-matched), rare words, a
 * Chinese + English pair, Chinese substrings across the segmenter's word boundaries, and single
 * Chinese characters.
 *
 * The generated database is kept in bench/.data (git-ignored) and reused by later runs of the same
 * size while the schema, the indexing and the generator are unchanged (CORPUS_SOURCES);
 * BENCH_REBUILD=1 builds it again. Environment: BENCH_MESSAGES (1000000), BENCH_SEARCH_RUNS
 * (measured queries per kind and path, 40), BENCH_REBUILD, BENCH_DATABASE_URL (PostgreSQL; default
 * postgres://postgres@127.0.0.1:5432/test when it answers; BENCH_POSTGRES=0 skips PostgreSQL).
 */

const CACHE = fileURLToPath(new URL('../.data/', import.meta.url));
/**
 * What a cached corpus depends on: the schema (migrations), how text is indexed, and how the corpus
 * is generated. When any of these files changes, the cache is stale and is rebuilt.
 */
const CORPUS_SOURCES = [
  '../../server/src/platform/db/migrations/',
  '../../server/src/platform/search/segment.ts',
  '../../server/src/platform/search/fts-encoding.ts',
  '../../server/src/modules/messages/message-search.repository.ts',
  './chat-text.ts',
  './corpus.ts',
  './seed.ts',
];
const LIMIT = 20;

const QUERIES: Record<string, string[]> = {
  'common zh': ['合同', '供应商', '报价', '发布会'],
  'common en': ['meeting', 'invoice', 'CRM', 'contract'],
  rare: ['信用证', 'indemnity', '保函', 'escrow', '仲裁'],
  'zh + en': ['供应商 invoice', '物流 CRM', '华为 contract', '共享盘 roadmap'],
  // Runs of characters that straddle the segmenter's words (一下|审批, 供应|商, 客户|现场, 报价|单).
  'zh substring': ['下审', '应商', '户现', '报价单'],
  'zh character': ['审', '票', '稽'],
};

interface Settings {
  messages: number;
  runs: number;
  rebuild: boolean;
  postgresUrl: string | null;
}

interface CorpusMeta {
  /** CORPUS_SOURCES' fingerprint when it was built. */
  fingerprint: string;
  messages: number;
  generationS: number;
  builtAt: string;
  /** PostgreSQL only: the schema holding the corpus. */
  schema?: string;
}

interface Corpus {
  kind: 'sqlite' | 'postgres';
  database: Database;
  services: Services;
  meta: CorpusMeta;
  reused: boolean;
  /** SQLite: the file, for the ceiling's own connection. PostgreSQL: the URL with its search_path. */
  location: string;
  searcher: ActorContext;
}

async function main(): Promise<number> {
  const s: Settings = {
    messages: Math.floor(envNumber('BENCH_MESSAGES', 1_000_000, 1_000)),
    runs: Math.floor(envNumber('BENCH_SEARCH_RUNS', 40)),
    rebuild: ['1', 'true'].includes(process.env.BENCH_REBUILD ?? ''),
    postgresUrl: await postgresUrl(),
  };
  const cpu = cpus();
  console.log('Liaison search benchmark: Chinese/English full-text search vs a bare ranked MATCH');
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, node ${process.version}, load average ` +
      loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
  );
  console.log(
    `corpus: ${num(s.messages)} messages by ${num(CORPUS.users)} users in ${num(CORPUS.channels)} group conversations; ` +
      `the searcher belongs to ${CORPUS.searcherChannels}; ${s.runs} measured queries per kind and path, top ${LIMIT}\n`,
  );

  const kinds: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (s.postgresUrl) kinds.push('postgres');
  else console.log('PostgreSQL: not reachable (set BENCH_DATABASE_URL), skipped\n');
  for (const kind of kinds) {
    const corpus = kind === 'sqlite' ? await sqliteCorpus(s) : await postgresCorpus(s, s.postgresUrl!);
    try {
      await measureCorpus(corpus, s);
    } finally {
      await corpus.database.close();
    }
  }
  return 0;
}

// --- the corpus -------------------------------------------------------------------------------

async function sqliteCorpus(s: Settings): Promise<Corpus> {
  const dir = join(CACHE, `search-sqlite-${s.messages}`);
  const metaFile = join(dir, 'corpus.json');
  let meta = readMeta(metaFile, s);
  if (!meta) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const config = loadConfig({
    LIAISON_DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    LIAISON_ADMIN_PASSWORD: DEMO_PASSWORD,
  });
  const database = openDatabase(config.database);
  const services = createServices(database, config, systemClock);
  const reused = meta !== null;
  if (!meta) {
    process.stderr.write(`SQLite: generating ${num(s.messages)} messages into ${dir} …\n`);
    const generationS = await generateCorpus(database, services, s.messages);
    meta = {
      fingerprint: corpusFingerprint(),
      messages: s.messages,
      generationS,
      builtAt: new Date().toISOString(),
    };
    writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  } else {
    await prepare(database, services, config);
  }
  const file = config.database.kind === 'sqlite' ? config.database.file : '';
  return {
    kind: 'sqlite',
    database,
    services,
    meta,
    reused,
    location: file,
    searcher: await searcherOf(database, services),
  };
}

async function postgresCorpus(s: Settings, baseUrl: string): Promise<Corpus> {
  const metaFile = join(CACHE, `search-postgres-${s.messages}.json`);
  let meta = readMeta(metaFile, s);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    if (meta?.schema) {
      const found = await admin.query('select 1 from information_schema.schemata where schema_name = $1', [
        meta.schema,
      ]);
      if (found.rowCount === 0) meta = null;
    }
    if (!meta && existsSync(metaFile)) {
      const old = JSON.parse(readFileSync(metaFile, 'utf8')) as CorpusMeta;
      if (old.schema) await admin.query(`drop schema if exists ${old.schema} cascade`);
    }
  } finally {
    await admin.end();
  }
  const schema = meta?.schema ?? `bench_search_${s.messages}_${Date.now().toString(36)}`;
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-bench-search-'));
  const config = loadConfig({
    LIAISON_DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    LIAISON_SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    LIAISON_ADMIN_PASSWORD: DEMO_PASSWORD,
  });
  const reused = meta !== null;
  if (!meta) {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const database = openDatabase(config.database);
  const close = database.close;
  database.close = async () => {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const services = createServices(database, config, systemClock);
  if (!meta) {
    process.stderr.write(`PostgreSQL: generating ${num(s.messages)} messages into schema ${schema} …\n`);
    const generationS = await generateCorpus(database, services, s.messages);
    meta = {
      fingerprint: corpusFingerprint(),
      messages: s.messages,
      generationS,
      builtAt: new Date().toISOString(),
      schema,
    };
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  } else {
    await prepare(database, services, config);
  }
  return {
    kind: 'postgres',
    database,
    services,
    meta,
    reused,
    location: url.toString(),
    searcher: await searcherOf(database, services),
  };
}

function readMeta(file: string, s: Settings): CorpusMeta | null {
  if (s.rebuild || !existsSync(file)) return null;
  const meta = JSON.parse(readFileSync(file, 'utf8')) as CorpusMeta;
  return meta.fingerprint === corpusFingerprint() && meta.messages === s.messages ? meta : null;
}

/** SHA-256 over the contents of CORPUS_SOURCES (every .ts file of a directory entry). */
function corpusFingerprint(): string {
  const hash = createHash('sha256');
  for (const source of CORPUS_SOURCES) {
    const path = fileURLToPath(new URL(source, import.meta.url));
    const files = source.endsWith('/')
      ? readdirSync(path)
          .filter((f) => f.endsWith('.ts'))
          .sort()
          .map((f) => join(path, f))
      : [path];
    for (const file of files) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The first seeded user as the API would see them: authenticated with their token. */
async function searcherOf(database: Database, services: Services): Promise<ActorContext> {
  const row = await database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'search00000')
    .executeTakeFirstOrThrow();
  // Token secrets are not kept with the cached corpus, so issue a fresh one for this run.
  const secret = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  await authRepo.insertToken(database.db, {
    id: newId(),
    user_id: row.id,
    name: `search-bench-${Date.now()}`,
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    token_hash: sha256Hex(secret),
    created_at: new Date().toISOString(),
    expires_at: null,
    last_used_at: null,
    revoked_at: null,
  });
  const actor = await services.auth.authenticate({ bearerToken: secret });
  // The actor is loaded; the token is not needed again, and must not pile up in the cached corpus.
  await database.db.deleteFrom('api_tokens').where('token_hash', '=', sha256Hex(secret)).execute();
  if (!actor) throw new Error('could not authenticate the searcher');
  return { actor, ip: null, requestId: null, userAgent: null };
}

// --- measuring --------------------------------------------------------------------------------

interface Cell {
  p50: number;
  p99: number;
  runs: number;
}

async function measureCorpus(corpus: Corpus, s: Settings): Promise<void> {
  const { database, services, kind } = corpus;
  const { db } = database;
  const label = kind === 'sqlite' ? 'SQLite (FTS5)' : 'PostgreSQL (tsvector + GIN)';
  const { n: stored } = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const channelIds = await services.channels.memberChannelIds(readerOf(corpus.searcher.actor));
  console.log(
    `${label}: ${num(Number(stored))} messages; ${corpus.reused ? 'reused the corpus built' : 'built'} ` +
      `${corpus.meta.builtAt} in ${num(corpus.meta.generationS, 1)} s ` +
      `(${num(corpus.meta.messages / corpus.meta.generationS)} messages/s)${corpus.reused ? ', BENCH_REBUILD=1 rebuilds' : ''}; ` +
      `searcher in ${channelIds.length} channels`,
  );

  const search = messageSearchIndex(database.dialect);
  const bare = await bareSearcher(corpus);
  const rows: string[][] = [];
  for (const [kindName, queries] of Object.entries(QUERIES)) {
    // The exact query string the adapter binds, for the ceiling (and the hit counts).
    const prepared: { q: string; match: string; hits: number }[] = [];
    for (const q of queries) prepared.push({ q, ...(await bare.prepare(q)) });
    const hits = prepared.map((p) => p.hits);
    const ceiling = await time(s.runs, prepared, (p) => bare.run(p.match));
    const adapter = await time(s.runs, prepared, (p) =>
      search.search(db, queryTerms(p.q), { channelIds: null }, LIMIT, 0),
    );
    const service = await time(s.runs, prepared, (p) =>
      services.messages.search(corpus.searcher, { q: p.q, limit: LIMIT, offset: 0 } as MessageSearchQuery),
    );
    rows.push([
      kindName,
      queries.join(', '),
      `${num(Math.min(...hits))}–${num(Math.max(...hits))}`,
      num(ceiling.p50, 2),
      num(ceiling.p99, 2),
      num(adapter.p50, 2),
      num(adapter.p99, 2),
      ratio(adapter.p50, ceiling.p50),
      num(service.p50, 2),
      num(service.p99, 2),
      ratio(service.p50, ceiling.p50),
    ]);
  }
  await bare.close();
  console.log();
  printTable(
    [
      'query kind',
      'queries',
      'hits',
      'ceiling p50',
      'ceiling p99',
      'adapter p50',
      'adapter p99',
      '÷ ceiling',
      'service p50',
      'service p99',
      '÷ ceiling',
    ],
    rows,
  );
  console.log(`
ms per query, one at a time. ceiling = bare ranked MATCH top ${LIMIT} (${
    kind === 'sqlite' ? 'raw node:sqlite' : 'raw pg client'
  }); adapter = the search adapter over every channel (a compliance officer); service =
MessagesService.search for an employee in ${channelIds.length} channels (permission filter + loading hits). hits = matches
in the whole corpus per query. ÷ ceiling = p50 ÷ ceiling p50.`);

  // What re-indexing one edited message costs on a corpus this size.
  const putMs = await timePut(corpus);
  console.log(
    `one replace (re-index an edited message) on this corpus: ${num(putMs.mean, 2)} ms mean, ${num(putMs.max, 2)} ms max over ` +
      `${putMs.runs} (in a rolled-back transaction)\n`,
  );
}

interface Bare {
  prepare(q: string): Promise<{ match: string; hits: number }>;
  run(match: string): Promise<unknown>;
  close(): Promise<void>;
}

async function bareSearcher(corpus: Corpus): Promise<Bare> {
  if (corpus.kind === 'sqlite') {
    const raw = new DatabaseSync(corpus.location, { readOnly: true });
    const top = raw.prepare(
      `select rowid from message_fts where message_fts match ? order by rank limit ${LIMIT}`,
    );
    const count = raw.prepare('select count(*) as n from message_fts where message_fts match ?');
    return {
      prepare: async (q) => {
        const match = fts5Query(queryTerms(q));
        return { match, hits: Number((count.get(match) as { n: number }).n) };
      },
      run: async (match) => top.all(match),
      close: async () => raw.close(),
    };
  }
  const client = new pg.Client({ connectionString: corpus.location });
  await client.connect();
  return {
    prepare: async (q) => {
      // The adapter builds its tsquery text privately; capture it from the SQL it sends.
      const match = await capturedTsQuery(corpus, q);
      const r = await client.query(
        'select count(*)::int as n from messages where search_vector @@ $1::tsquery',
        [match],
      );
      return { match, hits: Number(r.rows[0].n) };
    },
    run: (match) =>
      client.query(
        `select id from messages, cast($1 as tsquery) q where search_vector @@ q
         order by ts_rank(search_vector, q) desc limit ${LIMIT}`,
        [match],
      ),
    close: () => client.end(),
  };
}

/** Runs the adapter once with a plugin that records the parameters it binds: the tsquery text. */
async function capturedTsQuery(corpus: Corpus, q: string): Promise<string> {
  const { db } = corpus.database;
  const into: unknown[][] = [];
  const recording = db.withPlugin({
    transformQuery: (args) => {
      into.push([...db.getExecutor().compileQuery(args.node, args.queryId).parameters]);
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  await messageSearchIndex(corpus.database.dialect).search(
    recording,
    queryTerms(q),
    { channelIds: null },
    LIMIT,
    0,
  );
  const tsquery = into[0]?.[0];
  if (typeof tsquery !== 'string') throw new Error('could not capture the adapter’s tsquery');
  return tsquery;
}

/**
 * Latency of `fn` over the queries in turn: one untimed pass to warm caches, then `runs` timed
 * calls (fewer if they take over 15 s in all, but at least 10).
 */
async function time<T>(runs: number, items: T[], fn: (item: T) => Promise<unknown>): Promise<Cell> {
  for (const item of items) await fn(item);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(items[i % items.length]!);
    samples.push(performance.now() - t0);
    if (i >= 10 && performance.now() - started > 15_000) break;
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), runs: samples.length };
}

async function timePut(corpus: Corpus): Promise<{ mean: number; max: number; runs: number }> {
  const { db, dialect } = corpus.database;
  const index = messageSearchIndex(dialect);
  const sample = await db
    .selectFrom('messages')
    .select(['id', 'body'])
    .orderBy('created_at', 'desc')
    .limit(5)
    .execute();
  const times: number[] = [];
  const rollback = new Error('roll back');
  await db
    .transaction()
    .execute(async (trx) => {
      for (const m of sample) {
        const t0 = performance.now();
        await index.replace(trx, m.id, m.body);
        times.push(performance.now() - t0);
      }
      throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  return {
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    max: Math.max(...times),
    runs: times.length,
  };
}

function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${num(a / b, 1)}×` : 'n/a';
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`\nFAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
