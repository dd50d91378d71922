import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  exitDescription,
  type RunningProcess,
  stopGracefully,
  type Tracked,
  tail,
  track,
} from '../../../server/test/server-process.ts';
import type { BareSetup } from './bare-ws.ts';
import type { Command, Reply, Request } from './protocol.ts';

const CLIENT_WORKER = fileURLToPath(new URL('./client-worker.ts', import.meta.url));
const BARE_WS = fileURLToPath(new URL('./bare-ws.ts', import.meta.url));

/** A client process of the messaging benchmark, driven by request/reply over IPC. */
export class ClientProcess {
  readonly index: number;
  readonly #child: ChildProcess;
  readonly #handle: Tracked;
  readonly #output: () => string;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;

  constructor(index: number) {
    this.index = index;
    this.#child = fork(CLIENT_WORKER, [], {
      env: { ...process.env, BENCH_WORKER_INDEX: String(index) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.#handle = { child: this.#child, tempDir: null };
    track(this.#handle);
    this.#output = tail(this.#child);
    this.#child.on('message', (reply: Reply) => {
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(`client process ${index}: ${reply.error}`));
    });
    this.#child.once('exit', () => {
      for (const waiter of this.#pending.values()) {
        waiter.reject(
          new Error(
            `client process ${index} exited (${exitDescription(this.#child)})\n--- output ---\n${this.#output()}`,
          ),
        );
      }
      this.#pending.clear();
    });
  }

  get pid(): number {
    return this.#child.pid!;
  }

  request<T>(command: Command): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#child.send({ id, command } satisfies Request);
    });
  }

  stop(): Promise<void> {
    return stopGracefully(this.#handle, 2_000);
  }
}

/** Starts the bare `ws` ceiling (bare-ws.ts) with the benchmark's users and channels. */
export async function startBareWs(setup: BareSetup, startTimeoutMs = 30_000): Promise<RunningProcess> {
  const child = fork(BARE_WS, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const handle: Tracked = { child, tempDir: null };
  track(handle);
  const output = tail(child);
  try {
    child.send(setup);
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bare ws did not start in time')), startTimeoutMs);
      child.once('message', (message: { port?: number }) => {
        clearTimeout(timer);
        if (typeof message.port === 'number') resolve(message.port);
        else reject(new Error(`unexpected message from bare ws: ${JSON.stringify(message)}`));
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`bare ws exited during start-up (${exitDescription(child)})`));
      });
    });
    return {
      url: `http://127.0.0.1:${port}`,
      pid: child.pid!,
      stop: () => stopGracefully(handle),
      crash: () => stopGracefully(handle, 0),
    };
  } catch (err) {
    await stopGracefully(handle);
    throw new Error(`${(err as Error).message}\n--- output ---\n${output()}`);
  }
}
