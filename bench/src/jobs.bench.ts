import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActorContext } from '../../server/src/platform/auth/actor.ts';
import { systemClock } from '../../server/src/platform/clock.ts';
import { newId } from '../../server/src/platform/crypto/ids.ts';
import type { Database } from '../../server/src/platform/db/database.ts';
import { createServices, type Services } from '../../server/src/services.ts';
import { prepare } from '../../server/src/startup.ts';
import { type BenchTarget, openBenchPostgres, openBenchSqlite } from './bench-db.ts';
import { envNumber } from './load.ts';
import { postgresUrl } from './postgres.ts';
import { num, percentile, printTable } from './table.ts';

/**
 * `npm run bench:jobs` — the notification outbox and the reminder/escalation sweep, on SQLite and
 * (when reachable) PostgreSQL.
 *
 * Outbox: BENCH_OUTBOX_NOTICES notices (10,000), each queued by `NotificationsService.notify` for a
 * signed generic webhook, are delivered by the outbox worker to a local HTTP receiver; the figure
 * is notices delivered per second, and every notice must arrive exactly once. On PostgreSQL a
 * second run uses two workers claiming side by side (`FOR UPDATE SKIP LOCKED`). Ceiling in the same
 * run: the same number of POSTs to the same receiver straight from `fetch`, with the worker's
 * concurrency and no database.
 *
 * Sweep: BENCH_SWEEP_ROWS (1,000,000) open tasks and requests, half each, whose reminders lie in
 * the future, plus BENCH_SWEEP_DUE (100) of each kind due now. Measured: one sweep (tasks and
 * requests) with nothing due — the steady cost every five minutes — and the sweep that sends the
 * due reminders and escalations. Ceiling: the bare indexed range query the sweep starts with, on a
 * raw connection.
 */

const NOTICES = envNumber('BENCH_OUTBOX_NOTICES', 10_000);
const SWEEP_ROWS = envNumber('BENCH_SWEEP_ROWS', 1_000_000);
const SWEEP_DUE = envNumber('BENCH_SWEEP_DUE', 100);
const RUNS = envNumber('BENCH_SWEEP_RUNS', 20);

type Target = BenchTarget;

async function main(): Promise<number> {
  console.log(
    `bench:jobs — ${cpus().length} cores; outbox ${num(NOTICES)} notices; sweep over ${num(SWEEP_ROWS)} open tasks and requests (${SWEEP_DUE} of each due)\n`,
  );
  const receiver = await startReceiver();
  await bareHttp(receiver.url, 500, 16); // warm up
  const ceiling = await bareHttp(receiver.url, NOTICES, 16);
  const pgUrl = await postgresUrl();
  const rows: string[][] = [];
  let failed = false;
  for (const kind of ['sqlite', ...(pgUrl ? ['postgres' as const] : [])] as const) {
    const target =
      kind === 'sqlite' ? await openBenchSqlite('jobs') : await openBenchPostgres(pgUrl!, 'jobs');
    try {
      const services = createServices(target.database, benchConfig(), systemClock, { log: undefined });
      await prepare(target.database, services, { adminPassword: 'Bench-password-2026' });
      const admin = (await services.users.findByUsername(target.database.db, 'admin'))!;
      const ctx: ActorContext = {
        actor: await services.auth.actorFor(admin.id),
        ip: null,
        requestId: 'bench',
        userAgent: 'bench',
      };

      const outbox = await measureOutbox(services, ctx, receiver, 1, target.database);
      if (outbox.duplicates || outbox.missing) failed = true;
      rows.push([
        `${kind}: outbox, 1 worker`,
        `${num(outbox.perSecond)} notices/s`,
        `${num(ceiling)} req/s`,
        `${num(outbox.perSecond / ceiling, 2)}×`,
        `${outbox.missing} missing, ${outbox.duplicates} twice`,
      ]);
      if (kind === 'postgres') {
        const two = await measureOutbox(services, ctx, receiver, 2, target.database);
        if (two.duplicates || two.missing) failed = true;
        rows.push([
          `${kind}: outbox, 2 workers, 1 process`,
          `${num(two.perSecond)} notices/s`,
          `${num(ceiling)} req/s`,
          `${num(two.perSecond / ceiling, 2)}×`,
          `${two.missing} missing, ${two.duplicates} twice`,
        ]);
      }

      process.stderr.write(`${kind}: inserting ${num(SWEEP_ROWS)} open tasks and requests …\n`);
      const insertStart = performance.now();
      await fillOpenWork(target, services, ctx);
      process.stderr.write(`${kind}: inserted in ${num((performance.now() - insertStart) / 1000, 1)} s\n`);
      const sweep = await measureSweep(services, target);
      rows.push([
        `${kind}: sweep, nothing due (p50 / p99)`,
        `${num(sweep.idle.p50, 2)} / ${num(sweep.idle.p99, 2)} ms`,
        `${num(sweep.ceiling.p50, 2)} / ${num(sweep.ceiling.p99, 2)} ms`,
        `${num(sweep.idle.p50 / sweep.ceiling.p50, 1)}×`,
        'two range queries on partial indexes',
      ]);
      rows.push([
        `${kind}: sweep, ${SWEEP_DUE * 2} due`,
        `${num(sweep.due.ms, 0)} ms`,
        '',
        '',
        `${sweep.due.sent} steps, ${num(sweep.due.ms / Math.max(1, sweep.due.sent), 2)} ms each`,
      ]);
      await services.bus.close();
    } finally {
      await target.close();
    }
  }
  await receiver.close();
  console.log('');
  printTable(['measure', 'Liaison', 'ceiling', 'ratio', 'notes'], rows);
  console.log(
    '\nceilings: bare fetch POSTs to the same receiver (outbox); the bare indexed range query on reminder_at / next_step_at (sweep)',
  );
  return failed ? 1 : 0;
}

