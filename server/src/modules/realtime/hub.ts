import { ClientFrame, WS_CLOSE } from '@liaison/contracts';
import type { RawData, WebSocket } from 'ws';
import type { Actor } from '../../platform/auth/actor.ts';
import type { EventLog, StoredEvent } from '../../platform/events/event-log.ts';
import type { EventPump } from '../../platform/events/event-pump.ts';
import type { ChannelAudience } from './audience.ts';

/** Events the hub uses itself and never sends to clients. */
const INTERNAL = new Set(['org.changed']);
/** A client further behind than this is disconnected; it reconnects and catches up from the database. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 25_000;

interface Connection {
  socket: WebSocket;
  actor: Actor;
  /** Until the client has resumed and caught up, live frames wait here. */
  pending: { seq: number; frame: string }[] | null;
  caughtUpTo: number;
  alive: boolean;
  resuming: boolean;
}

export interface HubMetrics {
  connections: number;
  delivered: number;
}

/**
 * The live side of messaging on one node: holds the WebSocket connections, takes events from the
 * event pump in order, and sends each to the connected users allowed to see it. A client that
 * reconnects says which event it saw last and first gets what it missed from the event log.
 */
export class RealtimeHub {
  readonly #log: EventLog;
  readonly #pump: EventPump;
  readonly #audience: ChannelAudience;
  readonly #byUser = new Map<string, Set<Connection>>();
  readonly #queue: StoredEvent[][] = [];
  #processing: Promise<void> | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #delivered = 0;

  constructor(deps: { log: EventLog; pump: EventPump; audience: ChannelAudience }) {
    this.#log = deps.log;
    this.#pump = deps.pump;
    this.#audience = deps.audience;
    this.#pump.onEvents((events) => this.#enqueue(events));
  }

  get metrics(): HubMetrics {
    let connections = 0;
    for (const set of this.#byUser.values()) connections += set.size;
    return { connections, delivered: this.#delivered };
  }

  start(): void {
    this.#heartbeat = setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Closes every connection with "going away"; clients reconnect to another node or later. */
  async stop(): Promise<void> {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    for (const set of this.#byUser.values()) {
      for (const c of set) c.socket.close(WS_CLOSE.shuttingDown, 'server shutting down');
    }
    await this.#processing;
  }

  attach(socket: WebSocket, actor: Actor, early: readonly { data: RawData; isBinary: boolean }[] = []): void {
    const connection: Connection = {
      socket,
      actor,
      pending: [],
      caughtUpTo: 0,
      alive: true,
      resuming: false,
    };
    let set = this.#byUser.get(actor.userId);
    if (!set) {
      set = new Set();
      this.#byUser.set(actor.userId, set);
    }
    set.add(connection);

    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('close', () => {
      set.delete(connection);
      if (set.size === 0) this.#byUser.delete(actor.userId);
    });
    const onMessage = (data: RawData, isBinary: boolean) => {
      const frame = isBinary ? null : parseFrame(data.toString());
      if (!frame) {
        socket.close(WS_CLOSE.malformedFrame, 'malformed frame');
        return;
      }
      if (frame.type === 'ping') {
        send(connection, '{"type":"pong"}');
        return;
      }
      // Only the first resume counts; later ones are ignored.
      if (connection.pending === null || connection.resuming) return;
      connection.resuming = true;
      void this.#resume(connection, frame.lastSeq).catch(() => socket.close(1011, 'catch-up failed'));
    };
    socket.on('message', onMessage);
    for (const frame of early) onMessage(frame.data, frame.isBinary);
  }

  /** Replays what the client missed, then releases the live frames held meanwhile. */
  async #resume(c: Connection, lastSeq: number): Promise<void> {
    const current = this.#pump.lastSeq;
    let from = lastSeq;
    if (lastSeq === 0 || lastSeq > current) {
      // A fresh client (or one from a restored database) starts from now; it loads state over REST.
      from = current;
    } else if (lastSeq < (await this.#log.oldestSeq()) - 1) {
      send(c, JSON.stringify({ type: 'resync', lastSeq: current }));
      from = current;
    } else {
      while (from < current) {
        const batch = await this.#log.since(from, 500);
        const visible = batch.filter((e) => e.seq <= current);
        for (const e of visible) {
          const frame = await this.#frameFor(e, c.actor.userId);
          if (frame) send(c, frame);
        }
        if (visible.length === 0) break;
        from = visible.at(-1)!.seq;
      }
    }
    c.caughtUpTo = from;
    send(c, JSON.stringify({ type: 'ready', lastSeq: from }));
    const held = c.pending ?? [];
    c.pending = null;
    for (const p of held) if (p.seq > from) send(c, p.frame);
  }

  #enqueue(events: StoredEvent[]): void {
    this.#queue.push(events);
    if (!this.#processing) {
      this.#processing = this.#drain().finally(() => {
        this.#processing = null;
      });
    }
  }

  /** Events are handled strictly in order: a membership change takes effect before the next message. */
  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.shift()!;
      for (const event of batch) {
        try {
          await this.#deliver(event);
        } catch {
          // Delivery of one event failing (a database hiccup) must not stop the stream; clients
          // that missed it get it on their next resume.
        }
      }
    }
  }

  async #deliver(event: StoredEvent): Promise<void> {
    if (event.type === 'org.changed') this.#audience.forget(null);
    if (event.type === 'membership.changed')
      this.#audience.forget((event.payload.channelId as string | null) ?? null);
    if (event.type === 'channel.updated') this.#audience.forget(event.channelId);
    if (INTERNAL.has(event.type) || this.#byUser.size === 0) return;

    const frame = frameOf(event);
    const recipients = event.channelId
      ? await this.#audience.members(event.channelId)
      : new Set(event.userIds ?? []);
    if (event.channelId && event.userIds) for (const u of event.userIds) recipients.add(u);
    for (const userId of recipients) {
      const set = this.#byUser.get(userId);
      if (!set) continue;
      for (const c of set) {
        if (c.pending) c.pending.push({ seq: event.seq, frame });
        else if (event.seq > c.caughtUpTo) {
          send(c, frame);
          this.#delivered += 1;
        }
      }
    }
  }

  /** The frame for one user during catch-up, or null when the event is not theirs to see. */
  async #frameFor(event: StoredEvent, userId: string): Promise<string | null> {
    if (INTERNAL.has(event.type)) return null;
    const inAudience = event.channelId
      ? (await this.#audience.members(event.channelId)).has(userId) ||
        (event.userIds?.includes(userId) ?? false)
      : (event.userIds?.includes(userId) ?? false);
    return inAudience ? frameOf(event) : null;
  }

  #beat(): void {
    for (const set of this.#byUser.values()) {
      for (const c of set) {
        if (!c.alive) {
          c.socket.terminate();
          continue;
        }
        c.alive = false;
        c.socket.ping();
      }
    }
  }
}

function frameOf(event: StoredEvent): string {
  return `{"type":"event","seq":${event.seq},"event":${JSON.stringify(event.payload)}}`;
}

function send(c: Connection, frame: string): void {
  if (c.socket.readyState !== c.socket.OPEN) return;
  if (c.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    c.socket.close(WS_CLOSE.tooSlow, 'client too slow; reconnect to catch up');
    return;
  }
  c.socket.send(frame);
}

function parseFrame(text: string): ClientFrame | null {
  try {
    const parsed = ClientFrame.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
