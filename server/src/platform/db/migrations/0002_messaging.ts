import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/** Counterparties, channels and messages, the event log, background jobs, retention and archives. */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  const { id, timestamp, json, bigint } = d.types;

  await db.schema
    .createTable('counterparties')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('counterparty_id', id, (c) => c.references('counterparties.id'))
    .execute();
  await db.schema.createIndex('users_counterparty_idx').on('users').column('counterparty_id').execute();

  // Which default permissions of a built-in role were already handed out, so a permission added to
  // a built-in role in a later release reaches existing installations once, and one an
  // administrator removed is not forced back.
  await db.schema.alterTable('roles').addColumn('defaults_applied', json).execute();

  await db.schema
    .createTable('channel_naming_rules')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('updated_by', id)
    .execute();

  await db.schema
    .createTable('channels')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('department', 'team', 'all_hands', 'direct', 'external')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('owner_id', id, (c) => c.references('users.id'))
    // A deleted team or department leaves its channels archived, not dangling (see archiveFor).
    .addColumn('department_id', id, (c) => c.references('departments.id').onDelete('set null'))
    .addColumn('team_id', id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('counterparty_id', id, (c) => c.references('counterparties.id'))
    // The sorted member ids of a direct conversation, so the same people get the same conversation.
    .addColumn('direct_key', 'text', (c) => c.unique())
    .addColumn('last_seq', bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', timestamp)
    .addColumn('archived_at', timestamp)
    .addColumn('created_by', id)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channels_department_idx').on('channels').column('department_id').execute();
  await db.schema.createIndex('channels_team_idx').on('channels').column('team_id').execute();

  await db.schema
    .createTable('channel_members')
    .addColumn('channel_id', id, (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_by', id)
    .addColumn('joined_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_members_pk', ['channel_id', 'user_id'])
    .execute();
  await db.schema.createIndex('channel_members_user_idx').on('channel_members').column('user_id').execute();

  await db.schema
    .createTable('channel_reads')
    .addColumn('channel_id', id, (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('last_read_seq', bigint, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_reads_pk', ['channel_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('uploader_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('channel_id', id, (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('message_id', id)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', bigint, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_message_idx').on('attachments').column('message_id').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('channel_id', id, (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('seq', bigint, (c) => c.notNull())
    .addColumn('author_id', id, (c) => c.references('users.id'))
    .addColumn('thread_root_id', id)
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mentions', json, (c) => c.notNull())
    .addColumn('mentions_channel', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reply_at', timestamp)
    .addColumn('edited_at', timestamp)
    .addColumn('deleted_at', timestamp)
    .addColumn('deleted_by', id)
    .addColumn('deleted_reason', 'text')
    .addColumn('pinned_at', timestamp)
    .addColumn('pinned_by', id)
    .addColumn('client_id', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('messages_channel_seq_uq', ['channel_id', 'seq'])
    .addUniqueConstraint('messages_author_client_uq', ['author_id', 'client_id'])
    .execute();
  await db.schema
    .createIndex('messages_thread_idx')
    .on('messages')
    .columns(['thread_root_id', 'seq'])
    .execute();
  await db.schema.createIndex('messages_created_idx').on('messages').columns(['created_at']).execute();
  await db.schema
    .createIndex('messages_author_idx')
    .on('messages')
    .columns(['author_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('message_revisions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('message_id', id, (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('reason', 'text')
    .addColumn('at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_revisions_message_idx')
    .on('message_revisions')
    .columns(['message_id', 'at'])
    .execute();

  await db.schema
    .createTable('message_mentions')
    .addColumn('message_id', id, (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('channel_id', id, (c) => c.notNull())
    .addColumn('user_id', id, (c) => c.notNull())
    .addColumn('seq', bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('message_mentions_pk', ['message_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('message_mentions_user_idx')
    .on('message_mentions')
    .columns(['user_id', 'channel_id', 'seq'])
    .execute();

  // Full-text search over segmented message text (see messages/message-search.ts): an FTS5 table
  // on SQLite, a tsvector column with a GIN index on PostgreSQL.
  if (d.kind === 'sqlite') {
    // An FTS5 row is found by its integer rowid only; this table gives each message one, so an
    // edit or deletion touches its own row instead of scanning the index. The filter columns
    // ride along unindexed, so a search filters and ranks inside FTS5 before touching messages.
    await db.schema
      .createTable('message_search_keys')
      .addColumn('key', 'integer', (c) => c.primaryKey())
      .addColumn('message_id', id, (c) => c.notNull().unique().references('messages.id').onDelete('cascade'))
      .execute();
    await sql`create virtual table message_fts using fts5(terms, channel_id unindexed, author_id unindexed, created_at unindexed, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
  } else {
    await sql`alter table messages add column search_vector tsvector`.execute(db);
    await sql`create index messages_search_idx on messages using gin (search_vector)`.execute(db);
  }

  await db.schema
    .createTable('events')
    .addColumn('seq', bigint, (c) => d.identity(c))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('channel_id', id)
    // For message events: which message, so an edit or deletion can rewrite what replays show.
    .addColumn('message_id', id)
    .addColumn('user_ids', json)
    .addColumn('payload', json, (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_created_idx').on('events').column('created_at').execute();
  await db.schema.createIndex('events_message_idx').on('events').column('message_id').execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', json, (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'running', 'done', 'dead')`),
    )
    .addColumn('run_at', timestamp, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', timestamp)
    // At most one unfinished job per key (e.g. one retention run per day).
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('finished_at', timestamp)
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', timestamp, (c) => c.notNull())
    .addColumn('last_run_at', timestamp)
    .execute();

  await db.schema
    .createTable('retention_policies')
    .addColumn('channel_kind', 'text', (c) => c.primaryKey())
    .addColumn('keep_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('updated_by', id)
    .execute();

  await db.schema
    .createTable('legal_holds')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('channel', 'user')`))
    .addColumn('target_id', id, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('released_at', timestamp)
    .addColumn('released_by', id)
    .execute();
  await db.schema
    .createIndex('legal_holds_target_idx')
    .on('legal_holds')
    .columns(['target_type', 'target_id'])
    .execute();

  await db.schema
    .createTable('message_archives')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('channel_id', id, (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('size', bigint, (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('message_archives_uq', ['channel_id', 'month', 'format'])
    .execute();
}
