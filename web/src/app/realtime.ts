import type { RealtimeEvent, ServerFrame } from '@liaison/contracts';
import { WS_CLOSE } from '@liaison/contracts';

export type RealtimeStatus = 'connecting' | 'live' | 'offline' | 'refused';

export interface RealtimeHandlers {
  /** A new event, each seq once and in order. */
  onEvent: (event: RealtimeEvent, seq: number) => void;
  /** What happened while away cannot be replayed: reload state over REST. */
  onResync: () => void;
  onStatus: (status: RealtimeStatus) => void;
  /** The server says the session is gone (close 4401). */
  onUnauthenticated: () => void;
}

/** The subset of the browser WebSocket the client uses (a fake one in tests). */
export interface SocketLike {
  readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface RealtimeOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  pingMs?: number;
}

const OPEN = 1;
const PING_MS = 25_000;

/** Reconnect delay: 1 s, 2 s, 4 s … capped at 30 s, with up to 20 % jitter so clients spread out. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.2 * random()));
}

/** ws(s)://host/api/ws for the page's own origin (the session cookie authenticates it). */
export function realtimeUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
}

/**
 * The live connection: resumes from the last event seq it processed after every reconnect, so the
 * server replays what was missed, drops duplicates, pings to keep proxies from closing it, and
 * reconnects with exponential backoff. It never touches React or the query cache itself.
 */
export class RealtimeClient {
  readonly #options: Required<RealtimeOptions>;
  readonly #handlers: RealtimeHandlers;
  #socket: SocketLike | null = null;
  #lastSeq = 0;
  #attempt = 0;
  #connected = false;
  #everReady = false;
  #stopped = true;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #pingTimer: ReturnType<typeof setInterval> | null = null;

  constructor(options: RealtimeOptions, handlers: RealtimeHandlers) {
    this.#options = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      random: Math.random,
      pingMs: PING_MS,
      ...options,
    };
    this.#handlers = handlers;
  }

  /** The highest event seq processed (0 before the first `ready`). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  get connected(): boolean {
    return this.#connected;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    this.#clearTimers();
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'leaving');
    }
    this.#connected = false;
  }

  /** Tries now instead of waiting out the backoff (the browser came back online, the tab was shown). */
  reconnectNow(): void {
    if (this.#stopped || this.#socket) return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#connect();
  }

  #connect(): void {
    this.#handlers.onStatus('connecting');
    let socket: SocketLike;
    try {
      socket = this.#options.createSocket(this.#options.url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    // Resuming from 0 after state was already loaded would leave a gap: the server starts a fresh
    // client "from now". That happens when the very first connection failed; reload to be sure.
    const resumeFrom = this.#lastSeq;
    const gapPossible = resumeFrom === 0 && this.#attempt > 0;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'resume', lastSeq: resumeFrom }));
      this.#pingTimer = setInterval(() => {
        if (socket.readyState === OPEN) socket.send('{"type":"ping"}');
      }, this.#options.pingMs);
    };
    socket.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(message.data) as ServerFrame;
      } catch {
        return;
      }
      this.#receive(frame, { gapPossible, resumeFrom });
    };
    socket.onerror = () => {
      // Always followed by onclose, which decides what to do.
    };
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#connected = false;
      this.#clearTimers();
      if (this.#stopped) return;
      if (event.code === WS_CLOSE.unauthenticated) {
        this.#stopped = true;
        this.#handlers.onStatus('offline');
        this.#handlers.onUnauthenticated();
        return;
      }
      if (event.code === WS_CLOSE.forbiddenOrigin) {
        this.#stopped = true;
        this.#handlers.onStatus('refused');
        return;
      }
      this.#handlers.onStatus('offline');
      this.#scheduleRetry();
    };
  }

  #receive(frame: ServerFrame, context: { gapPossible: boolean; resumeFrom: number }): void {
    switch (frame.type) {
      case 'ready': {
        const wentBack = frame.lastSeq < context.resumeFrom;
        this.#lastSeq = frame.lastSeq;
        this.#attempt = 0;
        this.#connected = true;
        const wasReady = this.#everReady;
        this.#everReady = true;
        this.#handlers.onStatus('live');
        // A server whose log is behind what we saw (a restored database), or a first connection
        // after state was loaded without one: what we hold may be stale.
        if (wentBack || (context.gapPossible && !wasReady) || (wasReady && context.resumeFrom === 0))
          this.#handlers.onResync();
        return;
      }
      case 'event':
        if (frame.seq <= this.#lastSeq) return;
        this.#lastSeq = frame.seq;
        this.#handlers.onEvent(frame.event, frame.seq);
        return;
      case 'resync':
        this.#lastSeq = frame.lastSeq;
        this.#handlers.onResync();
        return;
      case 'pong':
        return;
    }
  }

  #scheduleRetry(): void {
    if (this.#stopped) return;
    const delay = backoffDelay(this.#attempt, this.#options.random);
    this.#attempt += 1;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#connect();
    }, delay);
  }

  #clearTimers(): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#pingTimer = null;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }
}
