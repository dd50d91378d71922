import type { EventLog, StoredEvent } from './event-log.ts';

export interface PumpOptions {
  /** Safety net when a bus hint is lost: read the log at least this often. */
  pollMs?: number;
  /**
   * How long to wait for a missing seq before skipping it. Appends are serialised (see
   * EventLog.append), so a gap is a rolled-back transaction; the short wait is a safety margin.
   */
  gapWaitMs?: number;
  batch?: number;
}

/**
 * Reads the event log in order and hands each new event to this node's listeners exactly once,
 * whether the hint came from this node, from another node over Redis, or from the periodic poll.
 */
export class EventPump {
  readonly #log: EventLog;
  readonly #listeners = new Set<(events: StoredEvent[]) => void>();
  readonly #gapListeners = new Set<() => void>();
  readonly #pollMs: number;
  readonly #gapWaitMs: number;
  readonly #batch: number;
  #lastSeq = 0;
  #gapSince: number | null = null;
  #running = false;
  #dirty = false;
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;
  #draining: Promise<void> | null = null;

  constructor(log: EventLog, options: PumpOptions = {}) {
    this.#log = log;
    this.#pollMs = options.pollMs ?? 1000;
    this.#gapWaitMs = options.gapWaitMs ?? 250;
    this.#batch = options.batch ?? 1000;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  onEvents(listener: (events: StoredEvent[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Told when a gap is skipped: whatever it held (a membership change, say) was never seen here. */
  onGap(listener: () => void): () => void {
    this.#gapListeners.add(listener);
    return () => this.#gapListeners.delete(listener);
  }

  /** Starts from the current end of the log: earlier events are history, served by catch-up. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#lastSeq = await this.#log.latestSeq();
    this.#unsubscribe = this.#log.bus.subscribe(() => this.kick());
    this.#timer = setInterval(() => this.kick(), this.#pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    if (this.#timer) clearInterval(this.#timer);
    await this.#draining;
  }

  /** Asks for a read soon; reads already under way absorb the request (hints are coalesced). */
  kick(): void {
    if (!this.#running) return;
    if (this.#draining) {
      this.#dirty = true;
      return;
    }
    this.#draining = this.#drain().finally(() => {
      this.#draining = null;
      if (this.#dirty) {
        this.#dirty = false;
        this.kick();
      }
    });
  }

  /** Reads until caught up (for tests and shutdown). */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
    await this.#drain();
  }

  async #drain(): Promise<void> {
    for (;;) {
      let events: StoredEvent[];
      try {
        events = await this.#log.since(this.#lastSeq, this.#batch);
      } catch {
        return; // the database is away; the next poll tries again
      }
      const accepted: StoredEvent[] = [];
      for (const event of events) {
        if (event.seq !== this.#lastSeq + 1) {
          const now = Date.now();
          this.#gapSince ??= now;
          if (now - this.#gapSince < this.#gapWaitMs) break;
          for (const listener of this.#gapListeners) listener();
        }
        this.#gapSince = null;
        this.#lastSeq = event.seq;
        accepted.push(event);
      }
      if (accepted.length > 0) {
        for (const listener of this.#listeners) {
          try {
            listener(accepted);
          } catch {
            // One listener's failure must not stop delivery to the others.
          }
        }
      }
      if (accepted.length < events.length) {
        // Waiting on a gap: look again shortly rather than at the next poll.
        setTimeout(() => this.kick(), 25).unref();
        return;
      }
      if (events.length < this.#batch) return;
    }
  }
}
