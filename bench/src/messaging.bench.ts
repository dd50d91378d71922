import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../server/src/platform/clock.ts';
import { loadConfig } from '../../server/src/platform/config/config.ts';
import { openDatabase } from '../../server/src/platform/db/database.ts';
import { createServices } from '../../server/src/services.ts';
import { prepare } from '../../server/src/startup.ts';
import { DEMO_PASSWORD, type RunningProcess, startLiaison } from '../../server/test/server-process.ts';
import {
  type CpuSample,
  cpuBetween,
  type MachineSample,
  machineBusyCores,
  sampleCpu,
  sampleMachine,
} from './cpu.ts';
import { envNumber } from './load.ts';
import type {
  ClientSpec,
  CollectResult,
  ConnectResult,
  PosterSpec,
  PostResult,
} from './messaging/protocol.ts';
import { nowMs } from './messaging/protocol.ts';
import { oneLine, report } from './messaging/report.ts';
import { type PhaseResult, RAMP, type RampResult, type RunShape, sustainable } from './messaging/results.ts';
import { ClientProcess, startBareWs } from './messaging/workers.ts';
import { type SeededUser, seedUsers } from './seed.ts';
import { sqliteInsertLoop } from './sqlite-insert.ts';
import { num, percentile } from './table.ts';

/**
 * `npm run bench:messaging` — live messaging on the embedded default (SQLite): N users connected
 * over WebSocket, spread over group conversations, M of them posting at an aggregate target rate.
 * Measures the messages per second the server accepts (201s), the post-to-delivery latency for
 * every recipient (from just before the POST is sent to the moment that recipient's socket receives
 * the `message.created` frame — the author's own socket counts as a recipient too), deliveries that
 * never arrived, and errors.
 *
 * Beside it, in the same run, two ceilings:
 *  (a) a bare `ws` server (messaging/bare-ws.ts) with the same users, channels, message shape and
 *      fan-out, driven by the same client processes: its latency at the same rate, and the highest
 *      rate it sustains;
 *  (b) a bare `node:sqlite` insert loop, one row per transaction, WAL, synchronous=FULL as the
 *      server runs (and NORMAL, to show what FULL costs).
 *
 * Processes: the server, the ceiling and the clients (BENCH_CLIENT_PROCS of them) are separate
 * children, so neither side's event loop delays the other; this process only coordinates.
 * Users and their API tokens are written straight into the database before the server starts (see
 * seed.ts: one shared argon2 hash instead of 2,000); the group conversations are created through
 * the API (POST /api/channels) by their first member.
 *
 * Environment: BENCH_CLIENTS (2000), BENCH_POSTERS (200), BENCH_RATE (messages/s, 1000),
 * BENCH_DURATION (s, 20), BENCH_WARMUP (s, 5), BENCH_GROUP_SIZE (members per conversation, 20, at
 * most 21), BENCH_CLIENT_PROCS (2), BENCH_MAX_INFLIGHT (unanswered posts per client process
 * before posts are shed, 256), BENCH_RAMP (1: also find each side's highest sustainable rate;
 * 0: skip), BENCH_RAMP_STEP (measured s per ramp step, 5), BENCH_CPU_PROF (a directory: write the
 * server's CPU profile there, via node --cpu-prof, when it stops; read it with cpu-profile.ts),
 * BENCH_SERVER_ENTRY (another server entry point, e.g. a patched copy under bench/.data to measure
 * a proposed change before making it).
 */

interface Settings extends RunShape {
  posters: number;
  groupSize: number;
  procs: number;
  ramp: boolean;
  rampStepS: number;
  cpuProfDir: string | null;
  serverEntry: string | null;
}

function readSettings(): Settings {
  const clients = Math.floor(envNumber('BENCH_CLIENTS', 2000, 2));
  const groupSize = Math.floor(envNumber('BENCH_GROUP_SIZE', 20, 2));
  if (groupSize > 21)
    throw new Error('BENCH_GROUP_SIZE must be at most 21 (a conversation has up to 20 others)');
  return {
    clients,
    posters: Math.min(clients, Math.floor(envNumber('BENCH_POSTERS', 200))),
    rate: envNumber('BENCH_RATE', 1000),
    durationS: envNumber('BENCH_DURATION', 20),
    warmupS: envNumber('BENCH_WARMUP', 5, 0),
    groupSize,
    procs: Math.floor(envNumber('BENCH_CLIENT_PROCS', 2)),
    maxInflight: Math.floor(envNumber('BENCH_MAX_INFLIGHT', 256)),
    ramp: (process.env.BENCH_RAMP ?? '1') !== '0',
    rampStepS: envNumber('BENCH_RAMP_STEP', 5),
    cpuProfDir: process.env.BENCH_CPU_PROF || null,
    serverEntry: process.env.BENCH_SERVER_ENTRY || null,
  };
}

