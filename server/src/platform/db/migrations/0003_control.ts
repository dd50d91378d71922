import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/**
 * Communication control: custom detectors and policies, the record of every policy match (the
 * review queue), messages held for review, the record of external communication and anomaly alerts.
 */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  const { id, timestamp, json } = d.types;

  // A redacted message was delivered masked; its original is kept as a 'redact' revision.
  await db.schema
    .alterTable('messages')
    .addColumn('redacted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('control_detectors')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('keywords', 'regex', 'label')`))
    .addColumn('terms', json, (c) => c.notNull())
    .addColumn('pattern', 'text')
    .addColumn('case_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('updated_by', id)
    .execute();

  await db.schema
    .createTable('control_policies')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('enforce', 'test')`))
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('scope', json, (c) => c.notNull())
    .addColumn('rules', json, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('updated_by', id)
    .execute();

  await db.schema
    .createTable('control_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('at', timestamp, (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('sender_id', id, (c) => c.references('users.id'))
    .addColumn('channel_id', id, (c) => c.references('channels.id').onDelete('set null'))
    .addColumn('counterparty_id', id, (c) => c.references('counterparties.id').onDelete('set null'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('matches', json, (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('highlights', json, (c) => c.notNull())
    .addColumn('attachment_ids', json, (c) => c.notNull())
    .addColumn('justification', 'text')
    // No foreign key: a held message's id is its message's id before that message exists.
    .addColumn('message_id', id)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', id)
    .addColumn('reviewed_at', timestamp)
    .addColumn('review_comment', 'text')
    .execute();
  await db.schema
    .createIndex('control_events_status_idx')
    .on('control_events')
    .columns(['status', 'at'])
    .execute();
  await db.schema.createIndex('control_events_at_idx').on('control_events').column('at').execute();
  await db.schema
    .createIndex('control_events_sender_idx')
    .on('control_events')
    .columns(['sender_id', 'at'])
    .execute();

  await db.schema
    .createTable('held_messages')
    // The id the message gets once approved.
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('channel_id', id, (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('author_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('thread_root_id', id)
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('delivered_body', 'text')
    .addColumn('attachment_ids', json, (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('rules', json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('held', 'approved', 'rejected')`))
    .addColumn('control_event_id', id, (c) => c.notNull().references('control_events.id'))
    .addColumn('review_comment', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('decided_at', timestamp)
    .addUniqueConstraint('held_messages_author_client_uq', ['author_id', 'client_id'])
    .execute();
  await db.schema
    .createIndex('held_messages_event_idx')
    .on('held_messages')
    .column('control_event_id')
    .execute();
  await db.schema
    .createIndex('held_messages_channel_idx')
    .on('held_messages')
    .columns(['channel_id', 'author_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('external_records')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', timestamp, (c) => c.notNull())
    .addColumn('person_id', id, (c) => c.references('users.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('counterparty_id', id, (c) => c.references('counterparties.id').onDelete('set null'))
    .addColumn('channel_id', id, (c) => c.references('channels.id').onDelete('set null'))
    .addColumn('message_id', id)
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('attachment_count', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('control_event_id', id, (c) => c.references('control_events.id'))
    .execute();
  await db.schema
    .createIndex('external_records_at_idx')
    .on('external_records')
    .column('occurred_at')
    .execute();
  await db.schema
    .createIndex('external_records_person_idx')
    .on('external_records')
    .columns(['person_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('external_records_counterparty_idx')
    .on('external_records')
    .columns(['counterparty_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('anomaly_alerts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('window_start', timestamp, (c) => c.notNull())
    .addColumn('window_end', timestamp, (c) => c.notNull())
    .addColumn('observed', 'real', (c) => c.notNull())
    .addColumn('baseline', 'real', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', id)
    .addColumn('acknowledged_at', timestamp)
    .addColumn('comment', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    // Two sweeps of the same instant (a retried job) raise one alert.
    .addUniqueConstraint('anomaly_alerts_window_uq', ['user_id', 'kind', 'window_start'])
    .execute();
  await db.schema
    .createIndex('anomaly_alerts_user_idx')
    .on('anomaly_alerts')
    .columns(['user_id', 'kind', 'window_end'])
    .execute();
  await db.schema
    .createIndex('anomaly_alerts_status_idx')
    .on('anomaly_alerts')
    .columns(['status', 'created_at'])
    .execute();
}
