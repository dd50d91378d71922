import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/**
 * Information publishing and the approval engine it shares with later modules: approval templates
 * per subject type, approval requests with their resolved steps, approvers, carbon copies, actions
 * and delegations; announcement categories, announcements, their recipients (read receipts and
 * acknowledgements), revisions and files.
 */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  const { id, timestamp, json } = d.types;
  const seededAt = '2026-11-22T00:00:00.000Z';

  await db.schema
    .createTable('approval_templates')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('steps', json, (c) => c.notNull())
    .addColumn('cc', json, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('updated_by', id)
    .execute();
  await db
    .insertInto('approval_templates' as never)
    .values(
      DEFAULT_TEMPLATES.map((t, i) => ({
        id: `0193a000-0000-7000-8000-00000000000${i + 1}`,
        subject_type: t.subjectType,
        name: t.name,
        steps: JSON.stringify(t.steps),
        cc: JSON.stringify([]),
        version: 1,
        updated_at: seededAt,
        updated_by: null,
      })) as never,
    )
    .execute();

  await db.schema
    .createTable('approval_requests')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('template_id', id, (c) => c.notNull().references('approval_templates.id'))
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', id, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('requester_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('department_id', id, (c) => c.references('departments.id').onDelete('set null'))
    .addColumn('attributes', json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_step', 'integer')
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('finished_at', timestamp)
    .execute();
  await db.schema
    .createIndex('approval_requests_subject_idx')
    .on('approval_requests')
    .columns(['subject_type', 'subject_id'])
    .execute();
  await db.schema
    .createIndex('approval_requests_requester_idx')
    .on('approval_requests')
    .columns(['requester_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('approval_steps')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('request_id', id, (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('any', 'all')`))
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('approval_steps_request_idx')
    .on('approval_steps')
    .columns(['request_id', 'round', 'idx'])
    .execute();

  await db.schema
    .createTable('approval_assignees')
    .addColumn('step_id', id, (c) => c.notNull().references('approval_steps.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('on_behalf_of', id, (c) => c.references('users.id'))
    .addColumn('decision', 'text')
    .addColumn('decided_at', timestamp)
    .addPrimaryKeyConstraint('approval_assignees_pk', ['step_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('approval_assignees_user_idx')
    .on('approval_assignees')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('approval_cc')
    .addColumn('request_id', id, (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('approval_cc_pk', ['request_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('approval_actions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('request_id', id, (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('step_index', 'integer')
    .addColumn('actor_id', id, (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('approval_actions_request_idx')
    .on('approval_actions')
    .columns(['request_id', 'at'])
    .execute();
  await db.schema
    .createIndex('approval_actions_actor_idx')
    .on('approval_actions')
    .columns(['actor_id', 'at'])
    .execute();

  await db.schema
    .createTable('approval_delegations')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('delegate_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('starts_at', timestamp, (c) => c.notNull())
    .addColumn('ends_at', timestamp, (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('approval_delegations_user_idx')
    .on('approval_delegations')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('announcement_categories')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('requires_approval', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db
    .insertInto('announcement_categories' as never)
    .values(
      DEFAULT_CATEGORIES.map(([key, name, requiresApproval], i) => ({
        id: `0193a000-0000-7000-8000-00000000010${i + 1}`,
        key,
        name,
        requires_approval: requiresApproval ? 1 : 0,
        sort_order: (i + 1) * 10,
        created_at: seededAt,
        updated_at: seededAt,
      })) as never,
    )
    .execute();

  await db.schema
    .createTable('announcements')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('category_id', id, (c) => c.notNull().references('announcement_categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('publishing_department_id', id, (c) => c.notNull().references('departments.id'))
    .addColumn('owner_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('created_by', id, (c) => c.notNull().references('users.id'))
    .addColumn('effective_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp)
    .addColumn('pinned', 'integer', (c) => c.notNull())
    .addColumn('importance', 'text', (c) => c.notNull())
    .addColumn('requires_ack', 'integer', (c) => c.notNull())
    .addColumn('ack_deadline', timestamp)
    .addColumn('audience', json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approval_id', id)
    .addColumn('published_at', timestamp)
    // The deadline the on-time measure uses: the acknowledgement deadline, or a working day after publication.
    .addColumn('deadline_at', timestamp)
    // When the automatic reminder before the acknowledgement deadline went out.
    .addColumn('reminded_at', timestamp)
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('recipient_count', 'integer', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('announcements_status_idx')
    .on('announcements')
    .columns(['status', 'effective_at'])
    .execute();
  await db.schema
    .createIndex('announcements_published_idx')
    .on('announcements')
    .column('published_at')
    .execute();
  await db.schema.createIndex('announcements_owner_idx').on('announcements').column('owner_id').execute();

  // No foreign keys here: publication writes a row per recipient in one statement (100,000 for the
  // whole company) and PostgreSQL would check each key row by row; announcements and users are
  // never deleted (they are withdrawn and disabled), so no row can dangle.
  await db.schema
    .createTable('announcement_recipients')
    .addColumn('announcement_id', id, (c) => c.notNull())
    .addColumn('user_id', id, (c) => c.notNull())
    // The recipient's department when it reached them, for per-department statistics.
    .addColumn('department_id', id)
    .addColumn('delivered_at', timestamp, (c) => c.notNull())
    .addColumn('read_at', timestamp)
    .addColumn('acked_at', timestamp)
    .addPrimaryKeyConstraint('announcement_recipients_pk', ['announcement_id', 'user_id'])
    .execute();
  // Statistics group one announcement's rows by department, and the not-read list pages through
  // them in department order: both read this index alone.
  await db.schema
    .createIndex('announcement_recipients_stats_idx')
    .on('announcement_recipients')
    .columns(['announcement_id', 'department_id', 'user_id', 'read_at', 'acked_at'])
    .execute();
  await db.schema
    .createIndex('announcement_recipients_user_idx')
    .on('announcement_recipients')
    .columns(['user_id', 'announcement_id'])
    .execute();

  await db.schema
    .createTable('announcement_revisions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('announcement_id', id, (c) => c.notNull().references('announcements.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('editor_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('announcement_revisions_idx')
    .on('announcement_revisions')
    .columns(['announcement_id', 'revision'])
    .execute();

  await db.schema
    .createTable('announcement_files')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('announcement_id', id, (c) => c.references('announcements.id').onDelete('cascade'))
    .addColumn('uploader_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('announcement_files_idx')
    .on('announcement_files')
    .column('announcement_id')
    .execute();
}

const DEFAULT_CATEGORIES: [string, string, boolean][] = [
  ['general', '一般信息', false],
  ['notice', '通知', true],
  ['event', '重要事件', true],
  ['policy', '制度发布', true],
];

/** Department head, then the division leader above; senior leadership too for major matters. */
const DEFAULT_TEMPLATES = [
  {
    subjectType: 'announcement',
    name: '公告发布审批',
    steps: [
      {
        id: 'head',
        name: '部门负责人审批',
        approvers: [{ type: 'requester_head' }],
        mode: 'any',
        condition: null,
      },
      {
        id: 'division',
        name: '分管领导审批',
        approvers: [{ type: 'division_head' }],
        mode: 'any',
        condition: null,
      },
      {
        id: 'leadership',
        name: '高层领导审批',
        approvers: [{ type: 'senior_leadership' }],
        mode: 'any',
        condition: { attribute: 'importance', in: ['major'] },
      },
    ],
  },
  {
    subjectType: 'external_request',
    name: '外部沟通需求审批',
    steps: [
      {
        id: 'head',
        name: '部门负责人审批',
        approvers: [{ type: 'requester_head' }],
        mode: 'any',
        condition: null,
      },
      {
        id: 'leadership',
        name: '高层领导审批',
        approvers: [{ type: 'senior_leadership' }],
        mode: 'any',
        condition: { attribute: 'importance', in: ['major'] },
      },
    ],
  },
  {
    subjectType: 'press_release',
    name: '新闻稿审批',
    steps: [
      {
        id: 'head',
        name: '部门负责人审批',
        approvers: [{ type: 'requester_head' }],
        mode: 'any',
        condition: null,
      },
      {
        id: 'leadership',
        name: '高层领导审批',
        approvers: [{ type: 'senior_leadership' }],
        mode: 'any',
        condition: null,
      },
    ],
  },
  {
    subjectType: 'permission_change',
    name: '权限变更审批',
    steps: [
      {
        id: 'head',
        name: '部门负责人审批',
        approvers: [{ type: 'requester_head' }],
        mode: 'any',
        condition: null,
      },
      {
        id: 'admin',
        name: '系统管理员审批',
        approvers: [{ type: 'role', roleKey: 'system_admin', sameDepartment: false }],
        mode: 'any',
        condition: null,
      },
    ],
  },
  {
    subjectType: 'held_message',
    name: '暂扣消息审批',
    steps: [
      {
        id: 'compliance',
        name: '合规审核',
        approvers: [{ type: 'role', roleKey: 'compliance_officer', sameDepartment: false }],
        mode: 'any',
        condition: null,
      },
    ],
  },
];
