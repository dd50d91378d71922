import WebSocket from 'ws';
import type { As } from './app.ts';

export interface Frame {
  type: string;
  seq?: number;
  lastSeq?: number;
  event?: { type: string; channelId?: string; message?: { id: string; body: string; seq: number } };
}

/** A WebSocket client that records every frame and lets a test wait for the one it expects. */
export class TestSocket {
  readonly frames: Frame[] = [];
  readonly socket: WebSocket;
  closed: { code: number; reason: string } | null = null;
  readonly #waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];

  constructor(url: string, as: As, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (as?.kind === 'session') h.cookie = `liaison_session=${as.token}`;
    if (as?.kind === 'token') h.authorization = `Bearer ${as.secret}`;
    this.socket = new WebSocket(url, { headers: h });
    this.socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      for (const w of [...this.#waiters]) {
        if (w.test(frame)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    this.socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.readyState === WebSocket.OPEN) return resolve();
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame (already received or coming) that passes the test. */
  waitFor(test: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({
        test,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.socket.once('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  /** Messages bodies received as message.created events, in order. */
  bodies(): string[] {
    return this.frames
      .filter((f) => f.type === 'event' && f.event?.type === 'message.created')
      .map((f) => f.event!.message!.body);
  }

  close(): void {
    this.socket.close();
  }
}

/** Connects and resumes from `lastSeq`, resolving once the server says it is caught up. */
export async function connect(baseUrl: string, as: As, lastSeq = 0): Promise<TestSocket> {
  const socket = new TestSocket(`${baseUrl.replace(/^http/, 'ws')}/api/ws`, as);
  await socket.opened();
  socket.send({ type: 'resume', lastSeq });
  await socket.waitFor((f) => f.type === 'ready');
  return socket;
}
