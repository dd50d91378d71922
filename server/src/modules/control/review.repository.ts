import type { ControlEventQuery } from '@liaison/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { SEALED, UNSEALED } from '../../platform/crypto/sealed.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { ControlEventsTable, HeldMessagesTable } from './control.tables.ts';

/** Sender, reviewer, channel and counterparty are asked of their modules (control-directory.ts). */
export type ControlEventRow = Selectable<ControlEventsTable>;
export type HeldRow = Selectable<HeldMessagesTable>;

export async function insertEvent(db: Executor, row: Insertable<ControlEventsTable>): Promise<void> {
  await db.insertInto('control_events').values(row).execute();
}

export async function updateEvent(
  db: Executor,
  id: string,
  patch: Updateable<ControlEventsTable>,
): Promise<void> {
  await db.updateTable('control_events').set(patch).where('id', '=', id).execute();
}

/** Moves an event on from the status it was read in; false when someone else moved it first. */
export async function claimEvent(
  db: Executor,
  id: string,
  from: ControlEventsTable['status'],
  patch: Updateable<ControlEventsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('control_events')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function eventsQuery(db: Executor) {
  return db.selectFrom('control_events as e').selectAll('e');
}

export function findEvent(db: Executor, id: string): Promise<ControlEventRow | undefined> {
  return eventsQuery(db).where('e.id', '=', id).executeTakeFirst();
}

export async function events(
  db: Executor,
  q: ControlEventQuery,
): Promise<{ rows: ControlEventRow[]; total: number }> {
  let query = eventsQuery(db);
  if (q.status === 'todo') query = query.where('e.status', 'in', ['pending', 'open']);
  else if (q.status) query = query.where('e.status', '=', q.status);
  if (q.action) query = query.where('e.action', '=', q.action);
  if (q.senderId) query = query.where('e.sender_id', '=', q.senderId);
  if (q.channelId) query = query.where('e.channel_id', '=', q.channelId);
  if (q.from) query = query.where('e.at', '>=', q.from);
  if (q.to) query = query.where('e.at', '<', q.to);
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    // Held messages first: someone is waiting for them.
    .orderBy((eb) => eb.case().when('e.status', '=', 'pending').then(0).else(1).end())
    .orderBy('e.at', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

export async function insertHeld(db: Executor, row: Insertable<HeldMessagesTable>): Promise<void> {
  await db.insertInto('held_messages').values(row).execute();
}

export async function updateHeld(
  db: Executor,
  id: string,
  patch: Updateable<HeldMessagesTable>,
): Promise<void> {
  await db.updateTable('held_messages').set(patch).where('id', '=', id).execute();
}

export function findHeld(db: Executor, id: string): Promise<HeldRow | undefined> {
  return db.selectFrom('held_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function heldByEvent(db: Executor, eventId: string): Promise<HeldRow | undefined> {
  return db
    .selectFrom('held_messages')
    .selectAll()
    .where('control_event_id', '=', eventId)
    .executeTakeFirst();
}

export function heldByClientId(
  db: Executor,
  authorId: string,
  clientId: string,
): Promise<HeldRow | undefined> {
  return db
    .selectFrom('held_messages')
    .selectAll()
    .where('author_id', '=', authorId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/**
 * A sender's messages in a channel still held, or decided since `since` (so a rejection is seen):
 * the latest 100, oldest first.
 */
export async function heldOf(
  db: Executor,
  channelId: string,
  authorId: string,
  since: string,
): Promise<HeldRow[]> {
  const rows = await db
    .selectFrom('held_messages')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('author_id', '=', authorId)
    .where((eb) => eb.or([eb('status', '=', 'held'), eb('decided_at', '>=', since)]))
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.reverse();
}

// Sealing what was stored in plaintext before (see platform/crypto/sealed.ts).

/** Up to `limit` events whose content is still plaintext (the partial index finds them). */
export function unsealedEvents(db: Executor, limit: number): Promise<{ id: string; content: string }[]> {
  return db
    .selectFrom('control_events')
    .select(['id', 'content'])
    .where('sealed', '=', UNSEALED)
    .limit(limit)
    .execute();
}

/** Stores the sealed content, unless another node sealed the row first. */
export async function sealEvent(db: Executor, id: string, content: string): Promise<void> {
  await db
    .updateTable('control_events')
    .set({ content, sealed: SEALED })
    .where('id', '=', id)
    .where('sealed', '=', UNSEALED)
    .execute();
}

export function unsealedHeld(
  db: Executor,
  limit: number,
): Promise<{ id: string; body: string; delivered_body: string | null }[]> {
  return db
    .selectFrom('held_messages')
    .select(['id', 'body', 'delivered_body'])
    .where('sealed', '=', UNSEALED)
    .limit(limit)
    .execute();
}

export async function sealHeld(
  db: Executor,
  id: string,
  sealed: { body: string; delivered_body: string | null },
): Promise<void> {
  await db
    .updateTable('held_messages')
    .set({ ...sealed, sealed: SEALED })
    .where('id', '=', id)
    .where('sealed', '=', UNSEALED)
    .execute();
}
