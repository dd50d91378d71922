import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  exitDescription,
  type RunningProcess,
  stopGracefully,
  type Tracked,
  tail,
  track,
} from '../../server/test/server-process.ts';

const BARE_FASTIFY = fileURLToPath(new URL('./bare-fastify.ts', import.meta.url));

/**
 * Starts `bare-fastify.ts`: one GET route (`/bare`) answering `body` as JSON, nothing else. The
 * child picks its own port and reports it over IPC, so there is no port race.
 */
export async function startBareFastify(body: unknown, startTimeoutMs = 30_000): Promise<RunningProcess> {
  const child = fork(BARE_FASTIFY, [], {
    env: { ...process.env, BARE_FASTIFY_BODY: JSON.stringify(body) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const handle: Tracked = { child, tempDir: null };
  track(handle);
  const output = tail(child);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bare Fastify did not start in time')), startTimeoutMs);
      child.once('message', (message: { port?: number }) => {
        clearTimeout(timer);
        if (typeof message.port === 'number') resolve(message.port);
        else reject(new Error(`unexpected message from bare Fastify: ${JSON.stringify(message)}`));
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`bare Fastify exited during start-up (${exitDescription(child)})`));
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
