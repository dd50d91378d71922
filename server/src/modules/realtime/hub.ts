import { ClientFrame, can, WS_CLOSE } from '@liaison/contracts';
import type { RawData, WebSocket } from 'ws';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  type EventLog,
  type EventPayload,
  INTERNAL_EVENT_TYPES,
  type StoredEvent,
} from '../../platform/events/event-log.ts';
import type { EventPump } from '../../platform/events/event-pump.ts';
import type { ChannelAudience } from './audience.ts';

/** Events the hub uses itself and never sends to clients. */
/**
 * Events every signed-in client gets: they carry only an id, and each client asks the API (which
 * checks access) whether the thing concerns it. Used where the audience is too large to list.
 */
const BROADCAST = new Set(['announcement.changed']);
/** A client further behind than this is disconnected; it reconnects and catches up from the database. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Live frames held for a client that has not finished resuming, before it is told to reconnect. */
const MAX_PENDING = 2000;
/** A client must say where to resume from this soon after connecting. */
const RESUME_DEADLINE_MS = 10_000;
/** Beyond this many events behind, replaying costs more than reloading: the client is told to resync. */
const MAX_REPLAY = 20_000;
const HEARTBEAT_MS = 25_000;
/** Every this many heartbeats, each connection's credentials and grants are checked again. */
const REVALIDATE_EVERY = 2;

/** Re-reads the connection's credentials: the actor now, or null when they no longer work. */
export type Revalidate = () => Promise<Actor | null>;

interface Connection {
  socket: WebSocket;
  actor: Actor;
  revalidate: Revalidate;
  /** Until the client has resumed and caught up, live frames wait here. */
  pending: { seq: number; frame: Frame }[] | null;
  caughtUpTo: number;
  alive: boolean;
  resuming: boolean;
  resumeTimer: NodeJS.Timeout | null;
}

export interface HubMetrics {
  connections: number;
  delivered: number;
}

/**
 * The live side of messaging on one node: holds the WebSocket connections, takes events from the
 * event pump in order, and sends each to the connected users allowed to see it. A client that
 * reconnects says which event it saw last and first gets what it missed from the event log.
 * Connections whose credentials end (sign-out, revocation, a disabled account) are closed.
 */
export class RealtimeHub {
  readonly #log: EventLog;
  readonly #pump: EventPump;
  readonly #audience: ChannelAudience;
  readonly #byUser = new Map<string, Set<Connection>>();
  readonly #queue: StoredEvent[][] = [];
  #processing: Promise<void> | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #beats = 0;
  #delivered = 0;

  constructor(deps: { log: EventLog; pump: EventPump; audience: ChannelAudience }) {
    this.#log = deps.log;
    this.#pump = deps.pump;
    this.#audience = deps.audience;
    this.#pump.onEvents((events) => this.#enqueue(events));
    // A skipped gap may have been a membership change: recompute every audience from the database.
    this.#pump.onGap(() => this.#audience.forget(null));
  }

