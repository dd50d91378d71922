import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, ActorContext } from '../../server/src/platform/auth/actor.ts';
import { systemClock } from '../../server/src/platform/clock.ts';
import { newId } from '../../server/src/platform/crypto/ids.ts';
import { createServices, type Services } from '../../server/src/services.ts';
import { prepare } from '../../server/src/startup.ts';
import { type BenchTarget, openBenchPostgres, openBenchSqlite } from './bench-db.ts';
import { envNumber } from './load.ts';
import { postgresUrl } from './postgres.ts';
import { num, percentile, printTable } from './table.ts';

/**
 * `npm run bench:announcements` — publishing to a large company, on SQLite and (when reachable)
 * PostgreSQL. With BENCH_USERS (100,000) employees in 50 departments:
 *  - publish: `AnnouncementPublishingService.submit` of an announcement to everyone (no approval needed),
 *    which resolves the audience and writes one recipient row per person; ceiling: a bare
 *    `INSERT … SELECT` of as many rows into a scratch table on a raw connection;
 *  - stats and the not-read list (first page) as the owner sees them, p50/p99 over BENCH_RUNS;
 *  - read receipts: `AnnouncementReceiptsService.read` by BENCH_READS (5,000) different people one after
 *    another (each a committed write), per second; ceiling: a bare autocommit UPDATE loop setting
 *    read_at on the same table.
 * Targets: publish under 1 s, stats under 100 ms.
 */

const USERS = envNumber('BENCH_USERS', 100_000);
const READS = envNumber('BENCH_READS', 5_000);
const RUNS = envNumber('BENCH_RUNS', 30);

type Target = BenchTarget;

async function main(): Promise<number> {
  console.log(
    `bench:announcements — ${cpus().length} cores; ${num(USERS)} employees; ${num(READS)} read receipts\n`,
  );
  const url = await postgresUrl();
  const rows: string[][] = [];
  let missed = false;
  for (const kind of ['sqlite', ...(url ? ['postgres' as const] : [])] as const) {
    const target = kind === 'sqlite' ? await openBenchSqlite('ann') : await openBenchPostgres(url!, 'ann');
    try {
      const services = createServices(target.database, config(), systemClock);
      await prepare(target.database, services, { adminPassword: 'Bench-password-2026' });
      const admin = (await services.users.findByUsername(target.database.db, 'admin'))!;
      const adminCtx: ActorContext = {
        actor: await services.auth.actorFor(admin.id),
        ip: null,
        requestId: 'bench',
        userAgent: 'bench',
      };
      process.stderr.write(`${kind}: creating ${num(USERS)} employees …\n`);
      const { userIds, departments } = await seedCompany(target, services, adminCtx);

      const categories = await services.announcementCategories.categories();
      const general = categories.find((c) => c.key === 'general')!;
      const draft = await services.announcementDrafts.create(adminCtx, {
        categoryId: general.id,
        title: '关于元旦放假安排的通知',
        bodyHtml: '<p>2027年1月1日至3日放假，共3天。</p>',
        publishingDepartmentId: departments[0]!,
        ownerId: admin.id,
        effectiveAt: new Date().toISOString(),
        expiresAt: null,
        pinned: false,
        importance: 'normal',
        requiresAck: false,
        ackDeadline: null,
        audience: { everyone: true, departments: [], teams: [], users: [], counterparties: [] },
        fileIds: [],
      });
      const t0 = performance.now();
      const published = await services.announcementPublishing.submit(adminCtx, draft.id);
      const publishMs = performance.now() - t0;
      if (published.recipientCount !== USERS + 1)
        throw new Error(`published to ${published.recipientCount}, expected ${USERS + 1}`);
      const ceilingPublish = await bareInsertSelect(target);

      // Read receipts first, so the statistics count real reads.
      const readers = userIds.slice(0, READS);
      const t1 = performance.now();
      for (const [i, id] of readers.entries()) {
        await services.announcementReceipts.read(
          readerCtx(id, departments[i % departments.length]!),
          draft.id,
        );
      }
      const readsPerSecond = READS / ((performance.now() - t1) / 1000);
      const ceilingReads = await bareUpdates(target, draft.id, userIds.slice(READS, READS * 2));

      const stats: number[] = [];
      const notRead: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let s = performance.now();
        const st = await services.announcementReceipts.stats(adminCtx, draft.id);
        stats.push(performance.now() - s);
        if (st.totals.read !== READS * 2) throw new Error(`stats counted ${st.totals.read} reads`);
        s = performance.now();
        await services.announcementReceipts.notDone(adminCtx, draft.id, {
          which: 'unread',
          page: 1,
          pageSize: 20,
        });
        notRead.push(performance.now() - s);
      }
      stats.sort((a, b) => a - b);
      notRead.sort((a, b) => a - b);
      if (publishMs > 1000 || percentile(stats, 50) > 100) missed = true;
      rows.push([
        `${kind}: publish to ${num(USERS + 1)}`,
        `${num(publishMs)} ms`,
        `${num(ceilingPublish)} ms`,
        `${num(publishMs / ceilingPublish, 1)}×`,
        'target < 1,000 ms',
      ]);
      rows.push([
        `${kind}: stats (p50 / p99)`,
        `${num(percentile(stats, 50), 1)} / ${num(percentile(stats, 99), 1)} ms`,
        '',
        '',
        'target < 100 ms',
      ]);
      rows.push([
        `${kind}: not-read list, page 1 (p50 / p99)`,
        `${num(percentile(notRead, 50), 1)} / ${num(percentile(notRead, 99), 1)} ms`,
        '',
        '',
        '',
      ]);
      rows.push([
        `${kind}: read receipts`,
        `${num(readsPerSecond)} /s`,
        `${num(ceilingReads)} /s`,
        `${num(readsPerSecond / ceilingReads, 2)}×`,
        'one person after another',
      ]);
      await services.bus.close();
    } finally {
      await target.close();
    }
  }
  console.log('');
  printTable(['measure', 'Liaison', 'ceiling', 'ratio', 'notes'], rows);
  console.log(
    '\nceilings: bare INSERT … SELECT of the same number of rows (publish); bare autocommit UPDATE of read_at (read receipts)',
  );
  return missed ? 1 : 0;
}

