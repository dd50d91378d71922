import { randomUUID } from 'node:crypto';
import { type Message, RealtimeEvent } from '@liaison/contracts';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { SqlDialect } from '../db/dialect.ts';
import { prepared } from '../db/prepared.ts';
import type { DB, Executor } from '../db/schema.ts';
import type { EventBus } from './bus.ts';
import type { EventsTable } from './events.tables.ts';

/** Events nodes tell each other and never send to a client. */
export type InternalEvent =
  | { type: 'org.changed' }
  | {
      type: 'session.ended';
      userId: string;
      sessionIds?: readonly string[] | 'all';
      tokenIds?: readonly string[] | 'all';
      keepSessionId?: string;
    };
export const INTERNAL_EVENT_TYPES: ReadonlySet<string> = new Set(['org.changed', 'session.ended']);

/** What the log holds: an event of the clients' contract (`RealtimeEvent`) or an internal one. */
export type EventPayload = RealtimeEvent | InternalEvent;

export interface NewEvent {
  /** The message a message event is about (see rewriteMessage). */
  messageId?: string | null;
  /** Delivered to the channel's readers… */
  channelId?: string | null;
  /** …or to these users (or to nobody outside the server, for internal events). */
  userIds?: readonly string[] | null;
  /** Its `type` is the event's type; the compiler holds every payload to the contract. */
  payload: EventPayload;
}

export interface StoredEvent {
  seq: number;
  type: EventPayload['type'];
  channelId: string | null;
  userIds: string[] | null;
  payload: EventPayload;
  createdAt: string;
}

/**
 * An organisation change that can alter who belongs to which channel (a department moved, a
 * team's members changed, someone changed department or left). With users, they are told to
 * refresh their channel list; every node drops its cached channel audiences either way.
 */
export function membershipChanged(userIds?: readonly string[]): NewEvent {
  if (!userIds) return { payload: { type: 'org.changed' } };
  return { userIds, payload: { type: 'membership.changed', channelId: null } };
}

/**
 * Credentials stopped working (sign-out, revocation, password change, a disabled account): every
 * node closes the live connections that used them. Internal, never sent to clients.
 */
export function credentialsEnded(
  userId: string,
  ended: {
    sessionIds?: readonly string[] | 'all';
    tokenIds?: readonly string[] | 'all';
    keepSessionId?: string;
  },
): NewEvent {
  return { userIds: [userId], payload: { type: 'session.ended', userId, ...ended } };
}

// Every change with a live event runs this: prepared once (see platform/db/prepared.ts).
const insertEvent = prepared((db, p: Omit<Selectable<EventsTable>, 'seq'>) =>
  db.insertInto('events').values({
    type: p.type,
    channel_id: p.channel_id,
    message_id: p.message_id,
    user_ids: p.user_ids,
    payload: p.payload,
    created_at: p.created_at,
  }),
);

/**
 * The transactional event log behind live delivery. A change appends its events in its own
 * transaction (so an event exists exactly when the change does) and calls `committed()` after the
 * transaction, which hints every node — through the bus — to read the new events.
 */
export class EventLog {
  readonly #db: Kysely<DB>;
  readonly #dialect: SqlDialect;
  readonly #clock: Clock;
  readonly #bus: EventBus;
  readonly nodeId = randomUUID();

  readonly #validate: boolean;

  /**
   * `validate` parses every client event against the contract as it is appended (the test suite
   * turns it on, so any test that causes an event checks its shape; production trusts the types).
   */
  constructor(deps: {
    db: Kysely<DB>;
    dialect: SqlDialect;
    clock: Clock;
    bus: EventBus;
    validate?: boolean;
  }) {
    this.#validate = deps.validate ?? false;
    this.#db = deps.db;
    this.#dialect = deps.dialect;
    this.#clock = deps.clock;
    this.#bus = deps.bus;
  }

  get bus(): EventBus {
    return this.#bus;
  }

  /**
   * Appends events inside the caller's transaction. Appenders take the `event-log` lock first, so
   * they commit in the order their sequence numbers were given: a reader never sees seq n+1 while
   * seq n may still commit, and a gap can only be a rolled-back transaction. (SQLite's single
   * writer gives the same for free.) The lock is held only from here to the commit; the audit
   * chain head, if the transaction writes one, is locked after it.
   */
  async append(trx: Transaction<DB>, ...events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.#dialect.lockNamed(trx, 'event-log');
    const at = this.#clock.now().toISOString();
    for (const e of events) {
      if (this.#validate && !INTERNAL_EVENT_TYPES.has(e.payload.type)) RealtimeEvent.parse(e.payload);
      await insertEvent.execute(trx, {
        type: e.payload.type,
        channel_id: e.channelId ?? null,
        message_id: e.messageId ?? null,
        user_ids: e.userIds ? JSON.stringify(e.userIds) : null,
        payload: JSON.stringify(e.payload),
        created_at: at,
      });
    }
  }

  /**
   * Makes every logged event about a message carry its current version, in the transaction that
   * edits or deletes it: a client catching up later must not be replayed the text that was
   * corrected or removed (the original is kept for compliance in the message's history only).
   */
  async rewriteMessage(trx: Transaction<DB>, messageId: string, message: Message): Promise<void> {
    const rows = await trx
      .selectFrom('events')
      .select(['seq', 'payload'])
      .where('message_id', '=', messageId)
      .execute();
    for (const row of rows) {
      const payload = { ...(JSON.parse(row.payload) as Record<string, unknown>), message };
      await trx
        .updateTable('events')
        .set({ payload: JSON.stringify(payload) })
        .where('seq', '=', row.seq)
        .execute();
    }
  }

  /** Call after the transaction that appended events has committed. */
  committed(): void {
    this.#bus.publish({ seq: 0, from: this.nodeId });
  }

  async since(afterSeq: number, limit: number, db: Executor = this.#db): Promise<StoredEvent[]> {
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toStored);
  }

  async latestSeq(): Promise<number> {
    const r = await this.#db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return Number(r?.seq ?? 0);
  }

  async oldestSeq(): Promise<number> {
    const r = await this.#db
      .selectFrom('events')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .executeTakeFirst();
    return Number(r?.seq ?? 0);
  }

  /** Forgets events older than the cut-off; a client away longer is told to resync. */
  async prune(before: Date): Promise<number> {
    const r = await this.#db
      .deleteFrom('events')
      .where('created_at', '<', before.toISOString())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

function toStored(row: {
  seq: number;
  type: string;
  channel_id: string | null;
  user_ids: string | null;
  payload: string;
  created_at: string;
}): StoredEvent {
  return {
    seq: Number(row.seq),
    type: row.type as EventPayload['type'],
    channelId: row.channel_id,
    userIds: row.user_ids ? (JSON.parse(row.user_ids) as string[]) : null,
    payload: JSON.parse(row.payload) as EventPayload,
    createdAt: row.created_at,
  };
}
