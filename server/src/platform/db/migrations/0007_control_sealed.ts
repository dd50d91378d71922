import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/**
 * What communication control caught is kept sealed (encrypted with the field cipher) from now on:
 * the text of every policy match (`control_events.content`), held messages (`held_messages.body`
 * and `delivered_body`) and the original of a message delivered redacted (`message_revisions` of
 * kind `redact`). Each of these tables gets a `sealed` flag; rows written before are 0 (plaintext).
 * Encrypting them needs the secret key, which migrations do not have: the server seals them at
 * start-up (`ReviewService.sealStored`, `MessagesService.sealStored`), and reads both meanwhile.
 * The small partial indexes find what is left to seal; they are empty once it is done.
 *
 * The live events of held messages carried the whole held message, text included; they now carry
 * its id (the sender's client fetches it). Rewriting the logged ones needs no key: done here.
 */
export async function up(db: Kysely<unknown>, _d: SqlDialect): Promise<void> {
  for (const table of ['control_events', 'held_messages', 'message_revisions']) {
    await db.schema
      .alterTable(table)
      .addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.schema
    .createIndex('control_events_unsealed_idx')
    .on('control_events')
    .column('id')
    .where(sql<boolean>`sealed = 0`)
    .execute();
  await db.schema
    .createIndex('held_messages_unsealed_idx')
    .on('held_messages')
    .column('id')
    .where(sql<boolean>`sealed = 0`)
    .execute();
  await db.schema
    .createIndex('message_revisions_unsealed_idx')
    .on('message_revisions')
    .column('id')
    .where(sql<boolean>`sealed = 0 and kind = 'redact'`)
    .execute();
  await rewriteHeldEvents(db);
}

/**
 * Logged `held.updated` events as they are written now: `{ type, channelId, heldId }`, without the
 * held message itself. Exported for the test that proves an upgraded log is rewritten.
 */
export async function rewriteHeldEvents(db: Kysely<unknown>): Promise<number> {
  const k = db as unknown as Kysely<{ events: { seq: number; type: string; payload: string } }>;
  const rows = await k
    .selectFrom('events')
    .select(['seq', 'payload'])
    .where('type', '=', 'held.updated')
    .execute();
  let rewritten = 0;
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as { channelId?: string; held?: { id?: string } };
    if (!payload.held) continue;
    const slim = { type: 'held.updated', channelId: payload.channelId, heldId: payload.held.id };
    await k
      .updateTable('events')
      .set({ payload: JSON.stringify(slim) })
      .where('seq', '=', row.seq)
      .execute();
    rewritten++;
  }
  return rewritten;
}