interface Group {
  id: string;
  members: SeededUser[];
}

class Bench {
  readonly settings: Settings;
  readonly workers: ClientProcess[] = [];
  groups: Group[] = [];
  posters: PosterSpec[] = [];
  users: SeededUser[] = [];
  #phase = 0;

  constructor(settings: Settings) {
    this.settings = settings;
  }

  /** Splits users into conversations of about `groupSize` (never more than 21). */
  planGroups(users: SeededUser[]): SeededUser[][] {
    const count = Math.ceil(users.length / this.settings.groupSize);
    return deal(users, count);
  }

  /** Posters spread evenly over the conversations: the first member of each, then the second… */
  planPosters(): PosterSpec[] {
    const posters: PosterSpec[] = [];
    for (let j = 0; j < this.settings.posters; j++) {
      const group = this.groups[j % this.groups.length]!;
      const user = group.members[Math.floor(j / this.groups.length) % group.members.length]!;
      posters.push({ userId: user.id, token: user.token, channelId: group.id });
    }
    return posters;
  }

  async connectAll(baseUrl: string): Promise<ConnectResult> {
    const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/api/ws`;
    const shares: ClientSpec[][] = deal(
      this.users.map((u) => ({ userId: u.id, token: u.token })),
      this.workers.length,
    );
    const results = await Promise.all(
      this.workers.map((w, i) =>
        w.request<ConnectResult>({ op: 'connect', wsUrl, clients: shares[i]!, concurrency: 32 }),
      ),
    );
    return {
      connected: sum(results.map((r) => r.connected)),
      failed: sum(results.map((r) => r.failed)),
      errorSamples: results.flatMap((r) => r.errorSamples),
      ms: Math.max(...results.map((r) => r.ms)),
    };
  }

  async disconnectAll(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request({ op: 'disconnect' })));
  }

  /** Posts at `rate` for warm-up + duration, waits for the deliveries, and sums it all up. */
  async run(
    target: string,
    server: RunningProcess,
    rate: number,
    warmupS: number,
    durationS: number,
  ): Promise<PhaseResult> {
    const phase = `p${++this.#phase}`;
    const shares = deal(this.posters, this.workers.length);
    const startAtMs = nowMs() + 300;
    const windowStart = startAtMs + warmupS * 1000;

    // CPU of the server and the clients over exactly the measured window.
    const pids = [server.pid, ...this.workers.map((w) => w.pid)];
    const sampleAt = (at: number) =>
      new Promise<{ processes: CpuSample[]; machine: MachineSample | null }>((resolve) =>
        setTimeout(
          () => resolve({ processes: pids.map(sampleCpu), machine: sampleMachine() }),
          Math.max(0, at - nowMs()),
        ),
      );
    const cpuBefore = sampleAt(windowStart);
    const cpuAfter = sampleAt(windowStart + durationS * 1000);

    const posts = await Promise.all(
      this.workers.map((w, i) =>
        w.request<PostResult>({
          op: 'post',
          phase,
          baseUrl: server.url,
          posters: shares[i]!,
          ratePerS: rate / this.workers.length,
          startAtMs,
          warmupS,
          durationS,
          maxInflight: this.settings.maxInflight,
          seed: this.#phase * 1000 + i + 1,
        }),
      ),
    );

    // Every answer is in; now wait for the last deliveries (or until they stop coming).
    const sizeOf = new Map(this.groups.map((g) => [g.id, g.members.length]));
    const expected = sum(posts.flatMap((p) => p.channelIds.map((c) => sizeOf.get(c) ?? 0)));
    let lastTotal = -1;
    let lastChange = nowMs();
    const drainStarted = nowMs();
    while (nowMs() - drainStarted < 30_000) {
      const progress = await Promise.all(
        this.workers.map((w) => w.request<{ received: number }>({ op: 'progress', phase })),
      );
      const total = sum(progress.map((p) => p.received));
      if (total >= expected) break;
      if (total !== lastTotal) {
        lastTotal = total;
        lastChange = nowMs();
      } else if (nowMs() - lastChange > 3_000) break;
      await sleep(200);
    }
    const collected = await Promise.all(
      this.workers.map((w) => w.request<CollectResult>({ op: 'collect', phase })),
    );

    const owed = new Map<string, number>();
    for (const p of posts) {
      for (let i = 0; i < p.keys.length; i++) owed.set(p.keys[i]!, sizeOf.get(p.channelIds[i]!) ?? 0);
    }
    const got = new Map<string, number>();
    for (const c of collected) for (const [k, n] of c.received) got.set(k, (got.get(k) ?? 0) + n);
    let lost = 0;
    let unacknowledged = 0;
    for (const [k, n] of owed) lost += Math.max(0, n - (got.get(k) ?? 0));
    for (const [k, n] of got) if (!owed.has(k)) unacknowledged += n;

    const latencies = concat(collected.map((c) => c.latencyUs));
    latencies.sort();
    const responses = concat(posts.map((p) => p.responseUs));
    responses.sort();
    const ms = (sorted: Float64Array, p: number) => percentile(sorted, p) / 1000;
    const [before, after] = [await cpuBefore, await cpuAfter];
    const cpu = pids.map((_, i) => cpuBetween(before.processes[i]!, after.processes[i]!));
    const clientCores = cpu.slice(1).map((c) => c.cores);
    const ours = cpu.map((c) => c.cores);
    const machine = machineBusyCores(before.machine, after.machine);
    return {
      target,
      rate,
      durationS,
      sent: sum(posts.map((p) => p.sent)),
      acceptedPerS: sum(posts.map((p) => p.acceptedInWindow)) / durationS,
      rejected: sum(posts.map((p) => sum(Object.values(p.statuses)))),
      networkErrors: sum(posts.map((p) => p.networkErrors)),
      shed: sum(posts.map((p) => p.shed)),
      errorSamples: posts.flatMap((p) => p.errorSamples).slice(0, 5),
      expected,
      delivered: latencies.length,
      lost,
      unacknowledged,
      latency: {
        p50: ms(latencies, 50),
        p99: ms(latencies, 99),
        max: latencies.length ? latencies[latencies.length - 1]! / 1000 : Number.NaN,
      },
      response: { p50: ms(responses, 50), p99: ms(responses, 99) },
      disconnects: sum(collected.map((c) => c.disconnects)),
      maxSendLagMs: Math.max(...posts.map((p) => p.maxSendLagMs)),
      clientLoopP99Ms: Math.max(
        ...posts.map((p) => p.loopDelay.p99Ms),
        ...collected.map((c) => c.loopDelay.p99Ms),
      ),
      server: cpu[0] ?? { main: null, waited: null, cores: null },
      clientCores: clientCores.every((c) => c !== null) ? sum(clientCores as number[]) : null,
      otherCores:
        machine !== null && ours.every((c) => c !== null)
          ? Math.max(0, machine - sum(ours as number[]))
          : null,
    };
  }

  /**
   * The highest rate (a multiple of BENCH_RATE) that is sustained: ≥95 % accepted, nothing shed,
   * rejected or lost, p99 under the target. Goes up from the main run if it was sustained, else
   * from a twentieth of the rate; stops at the first step that is not.
   */
  async ramp(target: string, server: RunningProcess, main: PhaseResult): Promise<RampResult> {
    const steps: PhaseResult[] = [];
    let best: number | null = sustainable(main) ? main.rate : null;
    const rates = RAMP.map((m) => m * this.settings.rate).filter((r) =>
      sustainable(main) ? r > main.rate : r < main.rate,
    );
    for (const rate of rates) {
      process.stderr.write(`  ${target} ramp: ${num(rate)} msg/s … `);
      const r = await this.run(target, server, rate, 2, this.settings.rampStepS);
      steps.push(r);
      process.stderr.write(`${oneLine(r)}\n`);
      if (!sustainable(r)) break;
      best = rate;
      await sleep(1_000);
    }
    return { steps, best };
  }
}

async function main(): Promise<number> {
  const s = readSettings();
  const cpu = cpus();
  console.log('Liaison messaging benchmark: live delivery on embedded SQLite, vs a bare ws server');
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, node ${process.version}, load average ` +
      loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
  );

  // (b) The storage ceiling first, while nothing else runs.
  process.stderr.write('bare node:sqlite insert loop (synchronous=FULL, then NORMAL) … ');
  const sqliteFull = sqliteInsertLoop('FULL', 3);
  const sqliteNormal = sqliteInsertLoop('NORMAL', 3);
  process.stderr.write(`${num(sqliteFull.perSecond)} / ${num(sqliteNormal.perSecond)} inserts/s\n`);

  const bench = new Bench(s);
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-bench-messaging-'));
  const children: RunningProcess[] = [];
  try {
    // Users and tokens through the repositories, before the server opens the database.
    let t = nowMs();
    const config = loadConfig({
      LIAISON_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      LIAISON_ADMIN_PASSWORD: DEMO_PASSWORD,
    });
    const database = openDatabase(config.database);
    const services = createServices(database, config, systemClock);
    await prepare(database, services, config);
    bench.users = await seedUsers(database, services, s.clients);
    await database.close();
    const seedMs = nowMs() - t;

    t = nowMs();
    const env: Record<string, string> = {};
    if (s.cpuProfDir) env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${s.cpuProfDir}`;
    const server = await startLiaison({
      demo: false,
      dataDir,
      logLevel: 'warn',
      env,
      ...(s.serverEntry ? { entry: s.serverEntry } : {}),
    });
    children.push(server);
    const startMs = nowMs() - t;

    // The conversations, through the API, by their first member.
    t = nowMs();
    const planned = bench.planGroups(bench.users);
    bench.groups = await mapLimit(planned, 4, async (members) => ({
      id: await createGroup(server.url, members),
      members,
    }));
    bench.posters = bench.planPosters();
    const groupsMs = nowMs() - t;

    for (let i = 0; i < s.procs; i++) bench.workers.push(new ClientProcess(i));
    const connected = await bench.connectAll(server.url);
    if (connected.failed > 0) {
      throw new Error(
        `${connected.failed} WebSocket clients failed to connect: ${connected.errorSamples.join('; ')}`,
      );
    }
    const sizes = bench.groups.map((g) => g.members.length);
    console.log(
      `set-up: ${num(s.clients)} users + API tokens seeded in ${num(seedMs / 1000, 1)} s (repositories, one shared ` +
        `password hash); server up in ${num(startMs / 1000, 1)} s; ${bench.groups.length} group conversations of ` +
        `${Math.min(...sizes)}–${Math.max(...sizes)} created via POST /api/channels in ${num(groupsMs / 1000, 1)} s; ` +
        `${num(connected.connected)} WebSockets connected and resumed in ${num(connected.ms / 1000, 1)} s`,
    );
    console.log(
      `load: ${num(s.posters)} posters (${bench.posters.length / bench.groups.length} per conversation) offering ` +
        `${num(s.rate)} messages/s in total (open loop, fixed timetable) for ${s.durationS} s after ${s.warmupS} s ` +
        `warm-up; every message fans out to its ${Math.min(...sizes)}–${Math.max(...sizes)} members (author included); ` +
        `${s.procs} client processes, up to ${s.maxInflight} unanswered posts each`,
    );

    process.stderr.write(`Liaison at ${num(s.rate)} msg/s … `);
    const real = await bench.run('Liaison', server, s.rate, s.warmupS, s.durationS);
    process.stderr.write(`${oneLine(real)}\n`);
    const realRamp = s.ramp ? await bench.ramp('Liaison', server, real) : null;

    await bench.disconnectAll();
    await server.stop();
    children.splice(children.indexOf(server), 1);

    const bare = await startBareWs({
      users: bench.users,
      channels: bench.groups.map((g) => ({ id: g.id, memberIds: g.members.map((m) => m.id) })),
    });
    children.push(bare);
    const bareConnected = await bench.connectAll(bare.url);
    if (bareConnected.failed > 0)
      throw new Error(`bare ws: ${bareConnected.failed} clients failed to connect`);
    process.stderr.write(`bare ws at ${num(s.rate)} msg/s … `);
    const ceiling = await bench.run('bare ws (ceiling)', bare, s.rate, s.warmupS, s.durationS);
    process.stderr.write(`${oneLine(ceiling)}\n`);
    const bareRamp = s.ramp ? await bench.ramp('bare ws', bare, ceiling) : null;
    await bench.disconnectAll();

    report(s, real, ceiling, realRamp, bareRamp, sqliteFull, sqliteNormal);
    if (s.cpuProfDir) console.log(`\nserver CPU profile written to ${s.cpuProfDir} (whole server lifetime)`);
    if (s.serverEntry)
      console.log(`server entry point: ${s.serverEntry} (BENCH_SERVER_ENTRY), not server/src/main.ts`);
    return 0;
  } finally {
    await Promise.all([...bench.workers.map((w) => w.stop()), ...children.map((c) => c.stop())]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function createGroup(baseUrl: string, members: SeededUser[]): Promise<string> {
  const [creator, ...others] = members;
  const res = await fetch(`${baseUrl}/api/channels`, {
    method: 'POST',
    headers: { authorization: `Bearer ${creator!.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'direct', memberIds: others.map((m) => m.id) }),
  });
  const body = (await res.json()) as { id?: string };
  if (res.status !== 201 || !body.id)
    throw new Error(`POST /api/channels: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Deals items round-robin into n hands. */
function deal<T>(items: readonly T[], n: number): T[][] {
  const hands: T[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < items.length; i++) hands[i % n]!.push(items[i]!);
  return hands;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function concat(arrays: Float64Array[]): Float64Array {
  const out = new Float64Array(sum(arrays.map((a) => a.length)));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`\nFAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
