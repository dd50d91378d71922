import type { TaskListQuery } from '@liaison/contracts';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { ScopeFilter } from '../../platform/auth/actor.ts';
import { likeContains, likePrefix, type SqlDialect } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { TasksTables } from './tasks.tables.ts';

type TasksTable = TasksTables['tasks'];
export type TaskRecord = Selectable<TasksTable>;

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

function withNames(db: Executor) {
  return db
    .selectFrom('tasks')
    .leftJoin('users as assignee', 'assignee.id', 'tasks.assignee_id')
    .innerJoin('users as creator', 'creator.id', 'tasks.creator_id')
    .leftJoin('teams', 'teams.id', 'tasks.team_id')
    .leftJoin('departments', 'departments.id', 'tasks.department_id')
    .selectAll('tasks')
    .select([
      'assignee.username as assignee_username',
      'assignee.display_name as assignee_name',
      'creator.username as creator_username',
      'creator.display_name as creator_name',
      'teams.name as team_name',
      'departments.name as department_name',
      'departments.path as department_path',
    ]);
}

export type TaskRow = Awaited<ReturnType<typeof findById>> & {};

export function findById(db: Executor, id: string) {
  return withNames(db).where('tasks.id', '=', id).executeTakeFirst();
}

export function lockById(db: Executor, dialect: SqlDialect, id: string) {
  return dialect.forUpdate(db.selectFrom('tasks').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** Which tasks a list may show: the caller's own involvement, or a permission's data scope. */
export type TaskAccess = { kind: 'involved'; userId: string } | { kind: 'scope'; scope: ScopeFilter };

export async function list(
  db: Executor,
  access: TaskAccess,
  query: TaskListQuery & { creatorId?: string; teamIds?: readonly string[]; departmentPath?: string },
  now: string,
) {
  let q = withNames(db);
  if (access.kind === 'involved') {
    const me = access.userId;
    q = q.where((eb) =>
      eb.or([
        eb('tasks.assignee_id', '=', me),
        eb('tasks.team_id', 'in', eb.selectFrom('team_members').select('team_id').where('user_id', '=', me)),
        eb('tasks.id', 'in', eb.selectFrom('task_collaborators').select('task_id').where('user_id', '=', me)),
      ]),
    );
  } else {
    const scope = access.scope;
    if (scope.kind === 'none') return { rows: [], total: 0 };
    if (scope.kind === 'department') {
      const { path, userId } = scope;
      q = q.where((eb) =>
        eb.or([
          likePrefix(eb.ref('departments.path'), path),
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
  if (query.departmentPath)
    q = q.where((eb) => likePrefix(eb.ref('departments.path'), query.departmentPath!));
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

export async function collaborators(db: Executor, taskIds: readonly string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('task_collaborators')
    .innerJoin('users', 'users.id', 'task_collaborators.user_id')
    .select(['task_collaborators.task_id', 'users.id', 'users.username', 'users.display_name'])
    .where('task_collaborators.task_id', 'in', taskIds)
    .orderBy('users.display_name')
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
    .innerJoin('users', 'users.id', 'task_replies.author_id')
    .selectAll('task_replies')
    .select(['users.username as author_username', 'users.display_name as author_name'])
    .where('task_replies.task_id', '=', taskId)
    .orderBy('task_replies.created_at')
    .orderBy('task_replies.id')
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

export async function teamIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

export async function teamMemberIds(db: Executor, teamId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute();
  return rows.map((r) => r.user_id);
}

export async function shareATeam(db: Executor, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_members as m1')
    .innerJoin('team_members as m2', 'm2.team_id', 'm1.team_id')
    .select('m1.team_id')
    .where('m1.user_id', '=', a)
    .where('m2.user_id', '=', b)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function findTeam(db: Executor, teamId: string) {
  return db
    .selectFrom('teams')
    .leftJoin('departments', 'departments.id', 'teams.department_id')
    .select([
      'teams.id',
      'teams.name',
      'teams.department_id',
      'teams.owner_id',
      'departments.path as department_path',
    ])
    .where('teams.id', '=', teamId)
    .executeTakeFirst();
}

/** Internal, active users by id, with their department path (for scope checks). */
export function people(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.kind',
      'users.status',
      'users.department_id',
      'departments.path as department_path',
    ])
    .where('users.id', 'in', ids)
    .execute();
}

export function findMessage(db: Executor, id: string) {
  return db.selectFrom('messages').select(['id', 'channel_id']).where('id', '=', id).executeTakeFirst();
}