  get metrics(): HubMetrics {
    let connections = 0;
    for (const set of this.#byUser.values()) connections += set.size;
    return { connections, delivered: this.#delivered };
  }

  start(): void {
    this.#heartbeat = setInterval(() => void this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Closes every connection with "going away"; clients reconnect to another node or later. */
  async stop(): Promise<void> {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    for (const c of this.#connections()) c.socket.close(WS_CLOSE.shuttingDown, 'server shutting down');
    await this.#processing;
  }

  attach(
    socket: WebSocket,
    actor: Actor,
    revalidate: Revalidate,
    early: readonly { data: RawData; isBinary: boolean }[] = [],
  ): void {
    // The client may have gone while we authenticated it.
    if (socket.readyState !== socket.OPEN) return;
    const connection: Connection = {
      socket,
      actor,
      revalidate,
      pending: [],
      caughtUpTo: 0,
      alive: true,
      resuming: false,
      resumeTimer: setTimeout(
        () => socket.close(WS_CLOSE.malformedFrame, 'send resume first'),
        RESUME_DEADLINE_MS,
      ),
    };
    connection.resumeTimer?.unref();
    this.#add(connection);

    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('close', () => this.#remove(connection));
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
      if (connection.resumeTimer) clearTimeout(connection.resumeTimer);
      void this.#resume(connection, frame.lastSeq).catch(() => socket.close(1011, 'catch-up failed'));
    };
    socket.on('message', onMessage);
    for (const frame of early) onMessage(frame.data, frame.isBinary);
  }

  #add(c: Connection): void {
    let set = this.#byUser.get(c.actor.userId);
    if (!set) {
      set = new Set();
      this.#byUser.set(c.actor.userId, set);
    }
    set.add(c);
  }

  #remove(c: Connection): void {
    if (c.resumeTimer) clearTimeout(c.resumeTimer);
    const set = this.#byUser.get(c.actor.userId);
    set?.delete(c);
    if (set?.size === 0) this.#byUser.delete(c.actor.userId);
  }

  *#connections(): Generator<Connection> {
    for (const set of this.#byUser.values()) yield* set;
  }

  /** Replays what the client missed, then releases the live frames held meanwhile. */
  async #resume(c: Connection, lastSeq: number): Promise<void> {
    let current = this.#pump.lastSeq;
    if (lastSeq > current) {
      // The client saw events this node has not read yet (it came from a faster node): catch up first.
      await this.#pump.flush();
      current = this.#pump.lastSeq;
    }
    let from = lastSeq;
    const oldest = await this.#log.oldestSeq();
    const pruned = oldest === 0 ? current > lastSeq : lastSeq < oldest - 1;
    if (lastSeq === 0 || lastSeq > current) {
      // A fresh client (or one from a restored database) starts from now; it loads state over REST.
      from = current;
    } else if (lastSeq < current && (pruned || current - lastSeq > MAX_REPLAY)) {
      send(c, JSON.stringify({ type: 'resync', lastSeq: current }));
      from = current;
    } else {
      while (from < current) {
        const batch = (await this.#log.since(from, 500)).filter((e) => e.seq <= current);
        for (const e of batch) {
          const frame = await this.#frameFor(e, c.actor.userId);
          if (frame) send(c, frame);
        }
        if (batch.length === 0) break;
        from = batch.at(-1)!.seq;
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
          try {
            this.#audience.forget(null);
            await this.#deliver(event);
          } catch {
            // The database is failing: rather than let clients silently miss this event, make
            // them reconnect; their resume replays it from the log once it is back.
            for (const c of this.#connections()) c.socket.close(1012, 'reconnect to catch up');
          }
        }
      }
    }
  }

  async #deliver(event: StoredEvent): Promise<void> {
    const payload = event.payload;
    if (payload.type === 'org.changed') this.#audience.forget(null);
    if (payload.type === 'membership.changed') this.#audience.forget(payload.channelId);
    if (payload.type === 'channel.updated') this.#audience.forget(event.channelId);
    if (payload.type === 'session.ended') this.#endSessions(payload);
    if (INTERNAL_EVENT_TYPES.has(payload.type) || this.#byUser.size === 0) return;

    // Encoded once for every recipient (ws would otherwise encode the string for each socket).
    const frame = Buffer.from(frameOf(event));
    const recipients = BROADCAST.has(event.type)
      ? new Set(this.#byUser.keys())
      : event.channelId
        ? new Set(await this.#audience.members(event.channelId))
        : new Set(event.userIds ?? []);
    if (event.channelId && event.userIds) for (const u of event.userIds) recipients.add(u);
    for (const userId of recipients) {
      const set = this.#byUser.get(userId);
      if (!set) continue;
      for (const c of set) {
        if (c.pending) {
          if (c.pending.length >= MAX_PENDING)
            c.socket.close(WS_CLOSE.tooSlow, 'resume took too long; reconnect');
          else c.pending.push({ seq: event.seq, frame });
        } else if (event.seq > c.caughtUpTo) {
          send(c, frame);
          this.#delivered += 1;
        }
      }
    }
  }

  /** Closes the connections that used credentials which have just stopped working. */
  #endSessions(payload: Extract<EventPayload, { type: 'session.ended' }>): void {
    const set = this.#byUser.get(payload.userId);
    if (!set) return;
    const sessions = payload.sessionIds;
    const tokens = payload.tokenIds;
    for (const c of set) {
      const auth = c.actor.auth;
      const ended =
        (auth.method === 'session' &&
          auth.sessionId !== payload.keepSessionId &&
          (sessions === 'all' || (sessions?.includes(auth.sessionId) ?? false))) ||
        (auth.method === 'token' && (tokens === 'all' || (tokens?.includes(auth.tokenId) ?? false)));
      if (ended) c.socket.close(WS_CLOSE.unauthenticated, 'signed out');
    }
  }

  /** The frame for one user during catch-up, or null when the event is not theirs to see. */
  async #frameFor(event: StoredEvent, userId: string): Promise<string | null> {
    if (INTERNAL_EVENT_TYPES.has(event.type)) return null;
    if (BROADCAST.has(event.type)) return frameOf(event);
    const inAudience = event.channelId
      ? (await this.#audience.members(event.channelId)).has(userId) ||
        (event.userIds?.includes(userId) ?? false)
      : (event.userIds?.includes(userId) ?? false);
    return inAudience ? frameOf(event) : null;
  }

  /**
   * Pings every connection (terminating ones that did not answer the last ping), drops sockets
   * that closed without telling us, and now and then checks that each connection's credentials
   * and grants still hold (sessions expire; roles change).
   */
  async #beat(): Promise<void> {
    this.#beats += 1;
    const revalidate = this.#beats % REVALIDATE_EVERY === 0;
    for (const c of [...this.#connections()]) {
      if (c.socket.readyState === c.socket.CLOSED) {
        this.#remove(c);
        continue;
      }
      if (!c.alive) {
        c.socket.terminate();
        this.#remove(c);
        continue;
      }
      c.alive = false;
      c.socket.ping();
      if (revalidate) {
        const actor = await c.revalidate().catch(() => c.actor);
        if (!actor || !can(actor.grants, 'message.use'))
          c.socket.close(WS_CLOSE.unauthenticated, 'signed out');
        else c.actor = actor;
      }
    }
  }
}

function frameOf(event: StoredEvent): string {
  return `{"type":"event","seq":${event.seq},"event":${JSON.stringify(event.payload)}}`;
}

/** A text frame, as a string or already encoded as UTF-8. */
type Frame = string | Buffer;

function send(c: Connection, frame: Frame): void {
  if (c.socket.readyState !== c.socket.OPEN) return;
  if (c.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    c.socket.close(WS_CLOSE.tooSlow, 'client too slow; reconnect to catch up');
    return;
  }
  c.socket.send(frame, { binary: false });
}

function parseFrame(text: string): ClientFrame | null {
  try {
    const parsed = ClientFrame.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
