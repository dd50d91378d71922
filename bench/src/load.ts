import { readFileSync } from 'node:fs';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';

/** Load settings shared by every target of a run, so the figures are comparable. */
export interface LoadSettings {
  /** Measured seconds per target. */
  durationS: number;
  /** Unmeasured seconds per target first (JIT, statement caches, connection set-up). */
  warmupS: number;
  connections: number;
  pipelining: number;
}

export interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** The process answering, to read how much CPU its event loop spent per request. */
  pid?: number;
}

export interface Measurement {
  target: Target;
  /** Mean of autocannon's per-second samples. */
  rps: number;
  /** Latency of 2xx responses in milliseconds (microsecond resolution). */
  p50: number;
  p99: number;
  requests: number;
  /** Responses that were not 2xx, by status code. */
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  /**
   * CPU time of the answering process's main thread (its event loop) per request, in µs, and the
   * share of the measured wall time it was on a CPU. Unlike req/s these hardly move when other
   * work competes for the machine, so they compare runs on a noisy host. null when unknown
   * (no pid, or not Linux).
   */
  serverCpuUsPerRequest: number | null;
  serverBusy: number | null;
}

/** Reads a number from the environment (at least `min`), or the default. */
export function envNumber(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name} must be a number ≥ ${min}, not "${raw}"`);
  return value;
}

interface Run {
  result: autocannon.Result;
  /** 2xx response times in microseconds. */
  latencyUs: RecordableHistogram;
  /** CPU time of the target's main thread during the run, or null. */
  cpuNs: number | null;
  wallNs: number;
}

/**
 * autocannon's own latency histogram keeps whole milliseconds, too coarse for sub-millisecond
 * answers (the ceiling's p50 reads "0 ms"), so 2xx response times are also recorded here in
 * microseconds, from the same timings autocannon takes.
 */
function run(target: Target, settings: LoadSettings, durationS: number): Promise<Run> {
  const latencyUs = createHistogram();
  const cpuBefore = mainThreadCpuNs(target.pid);
  const started = process.hrtime.bigint();
  const finish = (result: autocannon.Result): Run => {
    const wallNs = Number(process.hrtime.bigint() - started);
    const cpuAfter = mainThreadCpuNs(target.pid);
    const cpuNs = cpuBefore !== null && cpuAfter !== null ? Number(cpuAfter - cpuBefore) : null;
    return { result, latencyUs, cpuNs, wallNs };
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        headers: target.headers ?? {},
        connections: settings.connections,
        pipelining: settings.pipelining,
        duration: durationS,
        timeout: 10,
      },
      (err: unknown, result: autocannon.Result) => (err ? reject(err) : resolve(finish(result))),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300)
        latencyUs.record(Math.max(1, Math.round(responseTimeMs * 1000)));
    });
  });
}

/** Nanoseconds the process's main thread has run on a CPU (Linux schedstat), or null. */
function mainThreadCpuNs(pid: number | undefined): bigint | null {
  if (pid === undefined) return null;
  try {
    return BigInt(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]!);
  } catch {
    return null;
  }
}

function summarise(target: Target, { result: r, latencyUs, cpuNs, wallNs }: Run): Measurement {
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  const ms = (percentile: number) => (latencyUs.count > 0 ? latencyUs.percentile(percentile) / 1000 : NaN);
  return {
    target,
    rps: r.requests.average,
    p50: ms(50),
    p99: ms(99),
    requests: r.requests.total,
    non2xx: r.non2xx,
    statusCodes,
    errors: r.errors,
    timeouts: r.timeouts,
    serverCpuUsPerRequest: cpuNs !== null && r.requests.total > 0 ? cpuNs / 1_000 / r.requests.total : null,
    serverBusy: cpuNs !== null ? cpuNs / wallNs : null,
  };
}

/** Problems that make a measurement worthless: anything but 2xx, connection errors, no traffic. */
export function problemsOf(m: Measurement): string[] {
  const problems: string[] = [];
  if (m.non2xx > 0) {
    const codes = Object.entries(m.statusCodes)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, n]) => `${n}×${code}`)
      .join(', ');
    problems.push(`${m.non2xx} non-2xx responses (${codes})`);
  }
  if (m.errors > 0) problems.push(`${m.errors} connection errors (${m.timeouts} timeouts)`);
  if (m.requests === 0) problems.push('no request completed');
  return problems.map((p) => `${m.target.name}: ${p}`);
}

/**
 * Warms the target up, then measures it. Throws if the warm-up already shows errors: measuring a
 * target that answers 401 or 500 would only produce a flattering number.
 */
export async function measure(target: Target, settings: LoadSettings): Promise<Measurement> {
  if (settings.warmupS > 0) {
    const warm = summarise(target, await run(target, settings, settings.warmupS));
    const problems = problemsOf(warm);
    if (problems.length > 0) throw new Error(`during warm-up: ${problems.join('; ')}`);
  }
  return summarise(target, await run(target, settings, settings.durationS));
}
