import { cpus, loadavg } from 'node:os';
import {
  createApiToken,
  login,
  type RunningProcess,
  startLiaison,
} from '../../server/test/server-process.ts';
import { startBareFastify } from './ceilings.ts';
import { envNumber, type LoadSettings, type Measurement, measure, problemsOf, type Target } from './load.ts';

/**
 * `npm run bench:api` — requests per second and latency of authenticated reads on the embedded
 * (SQLite) server, beside a bare Fastify route measured in the same run. On a shared, noisy
 * machine only the ratio to that ceiling means much; the absolute figures are printed for context.
 *
 * The ceiling is measured first and again last; the ratios use the mean of the two, and the drift
 * between them says how much the machine moved under us during the run.
 *
 * Two forms of the ratio are printed. By req/s: what a client sees; but on 2 cores, when other
 * work competes, the bare route becomes limited by the load generator (its "busy" column drops
 * well below 100 %) and the ratio looks better than it is. By CPU time per request of the
 * answering process's event loop: what the server itself spends, nearly immune to other work on
 * the machine; the better figure to track from run to run.
 *
 * Environment: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 3), BENCH_CONNECTIONS
 * (default 10), BENCH_AUTH (`cookie`, the web client's way, default; or `bearer`, a personal API
 * token, the integrations' way).
 */

type AuthMode = 'cookie' | 'bearer';

function readSettings(): { load: LoadSettings; authMode: AuthMode } {
  const authMode = process.env.BENCH_AUTH || 'cookie';
  if (authMode !== 'cookie' && authMode !== 'bearer') {
    throw new Error(`BENCH_AUTH must be cookie or bearer, not "${authMode}"`);
  }
  const load: LoadSettings = {
    durationS: envNumber('BENCH_DURATION', 10),
    warmupS: envNumber('BENCH_WARMUP', 3, 0),
    connections: Math.floor(envNumber('BENCH_CONNECTIONS', 10)),
    pipelining: 1,
  };
  return { load, authMode };
}

async function main(): Promise<number> {
  const { load: settings, authMode } = readSettings();
  const cpu = cpus();
  console.log('Liaison API benchmark: authenticated reads, embedded SQLite, vs bare Fastify');
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, node ${process.version}, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  console.log(
    `settings: ${settings.durationS} s measured after ${settings.warmupS} s warm-up per target, ` +
      `${settings.connections} connections, pipelining ${settings.pipelining}, targets one after another; ` +
      `auth: ${authMode === 'cookie' ? 'session cookie (liaison_session)' : 'personal API token (Bearer lia_…)'}; ` +
      'user: admin (demo company)',
  );

  const children: RunningProcess[] = [];
  try {
    const started = Date.now();
    const server = await startLiaison({ demo: true, logLevel: 'warn' });
    children.push(server);
    console.log(`server: pid ${server.pid} at ${server.url}, healthy after ${Date.now() - started} ms`);

    const session = await login(server.url, 'admin');
    const auth: Record<string, string> =
      authMode === 'cookie'
        ? { cookie: session.cookie }
        : { authorization: `Bearer ${await createApiToken(server.url, session)}` };

    // Check each target answers 200 before loading it, and capture /api/auth/me as the ceiling's body.
    const me = await fetchOk(`${server.url}/api/auth/me`, auth);
    const users = await fetchOk(`${server.url}/api/users?page=1&pageSize=20`, auth);
    const userCount = (JSON.parse(users.text) as { items: unknown[] }).items.length;

    const bare = await startBareFastify(JSON.parse(me.text));
    children.push(bare);
    const bareCheck = await fetchOk(`${bare.url}/bare`, {});
    console.log(
      `bodies: /bare ${bareCheck.text.length} B (a captured /api/auth/me), /api/auth/me ${me.text.length} B, ` +
        `/api/users ${users.text.length} B (${userCount} users)`,
    );

    const ceiling: Target = { name: 'bare Fastify /bare (ceiling)', url: `${bare.url}/bare`, pid: bare.pid };
    const targets: Target[] = [
      ceiling,
      { name: 'GET /api/auth/me', url: `${server.url}/api/auth/me`, headers: auth, pid: server.pid },
      {
        name: 'GET /api/users?page=1&pageSize=20',
        url: `${server.url}/api/users?page=1&pageSize=20`,
        headers: auth,
        pid: server.pid,
      },
      { ...ceiling, name: 'bare Fastify /bare (ceiling, again)' },
    ];

    const results: Measurement[] = [];
    for (const target of targets) {
      process.stderr.write(`measuring ${target.name} … `);
      const m = await measure(target, settings);
      process.stderr.write(`${Math.round(m.rps)} req/s\n`);
      results.push(m);
    }

    printTable(results);
    const problems = results.flatMap(problemsOf);
    if (problems.length > 0) {
      console.error(`\nFAILED: not every response was 200:\n  ${problems.join('\n  ')}`);
      return 1;
    }
    return 0;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

async function fetchOk(url: string, headers: Record<string, string>): Promise<{ text: string }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return { text };
}

function printTable(results: Measurement[]): void {
  const ceilings = results.filter((m) => m.target.name.startsWith('bare Fastify'));
  const ceilingRps = mean(ceilings.map((m) => m.rps));
  const ceilingCpus = ceilings.flatMap((m) => m.serverCpuUsPerRequest ?? []);
  const ceilingCpu = ceilingCpus.length === ceilings.length ? mean(ceilingCpus) : null;
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const rows = results.map((m) => [
    m.target.name,
    m.rps.toFixed(0),
    m.p50.toFixed(2),
    m.p99.toFixed(2),
    pct(m.rps / ceilingRps),
    String(m.non2xx + m.errors),
    String(m.requests),
    m.serverCpuUsPerRequest?.toFixed(0) ?? 'n/a',
    m.serverBusy === null ? 'n/a' : pct(m.serverBusy),
    ceilingCpu !== null && m.serverCpuUsPerRequest ? pct(ceilingCpu / m.serverCpuUsPerRequest) : 'n/a',
  ]);
  const header = [
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'vs ceiling',
    'errors',
    'requests',
    'CPU µs/req',
    'busy',
    'vs ceiling (CPU)',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));

  const [first, last] = [ceilings[0]!, ceilings.at(-1)!];
  const drift = (100 * (last.rps - first.rps)) / first.rps;
  console.log(`
vs ceiling        = req/s ÷ the mean of the two bare runs (${ceilingRps.toFixed(0)} req/s; drift between them \
${drift >= 0 ? '+' : ''}${drift.toFixed(1)} %, large drift means a noisy run).
errors            = non-2xx responses + connection errors.
CPU µs/req, busy  = CPU time of the answering process's event-loop thread per request, and its share of
                    the wall time (Linux schedstat). These barely move with machine noise.
vs ceiling (CPU)  = the ceiling's CPU µs/req ÷ this target's: the noise-resistant form of the ratio.`);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`\nFAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
