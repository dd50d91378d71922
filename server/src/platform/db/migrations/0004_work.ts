import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/**
 * Work tracking and the shared pieces every clocked promise needs: organisation settings, the
 * business calendar's exceptions (with the mainland China schedule for 2026), tasks, cross-department
 * requests, and the notification center (notices, inboxes, preferences, webhooks and the outbox).
 */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  const { id, timestamp, json } = d.types;

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', json, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('updated_by', id)
    .execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  const seededAt = '2025-11-04T00:00:00.000Z';
  await db
    .insertInto('calendar_days' as never)
    .values(CHINA_2026.map(([date, kind, name]) => ({ date, kind, name, updated_at: seededAt })) as never)
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('assignee_id', id, (c) => c.references('users.id'))
    .addColumn('team_id', id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('department_id', id, (c) => c.references('departments.id').onDelete('set null'))
    .addColumn('creator_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('due_at', timestamp)
    .addColumn('checklist', json, (c) => c.notNull())
    .addColumn('next_step', 'text')
    .addColumn('source', json)
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    // The next reminder the sweep owes (due soon, then overdue); null when none is left.
    .addColumn('reminder_at', timestamp)
    .addColumn('reminder_stage', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('completed_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_assignee_idx').on('tasks').columns(['assignee_id', 'status']).execute();
  await db.schema.createIndex('tasks_team_idx').on('tasks').columns(['team_id', 'status']).execute();
  await db.schema
    .createIndex('tasks_creator_idx')
    .on('tasks')
    .columns(['creator_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('tasks_department_idx')
    .on('tasks')
    .columns(['department_id', 'status'])
    .execute();
  await db.schema.createIndex('tasks_due_idx').on('tasks').column('due_at').execute();
  // Partial: the reminder sweep reads only the few tasks that owe a reminder, however many exist.
  await db.schema
    .createIndex('tasks_reminder_idx')
    .on('tasks')
    .column('reminder_at')
    .where(sql.ref('reminder_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('task_collaborators')
    .addColumn('task_id', id, (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('task_collaborators_pk', ['task_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('task_collaborators_user_idx')
    .on('task_collaborators')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('task_replies')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('task_id', id, (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('author_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status_from', 'text')
    .addColumn('status_to', 'text')
    .addColumn('next_step', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_replies_task_idx')
    .on('task_replies')
    .columns(['task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('task_files')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('task_id', id, (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('reply_id', id, (c) => c.references('task_replies.id').onDelete('set null'))
    .addColumn('uploader_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_files_task_idx').on('task_files').column('task_id').execute();

  await db.schema
    .createTable('dept_requests')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('from_department_id', id, (c) => c.notNull().references('departments.id'))
    .addColumn('to_department_id', id, (c) => c.notNull().references('departments.id'))
    .addColumn('raised_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('handler_id', id, (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response_due_at', timestamp, (c) => c.notNull())
    .addColumn('first_responded_at', timestamp)
    .addColumn('responded_in_time', 'integer')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    // The next reminder or escalation the sweep owes; null when none is left.
    .addColumn('next_step_at', timestamp)
    .addColumn('next_step', 'text')
    .addColumn('wanted_by', timestamp)
    .addColumn('resolved_at', timestamp)
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dept_requests_to_idx')
    .on('dept_requests')
    .columns(['to_department_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('dept_requests_from_idx')
    .on('dept_requests')
    .columns(['from_department_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('dept_requests_step_idx')
    .on('dept_requests')
    .column('next_step_at')
    .where(sql.ref('next_step_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('request_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('request_id', id, (c) => c.notNull().references('dept_requests.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', id, (c) => c.references('users.id'))
    .addColumn('body', 'text')
    .addColumn('level', 'integer')
    .addColumn('target_id', id, (c) => c.references('users.id'))
    .addColumn('at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_events_request_idx')
    .on('request_events')
    .columns(['request_id', 'at'])
    .execute();

  // One notice is one thing that happened; it reaches each recipient's inbox and goes out once per
  // email address and webhook through the outbox (deliveries).
  await db.schema
    .createTable('notices')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', id)
    .addColumn('actor_id', id, (c) => c.references('users.id'))
    .addColumn('department_ids', json, (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_created_idx').on('notices').column('created_at').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('notice_id', id, (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('in_app', 'integer', (c) => c.notNull())
    .addColumn('read_at', timestamp)
    // Waiting for the recipient's daily digest email.
    .addColumn('digest_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notifications_unread_idx')
    .on('notifications')
    .column('user_id')
    .where((eb) => eb.and([eb(sql.ref('read_at'), 'is', null), eb(sql.ref('in_app'), '=', 1)]))
    .execute();
  await db.schema
    .createIndex('notifications_digest_idx')
    .on('notifications')
    .column('user_id')
    .where(sql.ref('digest_pending'), '=', 1)
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('in_app', 'integer', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email in ('instant', 'digest', 'off')`))
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('format', 'text', (c) =>
      c.notNull().check(sql`format in ('generic', 'wecom', 'dingtalk', 'feishu')`),
    )
    .addColumn('url', 'text', (c) => c.notNull())
    // Encrypted with the field cipher: it signs what we send, so it is a credential.
    .addColumn('secret', 'text')
    .addColumn('kinds', json, (c) => c.notNull())
    .addColumn('department_id', id, (c) => c.references('departments.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('updated_by', id)
    .execute();

  // The transactional outbox: written with the change that caused it, claimed by workers.
  await db.schema
    .createTable('deliveries')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('notice_id', id, (c) => c.references('notices.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'webhook')`))
    .addColumn('kind', 'text')
    .addColumn('recipient_id', id, (c) => c.references('users.id'))
    .addColumn('webhook_id', id, (c) => c.references('webhooks.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('payload', json, (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'dead')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', timestamp)
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', timestamp)
    .addColumn('last_error', 'text')
    .addColumn('sent_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deliveries_due_idx')
    .on('deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema.createIndex('deliveries_created_idx').on('deliveries').column('created_at').execute();
}

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): holidays (放假) and the adjusted working
 * weekend days (调休上班).
 */
export const CHINA_2026: [string, 'holiday' | 'workday', string][] = [
  ...range('2026-01-01', 3, '元旦'),
  ['2026-01-04', 'workday', '元旦调休上班'],
  ['2026-02-14', 'workday', '春节调休上班'],
  ...range('2026-02-15', 9, '春节'),
  ['2026-02-28', 'workday', '春节调休上班'],
  ...range('2026-04-04', 3, '清明节'),
  ...range('2026-05-01', 5, '劳动节'),
  ['2026-05-09', 'workday', '劳动节调休上班'],
  ...range('2026-06-19', 3, '端午节'),
  ['2026-09-20', 'workday', '国庆节调休上班'],
  ...range('2026-09-25', 3, '中秋节'),
  ...range('2026-10-01', 7, '国庆节'),
  ['2026-10-10', 'workday', '国庆节调休上班'],
];

function range(first: string, days: number, name: string): [string, 'holiday', string][] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => [
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    'holiday',
    name,
  ]);
}
