import type { TaskListQuery } from '@liaison/contracts';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { ResolvedScope } from '../../platform/auth/actor.ts';
import { likeContains, type SqlDialect } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { TasksTables } from './tasks.tables.ts';

type TasksTable = TasksTables['tasks'];
export type TaskRecord = Selectable<TasksTable>;
export type { ReminderStage } from './tasks.tables.ts';

/** The next task number; call inside the creating transaction, after taking the named lock. */
export async function nextNumber(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.max('number').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insert(db: Executor, row: Insertable<TasksTable>): Promise<void> {
  await db.insertInto('tasks').values(row).execute();
}

export async function update(db: Executor, id: string, patch: Updateable<TasksTable>): Promise<void> {
  await db.updateTable('tasks').set(patch).where('id', '=', id).execute();
}

export function findById(db: Executor, id: string): Promise<TaskRecord | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockById(db: Executor, dialect: SqlDialect, id: string) {
  return dialect.forUpdate(db.selectFrom('tasks').selectAll().where('id', '=', id)).executeTakeFirst();
}

/**
 * Which tasks a list may show: the caller's own involvement (the teams they belong to come as
 * ids), or a permission's data scope (its department subtree as ids).
 */
export type TaskAccess =
  | { kind: 'involved'; userId: string; teamIds: readonly string[] }
  | { kind: 'scope'; scope: ResolvedScope };

export async function list(
  db: Executor,
  access: TaskAccess,
  query: TaskListQuery & {
    creatorId?: string;
    teamIds?: readonly string[];
    departmentIds?: readonly string[];
  },
  now: string,
): Promise<{ rows: TaskRecord[]; total: number }> {
  let q = db.selectFrom('tasks').selectAll();
  if (access.kind === 'involved') {
    const me = access.userId;
    const teamIds = access.teamIds;
    q = q.where((eb) =>
      eb.or([
        eb('tasks.assignee_id', '=', me),
        ...(teamIds.length > 0 ? [eb('tasks.team_id', 'in', teamIds)] : []),
        eb('tasks.id', 'in', eb.selectFrom('task_collaborators').select('task_id').where('user_id', '=', me)),
      ]),
    );
  } else {
    const scope = access.scope;
    if (scope.kind === 'none') return { rows: [], total: 0 };
    if (scope.kind === 'department') {
      const { departmentIds, userId } = scope;
      q = q.where((eb) =>
        eb.or([
          ...(departmentIds.length > 0 ? [eb('tasks.department_id', 'in', departmentIds)] : []),
          eb('tasks.creator_id', '=', userId),
          eb('tasks.assignee_id', '=', userId),
        ]),
      );
    }
    if (scope.kind === 'own') {
      q = q.where((eb) =>
        eb.or([eb('tasks.creator_id', '=', scope.userId), eb('tasks.assignee_id', '=', scope.userId)]),
      );
    }
  }
  if (query.creatorId) q = q.where('tasks.creator_id', '=', query.creatorId);
  if (query.teamIds) {
    if (query.teamIds.length === 0) return { rows: [], total: 0 };
    q = q.where('tasks.team_id', 'in', query.teamIds);
  }
  if (query.departmentIds) {
    if (query.departmentIds.length === 0) return { rows: [], total: 0 };
    q = q.where('tasks.department_id', 'in', query.departmentIds);
  }
  if (query.assigneeId) q = q.where('tasks.assignee_id', '=', query.assigneeId);
  if (query.status?.length) q = q.where('tasks.status', 'in', query.status);
  if (query.priority?.length) q = q.where('tasks.priority', 'in', query.priority);
  if (query.overdue === 'true') {
    q = q.where('tasks.due_at', '<', now).where('tasks.status', 'in', ['todo', 'in_progress', 'blocked']);
  }
  if (query.q) q = q.where((eb) => likeContains(eb.ref('tasks.search_text'), query.q!.toLowerCase()));
  if (query.dueFrom) q = q.where('tasks.due_at', '>=', query.dueFrom);
  if (query.dueTo) q = q.where('tasks.due_at', '<', query.dueTo);

  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const dir = query.order;
  let ordered = q;
  switch (query.sort) {
    case 'due':
      // Tasks without a deadline last, whichever way.
      ordered = ordered
        .orderBy(sql`case when tasks.due_at is null then 1 else 0 end`)
        .orderBy('tasks.due_at', dir);
      break;
    case 'priority':
      ordered = ordered.orderBy(
        sql`case tasks.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`,
        dir,
      );
      break;
    case 'created':
      ordered = ordered.orderBy('tasks.created_at', dir);
      break;
    case 'updated':
      ordered = ordered.orderBy('tasks.updated_at', dir);
      break;
  }
  const rows = await ordered
    .orderBy('tasks.number', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Collaborator ids of many tasks at once. */
export async function collaborators(
  db: Executor,
  taskIds: readonly string[],
): Promise<{ task_id: string; user_id: string }[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('task_collaborators')
    .select(['task_id', 'user_id'])
    .where('task_id', 'in', taskIds)
    .execute();
}

export async function setCollaborators(
  db: Executor,
  taskId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('task_collaborators').where('task_id', '=', taskId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('task_collaborators')
    .values(userIds.map((user_id) => ({ task_id: taskId, user_id })))
    .execute();
}

export async function insertReply(db: Executor, row: Insertable<TasksTables['task_replies']>): Promise<void> {
  await db.insertInto('task_replies').values(row).execute();
  await db
    .updateTable('tasks')
    .set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
    .where('id', '=', row.task_id)
    .execute();
}

export function replies(db: Executor, taskId: string) {
  return db
    .selectFrom('task_replies')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertFile(db: Executor, row: Insertable<TasksTables['task_files']>): Promise<void> {
  await db.insertInto('task_files').values(row).execute();
}

export function files(db: Executor, taskId: string) {
  return db
    .selectFrom('task_files')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .execute();
}

export function findFile(db: Executor, taskId: string, fileId: string) {
  return db
    .selectFrom('task_files')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

/** Attaches the caller's unattached uploads of this task to a reply; returns how many. */
export async function attachFiles(
  db: Executor,
  taskId: string,
  replyId: string,
  uploaderId: string,
  fileIds: readonly string[],
): Promise<number> {
  if (fileIds.length === 0) return 0;
  const result = await db
    .updateTable('task_files')
    .set({ reply_id: replyId })
    .where('task_id', '=', taskId)
    .where('uploader_id', '=', uploaderId)
    .where('reply_id', 'is', null)
    .where('id', 'in', fileIds)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Tasks whose next reminder is due: read through the partial index on reminder_at. */
export function dueReminders(db: Executor, now: string, limit: number) {
  return db
    .selectFrom('tasks')
    .select(['id', 'reminder_at'])
    .where('reminder_at', '<=', now)
    .orderBy('reminder_at')
    .limit(limit)
    .execute();
}

/** Who a task concerns directly (its creator, assignee and team); collaborators are separate rows. */
export function involvement(db: Executor, id: string) {
  return db
    .selectFrom('tasks')
    .select(['creator_id', 'assignee_id', 'team_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}