function config() {
  return {
    secretKey: randomBytes(32),
    session: { idleMinutes: 720, maxHours: 168 },
    login: { maxFailures: 5, lockMinutes: 15 },
    timeZone: 'Asia/Shanghai',
    dataDir: mkdtempSync(join(tmpdir(), 'liaison-bench-ann-')),
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

/** A reader's context, built directly: the service reads only who they are and where they work. */
function readerCtx(userId: string, departmentId: string): ActorContext {
  const actor = {
    userId,
    username: userId,
    displayName: userId,
    kind: 'employee',
    locale: 'zh-CN',
    departmentId,
    departmentPath: null,
    grants: { 'announcement.read': 'own' },
    roleKeys: ['employee'],
    mustChangePassword: false,
    auth: { method: 'system' },
  } as unknown as Actor;
  return { actor, ip: null, requestId: null, userAgent: null };
}

async function seedCompany(target: Target, services: Services, ctx: ActorContext) {
  const departments: string[] = [];
  for (let i = 0; i < 50; i++) {
    departments.push(
      (await services.departments.create(ctx, { name: `部门${String(i).padStart(2, '0')}`, parentId: null }))
        .id,
    );
  }
  const now = new Date().toISOString();
  const userIds: string[] = [];
  const columns = `id, username, display_name, kind, status, email, department_id, locale, password_hash,
    must_change_password, search_text, sort_key, password_changed_at, created_at, updated_at`;
  const width = 15;
  await target.raw.query('begin');
  for (let i = 0; i < USERS; i += 500) {
    const batch: unknown[][] = [];
    for (let j = i; j < Math.min(USERS, i + 500); j++) {
      const id = newId();
      userIds.push(id);
      const name = `员工${j}`;
      batch.push([
        id,
        `emp${j}`,
        name,
        'employee',
        'active',
        null,
        departments[j % 50],
        'zh-CN',
        'x',
        0,
        `emp${j} ${name}`,
        `yuan gong ${j}`,
        now,
        now,
        now,
      ]);
    }
    const values = batch
      .map(
        (_, r) =>
          `(${Array.from({ length: width }, (_, c) => (target.kind === 'sqlite' ? '?' : `$${r * width + c + 1}`)).join(', ')})`,
      )
      .join(', ');
    await target.raw.query(`insert into users (${columns}) values ${values}`, batch.flat());
  }
  await target.raw.query('commit');
  if (target.kind === 'postgres') await target.raw.query('analyze users');
  return { userIds, departments };
}

async function bareInsertSelect(target: Target): Promise<number> {
  await target.raw.query(
    'create table scratch_recipients (a text, u text, d text, t text, primary key (a, u))',
  );
  const t0 = performance.now();
  await target.raw.query(
    target.kind === 'sqlite'
      ? "insert into scratch_recipients select 'x', id, department_id, '2026' from users where status = 'active'"
      : "insert into scratch_recipients select 'x', id::text, department_id::text, '2026' from users where status = 'active'",
  );
  const ms = performance.now() - t0;
  await target.raw.query('drop table scratch_recipients');
  return ms;
}

async function bareUpdates(target: Target, announcementId: string, userIds: string[]): Promise<number> {
  const sql =
    target.kind === 'sqlite'
      ? 'update announcement_recipients set read_at = ? where announcement_id = ? and user_id = ? and read_at is null'
      : 'update announcement_recipients set read_at = $1 where announcement_id = $2 and user_id = $3 and read_at is null';
  const t0 = performance.now();
  for (const id of userIds) await target.raw.query(sql, [new Date().toISOString(), announcementId, id]);
  return userIds.length / ((performance.now() - t0) / 1000);
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`\nFAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
