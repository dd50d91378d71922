import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

/**
 * A hint that the event log has grown. Nodes never trust the bus for content: each reads the
 * events from the database, so a lost hint only delays delivery until the next poll.
 */
export interface BusMessage {
  /** The highest event seq the sender knows to be committed (0 when it does not know). */
  seq: number;
  /** Which node sent it (a node ignores its own echoes from Redis). */
  from: string;
}

export interface EventBus {
  readonly kind: 'in-process' | 'redis';
  publish(message: BusMessage): void;
  subscribe(handler: (message: BusMessage) => void): () => void;
  /** Whether the bus is connected (for health checks). */
  healthy(): boolean;
  close(): Promise<void>;
}

/** One node: hints go straight to this process's listeners. */
export class InProcessBus implements EventBus {
  readonly kind = 'in-process' as const;
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  publish(message: BusMessage): void {
    this.#emitter.emit('message', message);
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.#emitter.on('message', handler);
    return () => this.#emitter.off('message', handler);
  }

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}

const CHANNEL = 'liaison:events';

/**
 * Several nodes: hints travel over Redis pub/sub (one publisher and one subscriber connection,
 * since a subscribed Redis connection can do nothing else). Local listeners are told directly too,
 * so a node does not wait for its own round trip through Redis.
 */
export class RedisBus implements EventBus {
  readonly kind = 'redis' as const;
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #local = new InProcessBus();

  constructor(url: string) {
    // While Redis is away, hints are dropped rather than queued without bound: every node's pump
    // polls the log anyway. The subscriber queues its SUBSCRIBE until the first connection.
    this.#pub = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.#sub = new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true });
    // Connection errors are retried by ioredis; the pump's polling covers the gap meanwhile.
    this.#pub.on('error', () => {});
    this.#sub.on('error', () => {});
    void this.#sub.subscribe(CHANNEL);
    this.#sub.on('message', (_channel: string, raw: string) => {
      try {
        this.#local.publish(JSON.parse(raw) as BusMessage);
      } catch {
        // A malformed hint is ignored; the next poll reads the truth from the database.
      }
    });
  }

  publish(message: BusMessage): void {
    this.#local.publish(message);
    void this.#pub.publish(CHANNEL, JSON.stringify(message)).catch(() => {});
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    return this.#local.subscribe(handler);
  }

  healthy(): boolean {
    return this.#pub.status === 'ready' && this.#sub.status === 'ready';
  }

  /** Resolves once both connections are up (start-up waits for this so the first hints are not lost). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!this.healthy()) {
      if (Date.now() - started > timeoutMs) throw new Error('Redis did not become ready');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    await this.#local.close();
    this.#sub.disconnect();
    this.#pub.disconnect();
  }
}
