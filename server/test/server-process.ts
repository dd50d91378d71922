import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real Liaison server as a child process, for tests that need a whole process (crash and
 * restart, two nodes on one database) and for benchmarks (so the load generator never shares an
 * event loop with what it measures). Every child started here is stopped, and its temporary data
 * directory removed, on normal return, on an exception and on Ctrl-C.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_MAIN = join(REPO_ROOT, 'server/src/main.ts');

/** The password of every demo account (the server's DEMO_PASSWORD); set explicitly for admin too. */
export const DEMO_PASSWORD = 'Liaison@2026';

export interface RunningProcess {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  pid: number;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and removes its temp files. */
  stop(): Promise<void>;
  /** Kills it at once, like a crash (SIGKILL); the data directory is kept for a restart. */
  crash(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Cleanup in all cases

export interface Tracked {
  child: ChildProcess;
  tempDir: string | null;
}
const tracked = new Set<Tracked>();
let hooksInstalled = false;

export function track(entry: Tracked): void {
  tracked.add(entry);
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Last resort when the parent ends without stopping its children (uncaught error, process.exit):
  // only synchronous work is possible here, so kill hard and remove the files.
  process.once('exit', () => {
    for (const t of tracked) killNow(t);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping child processes`);
      for (const t of tracked) killNow(t);
      process.exit(130);
    });
  }
}

function killNow(t: Tracked): void {
  if (t.child.exitCode === null && t.child.signalCode === null) t.child.kill('SIGKILL');
  if (t.tempDir) rmSync(t.tempDir, { recursive: true, force: true });
  tracked.delete(t);
}

export async function stopGracefully(t: Tracked, graceMs = 5_000): Promise<void> {
  const { child } = t;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  // Remove the data dir only after the process is gone: SQLite may still be writing WAL on exit.
  if (t.tempDir) rmSync(t.tempDir, { recursive: true, force: true });
  tracked.delete(t);
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A port that was free a moment ago (the server has no "listen on 0 and tell me" mode). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

/** Keeps the last lines a child printed, so a failure can show why without flooding the terminal. */
export function tail(child: ChildProcess, maxLines = 40): () => string {
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return () => lines.join('\n');
}

export function exitDescription(child: ChildProcess): string {
  return child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
}

// ---------------------------------------------------------------------------------------------
// The real server

export interface LiaisonOptions {
  /** Start with `--demo` (the demo company, about 30 users). Default true. */
  demo?: boolean;
  /** LOG_LEVEL for the server; request logging at `info` would dominate a benchmark. Default warn. */
  logLevel?: string;
  /** Extra environment (e.g. DATABASE_URL for a PostgreSQL benchmark). */
  env?: Record<string, string>;
  /** Another entry point than server/src/main.ts, e.g. a patched copy for an experiment. */
  entry?: string;
  /** How long to wait for /api/health (first start migrates and seeds: argon2 hashes). Default 90 s. */
  startTimeoutMs?: number;
  /** Use this data directory (and leave it in place afterwards) instead of a fresh temporary one. */
  dataDir?: string;
  /** A fixed port (for a restart at the same address); default a free one. */
  port?: number;
}

/**
 * Starts `server/src/main.ts` on a free port with a fresh temporary data directory and waits until
 * /api/health answers 200. The environment is the parent's minus any Liaison/database/Redis
 * settings, so a developer's shell cannot silently point the benchmark at another database.
 */
export async function startLiaison(options: LiaisonOptions = {}): Promise<RunningProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'liaison-process-'));
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('LIAISON_') && !['DATABASE_URL', 'REDIS_URL', 'PORT', 'HOST'].includes(key),
    ),
  );
  const env = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    LIAISON_DATA_DIR: dataDir,
    LIAISON_ADMIN_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: options.logLevel ?? 'warn',
    ...options.env,
  };
  const args = [options.entry ?? SERVER_MAIN, ...(options.demo === false ? [] : ['--demo'])];
  // process.execPath is the Node 24 that npm put on PATH for us, not the system's Node 20.
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const handle: Tracked = { child, tempDir: options.dataDir ? null : dataDir };
  track(handle);
  const output = tail(child);
  const url = `http://127.0.0.1:${port}`;

  try {
    await waitForHealth(url, child, options.startTimeoutMs ?? 90_000);
  } catch (err) {
    await stopGracefully(handle);
    throw new Error(`${(err as Error).message}\n--- server output (last lines) ---\n${output()}`);
  }
  return {
    url,
    pid: child.pid!,
    stop: () => stopGracefully(handle),
    crash: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
      tracked.delete(handle);
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited during start-up (${exitDescription(child)})`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s`);
}

// ---------------------------------------------------------------------------------------------
// Signing in

export interface Session {
  /** `liaison_session=…`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
}

export async function login(url: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { csrfToken?: string };
  if (res.status !== 200) throw new Error(`login as ${username}: HTTP ${res.status} ${JSON.stringify(body)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('liaison_session='));
  if (!cookie || !body.csrfToken) throw new Error(`login as ${username}: no session cookie or CSRF token`);
  return { cookie, csrfToken: body.csrfToken };
}

/** A personal API token (`lia_…`) for the signed-in user, for `Authorization: Bearer`. */
export async function createApiToken(url: string, session: Session, name = 'bench'): Promise<string> {
  const res = await fetch(`${url}/api/auth/tokens`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    },
    body: JSON.stringify({ name }),
  });
  const body = (await res.json()) as { secret?: string };
  if (res.status !== 201 || !body.secret) {
    throw new Error(`create API token: HTTP ${res.status} ${JSON.stringify(body)}`);
  }
  return body.secret;
}