function benchConfig() {
  return {
    secretKey: randomBytes(32),
    session: { idleMinutes: 720, maxHours: 168 },
    login: { maxFailures: 5, lockMinutes: 15 },
    timeZone: 'Asia/Shanghai',
    dataDir: mkdtempSync(join(tmpdir(), 'liaison-bench-jobs-')),
    redisUrl: null,
    messaging: {
      editWindowMinutes: 60,
      attachmentMaxBytes: 1 << 20,
      eventRetentionDays: 7,
      eventPollMs: 1000,
    },
    notifications: { smtpUrl: null, mailFrom: 'bench@localhost', publicUrl: 'http://liaison.bench' },
  };
}

interface Receiver {
  url: string;
  /** How many times each delivery id arrived. */
  seen: Map<string, number>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    const id = req.headers['x-liaison-delivery'];
    req.resume();
    req.on('end', () => {
      if (typeof id === 'string') seen.set(id, (seen.get(id) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The ceiling: N POSTs with the worker's concurrency, no database. Requests per second. */
async function bareHttp(url: string, n: number, lanes: number): Promise<number> {
  const body = JSON.stringify({ kind: 'task.assigned', title: 'x'.repeat(40), body: 'y'.repeat(120) });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < n) {
        next += 1;
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await res.text();
      }
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

async function measureOutbox(
  services: Services,
  ctx: ActorContext,
  receiver: Receiver,
  workers: number,
  database: Database,
) {
  const hook = await services.webhooks.create(ctx, {
    name: `bench-${newId().slice(-6)}`,
    format: 'generic',
    url: receiver.url,
    secret: 'bench-secret-123',
    kinds: [],
    departmentId: null,
    enabled: true,
  });
  // Queue the notices first (100 per transaction), then time the delivery alone.
  for (let i = 0; i < NOTICES; i += 100) {
    await database.db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(NOTICES, i + 100); j++) {
        await services.notifications.notify(trx, {
          kind: 'task.assigned',
          title: `新任务：基准测试 ${j}`,
          body: '刘洋 给你分配了任务 T-1，截止 11/25 18:00。',
          link: '/tasks/bench',
          recipientIds: [],
          onlyWebhookId: undefined,
        });
      }
    });
  }
  receiver.seen.clear();
  const pool = [services.outbox];
  if (workers > 1) {
    const { OutboxWorker } = await import('../../server/src/modules/notifications/outbox.worker.ts');
    for (let w = 1; w < workers; w++) {
      pool.push(
        new OutboxWorker({
          db: database.db,
          dialect: database.dialect,
          clock: systemClock,
          audit: services.audit,
          mailer: services.mailer,
          webhookTarget: (id) => services.webhooks.target(id),
        }),
      );
    }
  }
  const start = performance.now();
  await Promise.all(pool.map((w) => w.runDue()));
  const seconds = (performance.now() - start) / 1000;
  const counts = [...receiver.seen.values()];
  await services.webhooks.remove(ctx, hook.id);
  return {
    perSecond: counts.length / seconds,
    missing: NOTICES - counts.length,
    duplicates: counts.filter((c) => c > 1).length,
  };
}

async function fillOpenWork(target: Target, services: Services, ctx: ActorContext): Promise<void> {
  const from = await services.departments.create(ctx, {
    name: `市场部-${newId().slice(-4)}`,
    parentId: null,
  });
  const to = await services.departments.create(ctx, { name: `法务部-${newId().slice(-4)}`, parentId: null });
  const { user } = await services.users.create(ctx, {
    username: `bench.${newId().slice(-6)}`,
    displayName: '基准用户',
    kind: 'employee',
    departmentId: to.id,
    password: 'Bench-password-2026',
  });
  await services.departments.update(ctx, to.id, { headId: user.id, liaisonId: user.id });
  const admin = ctx.actor.userId;
  const half = Math.floor(SWEEP_ROWS / 2);
  const now = Date.now();
  // Open work whose next reminder lies 1–30 days ahead, and SWEEP_DUE of each kind due a minute ago.
  const future = (i: number) => new Date(now + 86_400_000 + (i % 30) * 86_400_000 + i).toISOString();
  const due = new Date(now - 60_000).toISOString();
  const created = new Date(now - 3 * 86_400_000).toISOString();
  const task = (i: number) => [
    newId(),
    i + 1,
    `任务 ${i}`,
    '',
    'todo',
    'normal',
    user.id,
    to.id,
    admin,
    i < SWEEP_DUE ? due : future(i),
    '[]',
    0,
    i < SWEEP_DUE ? due : future(i),
    'overdue',
    `任务 ${i}`,
    created,
    created,
  ];
  const request = (i: number) => [
    newId(),
    i + 1,
    `请求 ${i}`,
    '请审核',
    'normal',
    from.id,
    to.id,
    admin,
    user.id,
    'open',
    i < SWEEP_DUE ? due : future(i),
    0,
    i < SWEEP_DUE ? due : future(i),
    'escalate',
    `请求 ${i}`,
    created,
    created,
  ];
  const taskSql = `insert into tasks (id, number, title, description, status, priority, assignee_id, department_id,
      creator_id, due_at, checklist, reply_count, reminder_at, reminder_stage, search_text, created_at, updated_at)
      values `;
  const requestSql = `insert into dept_requests (id, number, title, body, priority, from_department_id,
      to_department_id, raised_by, handler_id, status, response_due_at, escalation_level, next_step_at, next_step,
      search_text, created_at, updated_at) values `;
  await bulkInsert(target, taskSql, half, task);
  await bulkInsert(target, requestSql, SWEEP_ROWS - half, request);
  if (target.kind === 'postgres') await target.raw.query('analyze tasks; analyze dept_requests', []);
}

/** Many rows per statement and 10,000 per transaction: the fastest way in through the driver. */
async function bulkInsert(
  target: Target,
  sql: string,
  count: number,
  row: (i: number) => unknown[],
): Promise<void> {
  const perStatement = 500;
  for (let i = 0; i < count; i += 10_000) {
    await target.raw.query('begin', []);
    for (let j = i; j < Math.min(count, i + 10_000); j += perStatement) {
      const rows = Array.from({ length: Math.min(perStatement, count - j) }, (_, k) => row(j + k));
      const width = rows[0]!.length;
      const values = rows
        .map(
          (_, r) =>
            `(${Array.from({ length: width }, (_, c) => (target.kind === 'sqlite' ? '?' : `$${r * width + c + 1}`)).join(', ')})`,
        )
        .join(', ');
      await target.raw.query(sql + values, rows.flat());
    }
    await target.raw.query('commit', []);
  }
}

async function measureSweep(services: Services, target: Target) {
  const sweepOnce = async () => (await services.tasks.sweepReminders()) + (await services.requests.sweep());
  // Warm caches (the compiled calendar, prepared statements) with the due work set aside.
  const nowIso = new Date().toISOString();
  const taskCeil = 'select id from tasks where reminder_at <= ? order by reminder_at limit 500';
  const reqCeil = 'select id from dept_requests where next_step_at <= ? order by next_step_at limit 500';
  const q = (sql: string) => (target.kind === 'sqlite' ? sql : sql.replace('?', '$1'));

  // The sweep that finds due work.
  const start = performance.now();
  const sent = await sweepOnce();
  const dueMs = performance.now() - start;

  const idle: number[] = [];
  const ceiling: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    const more = await sweepOnce();
    idle.push(performance.now() - t0);
    if (more !== 0) throw new Error(`an idle sweep sent ${more} reminders`);
    t0 = performance.now();
    await target.raw.query(q(taskCeil), [nowIso]);
    await target.raw.query(q(reqCeil), [nowIso]);
    ceiling.push(performance.now() - t0);
  }
  idle.sort((a, b) => a - b);
  ceiling.sort((a, b) => a - b);
  return {
    due: { ms: dueMs, sent },
    idle: { p50: percentile(idle, 50), p99: percentile(idle, 99) },
    ceiling: { p50: percentile(ceiling, 50), p99: percentile(ceiling, 99) },
  };
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`\nFAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
