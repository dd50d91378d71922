import type { Readable } from 'node:stream';
import {
  type ChecklistItem,
  type CreateTaskReplyRequest,
  type CreateTaskRequest,
  OPEN_TASK_STATUSES,
  type Task,
  type TaskDetail,
  type TaskFile,
  type TaskListQuery,
  type TaskPage,
  type TaskReply,
  type TaskSource,
  type TaskStatus,
  type UpdateTaskRequest,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { storeUpload } from '../../platform/storage/uploads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { ChannelsService } from '../channels/channels.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { userRef } from '../users/user-ref.ts';
import * as repo from './tasks.repository.ts';
import type { ReminderStage } from './tasks.tables.ts';

export interface TasksDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  notifications: NotificationsService;
  calendar: CalendarService;
  jobs: JobQueue;
  blobs: BlobStore;
  channels: ChannelsService;
  maxFileBytes: number;
}

/** A deadline this many working hours away counts as "due soon" and gets a reminder. */
export const DUE_SOON_WORKING_HOURS = 4;
/** A due date this far in the past is a typo, not clock skew between browser and server. */
const PAST_TOLERANCE_MS = 60_000;

const STATUS_LABEL: Record<TaskStatus, string> = {
  todo: '待办',
  in_progress: '进行中',
  blocked: '受阻',
  done: '已完成',
  cancelled: '已取消',
};

const REMINDER_SWEEP = 'reminders.tasks';

/**
 * Tasks (任务分配): assigned to a person or a team, with collaborators, a deadline, a checklist,
 * progress replies (反馈回复) and the next step. Every change checks access first, is audited,
 * tells the people involved (inbox, email, webhooks) and plans the task's next reminder, which a
 * database-backed sweep sends (due soon, then overdue).
 */
export class TasksService {
  readonly #deps: TasksDeps;

  constructor(deps: TasksDeps) {
    this.#deps = deps;
    deps.jobs.register({ kind: REMINDER_SWEEP, run: () => this.sweepReminders().then(() => undefined) });
    deps.jobs.schedule({
      name: 'task reminders',
      kind: REMINDER_SWEEP,
      when: { every: 'minutes', interval: 5 },
    });
  }

  async list(ctx: ActorContext, query: TaskListQuery): Promise<TaskPage> {
    const me = ctx.actor.userId;
    const now = this.#deps.clock.now().toISOString();
    let result: Awaited<ReturnType<typeof repo.list>>;
    switch (query.view) {
      case 'mine':
        result = await repo.list(this.#deps.db, { kind: 'involved', userId: me }, query, now);
        break;
      case 'created':
        result = await repo.list(
          this.#deps.db,
          { kind: 'scope', scope: { kind: 'all' } },
          { ...query, creatorId: me },
          now,
        );
        break;
      case 'team': {
        const mine = await repo.teamIdsOf(this.#deps.db, me);
        let teamIds = mine;
        if (query.teamId) {
          if (!mine.includes(query.teamId) && !(await this.#teamInScope(ctx, query.teamId, 'task.read'))) {
            throw errors.forbidden('You are not a member of this team.');
          }
          teamIds = [query.teamId];
        }
        result = await repo.list(
          this.#deps.db,
          { kind: 'scope', scope: { kind: 'all' } },
          { ...query, teamIds },
          now,
        );
        break;
      }
      case 'department':
      case 'all': {
        const scope = scopeFilter(ctx.actor, 'task.read');
        if (scope.kind === 'none') throw errors.forbidden('You may not see other people’s tasks.');
        let departmentPath: string | undefined;
        if (query.departmentId) {
          const dept = await this.#deps.db
            .selectFrom('departments')
            .select('path')
            .where('id', '=', query.departmentId)
            .executeTakeFirst();
          if (!dept) throw errors.invalidField('departmentId', 'No such department.');
          departmentPath = dept.path;
        }
        result = await repo.list(this.#deps.db, { kind: 'scope', scope }, { ...query, departmentPath }, now);
        break;
      }
    }
    const items = await this.#present(ctx, result.rows);
    return { items, total: result.total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: ActorContext, id: string): Promise<TaskDetail> {
    const row = await this.#visible(ctx, id);
    const [task] = await this.#present(ctx, [row]);
    const [replies, files] = await Promise.all([
      repo.replies(this.#deps.db, id),
      repo.files(this.#deps.db, id),
    ]);
    return {
      ...task!,
      replies: replies.map(
        (r): TaskReply => ({
          id: r.id,
          author: userRef(r.author_id, r.author_username, r.author_name)!,
          body: r.body,
          statusChange: r.status_from && r.status_to ? { from: r.status_from, to: r.status_to } : null,
          nextStep: r.next_step,
          files: files.filter((f) => f.reply_id === r.id).map(toFile),
          createdAt: r.created_at,
        }),
      ),
    };
  }

  async create(ctx: ActorContext, body: CreateTaskRequest): Promise<TaskDetail> {
    const now = this.#deps.clock.now();
    this.#checkDue(body.dueAt, now);
    const target = await this.#checkAssignment(ctx, body.assigneeId, body.teamId);
    const collaboratorIds = await this.#checkCollaborators(body.collaboratorIds);
    const source = body.source ? await this.#checkSource(ctx, body.source) : null;
    const id = newId();
    const reminder = await this.#nextReminder(body.dueAt, 'todo', now);
    const checklist: ChecklistItem[] = body.checklist.map((c) => ({
      id: newId().slice(-12),
      text: c.text,
      done: c.done,
    }));
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, 'tasks.number');
      const number = await repo.nextNumber(trx);
      await repo.insert(trx, {
        id,
        number,
        title: body.title,
        description: body.description,
        status: 'todo',
        priority: body.priority,
        assignee_id: body.assigneeId,
        team_id: body.teamId,
        department_id: target.departmentId,
        creator_id: ctx.actor.userId,
        due_at: body.dueAt ? new Date(body.dueAt).toISOString() : null,
        checklist: JSON.stringify(checklist),
        next_step: body.nextStep,
        source: source ? JSON.stringify(source) : null,
        reply_count: 0,
        reminder_at: reminder.at,
        reminder_stage: reminder.stage,
        search_text: searchText(body.title, body.description),
        completed_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      await repo.setCollaborators(trx, id, collaboratorIds);
      await this.#deps.audit.record(trx, ctx, {
        action: 'task.created',
        targetType: 'task',
        targetId: id,
        summary: {
          after: {
            number,
            title: body.title,
            assigneeId: body.assigneeId,
            teamId: body.teamId,
            dueAt: body.dueAt,
            priority: body.priority,
          },
        },
      });
      const due = body.dueAt ? `，截止 ${this.#deps.calendar.formatShort(new Date(body.dueAt))}` : '';
      await this.#deps.notifications.notify(trx, {
        kind: 'task.assigned',
        title: `新任务：${body.title}`,
        body: `${ctx.actor.displayName} 给${target.teamName ? `团队「${target.teamName}」` : '你'}分配了任务 T-${number}${due}。`,
        link: `/tasks/${id}`,
        subject: { type: 'task', id },
        actorId: ctx.actor.userId,
        recipientIds: [...target.recipients, ...collaboratorIds],
        departmentIds: target.departmentId ? [target.departmentId] : [],
      });
      await this.#changed(trx, id);
    });
    this.#deps.notifications.committed();
    return this.get(ctx, id);
  }

  async update(ctx: ActorContext, id: string, body: UpdateTaskRequest): Promise<TaskDetail> {
    const row = await this.#visible(ctx, id);
    const rights = await this.#rights(ctx, row);
    const editsFields =
      body.title !== undefined ||
      body.description !== undefined ||
      body.assigneeId !== undefined ||
      body.teamId !== undefined ||
      body.collaboratorIds !== undefined ||
      body.dueAt !== undefined ||
      body.priority !== undefined;
    if (editsFields && !rights.edit)
      throw errors.forbidden('Only the task’s creator or a manager may change it.');
    if (!editsFields && !rights.changeStatus) throw errors.forbidden('You may not change this task.');
    const now = this.#deps.clock.now();
    const dueChanged =
      body.dueAt !== undefined && (body.dueAt ? new Date(body.dueAt).toISOString() : null) !== row.due_at;
    if (dueChanged) this.#checkDue(body.dueAt!, now);

    const assigneeId = body.assigneeId !== undefined ? body.assigneeId : row.assignee_id;
    const teamId = body.teamId !== undefined ? body.teamId : row.team_id;
    const reassigned = assigneeId !== row.assignee_id || teamId !== row.team_id;
    if (reassigned && assigneeId === null && teamId === null) {
      throw errors.invalidField('assigneeId', 'assign the task to a person or a team');
    }
    const target = reassigned ? await this.#checkAssignment(ctx, assigneeId, teamId) : null;
    const collaboratorIds =
      body.collaboratorIds !== undefined ? await this.#checkCollaborators(body.collaboratorIds) : undefined;
    const status = body.status ?? row.status;
    const dueAt =
      body.dueAt !== undefined ? (body.dueAt ? new Date(body.dueAt).toISOString() : null) : row.due_at;
    const reminder =
      dueChanged || status !== row.status
        ? await this.#nextReminder(dueAt, status, now)
        : { at: row.reminder_at, stage: row.reminder_stage };
    const checklist = body.checklist?.map((c) => ({
      id: c.id ?? newId().slice(-12),
      text: c.text,
      done: c.done,
    }));

    await this.#deps.db.transaction().execute(async (trx) => {
      const current = await repo.lockById(trx, this.#deps.dialect, id);
      if (!current) throw errors.notFound('Task');
      const title = body.title ?? current.title;
      const description = body.description ?? current.description;
      await repo.update(trx, id, {
        title,
        description,
        assignee_id: assigneeId,
        team_id: teamId,
        ...(target && { department_id: target.departmentId }),
        due_at: dueAt,
        priority: body.priority ?? current.priority,
        status,
        ...(checklist && { checklist: JSON.stringify(checklist) }),
        ...(body.nextStep !== undefined && { next_step: body.nextStep }),
        reminder_at: reminder.at,
        reminder_stage: reminder.stage,
        search_text: searchText(title, description),
        completed_at: status === 'done' ? (current.completed_at ?? now.toISOString()) : null,
        updated_at: now.toISOString(),
      });
      if (collaboratorIds) await repo.setCollaborators(trx, id, collaboratorIds);
      await this.#deps.audit.record(trx, ctx, {
        action: 'task.updated',
        targetType: 'task',
        targetId: id,
        summary: diff(current, { ...body, dueAt }),
      });
      if (target) {
        await this.#deps.notifications.notify(trx, {
          kind: 'task.assigned',
          title: `任务转交给你：${title}`,
          body: `${ctx.actor.displayName} 把任务 T-${current.number} 交给了${target.teamName ? `团队「${target.teamName}」` : '你'}。`,
          link: `/tasks/${id}`,
          subject: { type: 'task', id },
          actorId: ctx.actor.userId,
          recipientIds: target.recipients,
          departmentIds: target.departmentId ? [target.departmentId] : [],
        });
      }
      if (status !== current.status) {
        await this.#deps.notifications.notify(trx, {
          kind: 'task.updated',
          title: `任务${STATUS_LABEL[status]}：${title}`,
          body: `${ctx.actor.displayName} 把任务 T-${current.number} 从「${STATUS_LABEL[current.status]}」改为「${STATUS_LABEL[status]}」。`,
          link: `/tasks/${id}`,
          subject: { type: 'task', id },
          actorId: ctx.actor.userId,
          recipientIds: await this.#involved(trx, id),
          departmentIds: current.department_id ? [current.department_id] : [],
        });
      }
      await this.#changed(trx, id);
    });
    this.#deps.notifications.committed();
    return this.get(ctx, id);
  }

  async reply(ctx: ActorContext, id: string, body: CreateTaskReplyRequest): Promise<TaskReply> {
    const row = await this.#visible(ctx, id);
    const rights = await this.#rights(ctx, row);
    if (!rights.reply) throw errors.forbidden('You may not reply to this task.');
    if (body.status && body.status !== row.status && !rights.changeStatus) {
      throw errors.forbidden('You may not change this task’s status.');
    }
    const now = this.#deps.clock.now();
    const replyId = newId();
    const statusChange =
      body.status && body.status !== row.status ? { from: row.status, to: body.status } : null;
    const reminder = statusChange ? await this.#nextReminder(row.due_at, statusChange.to, now) : null;
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.insertReply(trx, {
        id: replyId,
        task_id: id,
        author_id: ctx.actor.userId,
        body: body.body,
        status_from: statusChange?.from ?? null,
        status_to: statusChange?.to ?? null,
        next_step: body.nextStep ?? null,
        created_at: now.toISOString(),
      });
      const attached = await repo.attachFiles(trx, id, replyId, ctx.actor.userId, body.fileIds);
      if (attached !== new Set(body.fileIds).size) {
        throw errors.invalidField(
          'fileIds',
          'Attach only files you uploaded to this task and have not used yet.',
        );
      }
      await repo.update(trx, id, {
        updated_at: now.toISOString(),
        ...(body.nextStep !== undefined && { next_step: body.nextStep }),
        ...(statusChange && {
          status: statusChange.to,
          completed_at: statusChange.to === 'done' ? now.toISOString() : null,
          reminder_at: reminder!.at,
          reminder_stage: reminder!.stage,
        }),
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'task.updated',
        targetType: 'task',
        targetId: id,
        summary: {
          reply: replyId,
          ...(statusChange && { status: statusChange }),
          files: body.fileIds.length,
        },
      });
      const change = statusChange
        ? `（${STATUS_LABEL[statusChange.from]} → ${STATUS_LABEL[statusChange.to]}）`
        : '';
      await this.#deps.notifications.notify(trx, {
        kind: 'task.replied',
        title: `任务有新进展：${row.title}`,
        body: `${ctx.actor.displayName}${change}：${truncate(body.body, 200)}`,
        link: `/tasks/${id}`,
        subject: { type: 'task', id },
        actorId: ctx.actor.userId,
        recipientIds: await this.#involved(trx, id),
        departmentIds: row.department_id ? [row.department_id] : [],
      });
      await this.#changed(trx, id);
    });
    this.#deps.notifications.committed();
    const detail = await this.get(ctx, id);
    return detail.replies.find((r) => r.id === replyId)!;
  }

  async uploadFile(
    ctx: ActorContext,
    id: string,
    file: { fileName: string; data: Buffer },
  ): Promise<TaskFile> {
    const row = await this.#visible(ctx, id);
    if (!(await this.#rights(ctx, row)).reply) throw errors.forbidden('You may not add files to this task.');
    const stored = await storeUpload(this.#deps, 'tasks', file, this.#deps.maxFileBytes);
    const record = {
      id: stored.id,
      task_id: id,
      reply_id: null,
      uploader_id: ctx.actor.userId,
      file_name: stored.fileName,
      content_type: stored.contentType,
      size: stored.size,
      sha256: stored.sha256,
      blob_key: stored.blobKey,
      created_at: stored.createdAt,
    };
    await repo.insertFile(this.#deps.db, record);
    return toFile(record);
  }

  async openFile(
    ctx: ActorContext,
    id: string,
    fileId: string,
  ): Promise<{ file: TaskFile; stream: Readable }> {
    await this.#visible(ctx, id);
    const row = await repo.findFile(this.#deps.db, id, fileId);
    // An upload not yet in a reply is its uploader's draft.
    if (!row || (row.reply_id === null && row.uploader_id !== ctx.actor.userId))
      throw errors.notFound('File');
    return { file: toFile(row), stream: await this.#deps.blobs.get(row.blob_key) };
  }

  /**
   * Sends every reminder that is due: "due soon" to whoever does the task, then "overdue" to them
   * and to its creator. Each task's next reminder is kept on its row, so a restart neither loses
   * nor repeats one. Returns how many reminders were sent.
   */
  async sweepReminders(limit = 500): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.#deps.clock.now();
      const due = await repo.dueReminders(this.#deps.db, now.toISOString(), limit);
      for (const { id } of due) {
        if (await this.#remind(id, now)) sent += 1;
      }
      if (due.length < limit) break;
    }
    if (sent > 0) this.#deps.notifications.committed();
    return sent;
  }

  async #remind(id: string, now: Date): Promise<boolean> {
    return this.#deps.db.transaction().execute(async (trx) => {
      const task = await repo.lockById(trx, this.#deps.dialect, id);
      // Another node got here first, or the task changed since it was read.
      if (!task?.reminder_at || task.reminder_at > now.toISOString() || !task.reminder_stage) return false;
      const stage = task.reminder_stage;
      const next =
        stage === 'due_soon' && task.due_at
          ? { at: task.due_at, stage: 'overdue' as const }
          : { at: null, stage: null };
      await repo.update(trx, id, { reminder_at: next.at, reminder_stage: next.stage });
      const doers = task.assignee_id
        ? [task.assignee_id]
        : task.team_id
          ? await repo.teamMemberIds(trx, task.team_id)
          : [];
      const due = task.due_at ? this.#deps.calendar.formatShort(new Date(task.due_at)) : '';
      await this.#deps.notifications.notify(trx, {
        kind: stage === 'due_soon' ? 'task.due_soon' : 'task.overdue',
        title: stage === 'due_soon' ? `任务即将到期：${task.title}` : `任务已逾期：${task.title}`,
        body:
          stage === 'due_soon'
            ? `任务 T-${task.number} 将于 ${due} 到期，当前状态「${STATUS_LABEL[task.status]}」。`
            : `任务 T-${task.number} 已于 ${due} 到期，仍未完成（${STATUS_LABEL[task.status]}）。`,
        link: `/tasks/${id}`,
        subject: { type: 'task', id },
        recipientIds: stage === 'due_soon' ? doers : [...doers, task.creator_id],
        departmentIds: task.department_id ? [task.department_id] : [],
      });
      return true;
    });
  }

  /** The next reminder a task owes, given its deadline and status. */
  async #nextReminder(
    dueAt: string | null,
    status: TaskStatus,
    now: Date,
  ): Promise<{ at: string | null; stage: ReminderStage | null }> {
    if (!dueAt || !OPEN_TASK_STATUSES.includes(status)) return { at: null, stage: null };
    const due = new Date(dueAt);
    if (due <= now) return { at: now.toISOString(), stage: 'overdue' };
    const calendar = await this.#deps.calendar.working();
    const soon = calendar.addWorkingHours(due, -DUE_SOON_WORKING_HOURS);
    if (soon > now) return { at: soon.toISOString(), stage: 'due_soon' };
    return { at: due.toISOString(), stage: 'overdue' };
  }

  #checkDue(dueAt: string | null, now: Date): void {
    if (dueAt && new Date(dueAt).getTime() < now.getTime() - PAST_TOLERANCE_MS) {
      throw errors.invalidField('dueAt', 'The due date is in the past.');
    }
  }

  /**
   * Whom the task may go to: yourself, anyone in your `task.assign` data scope, colleagues in your
   * own department, and members of teams you belong to. Unknown people and teams are 400s.
   */
  async #checkAssignment(
    ctx: ActorContext,
    assigneeId: string | null,
    teamId: string | null,
  ): Promise<{ departmentId: string | null; recipients: string[]; teamName: string | null }> {
    const db = this.#deps.db;
    if (assigneeId) {
      const [person] = await repo.people(db, [assigneeId]);
      if (!person || person.status !== 'active' || person.kind !== 'employee') {
        throw errors.invalidField('assigneeId', 'No such active colleague.');
      }
      const me = ctx.actor;
      const allowed =
        person.id === me.userId ||
        inScope(scopeFilter(me, 'task.assign'), {
          departmentPath: person.department_path,
          ownerIds: [person.id],
        }) ||
        (person.department_id !== null && person.department_id === me.departmentId) ||
        (await repo.shareATeam(db, me.userId, person.id));
      if (!allowed) throw errors.forbidden('This person is outside the people you may assign tasks to.');
    }
    let teamName: string | null = null;
    let teamDepartment: string | null = null;
    let teamMembers: string[] = [];
    if (teamId) {
      const team = await repo.findTeam(db, teamId);
      if (!team) throw errors.invalidField('teamId', 'No such team.');
      teamMembers = await repo.teamMemberIds(db, teamId);
      const allowed =
        teamMembers.includes(ctx.actor.userId) ||
        team.owner_id === ctx.actor.userId ||
        inScope(scopeFilter(ctx.actor, 'task.assign'), {
          departmentPath: team.department_path,
          ownerIds: [],
        });
      if (!allowed) throw errors.forbidden('You may assign tasks only to teams you belong to or manage.');
      teamName = team.name;
      teamDepartment = team.department_id;
    }
    let departmentId = teamDepartment;
    if (assigneeId) {
      const [person] = await repo.people(db, [assigneeId]);
      departmentId = person!.department_id ?? teamDepartment;
    }
    return {
      departmentId,
      recipients: assigneeId ? [assigneeId] : teamMembers,
      teamName: assigneeId ? null : teamName,
    };
  }

  async #checkCollaborators(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const found = await repo.people(this.#deps.db, unique);
    const ok = new Set(found.filter((p) => p.status === 'active' && p.kind === 'employee').map((p) => p.id));
    const missing = unique.filter((id) => !ok.has(id));
    if (missing.length > 0) throw errors.invalidField('collaboratorIds', 'No such active colleague.');
    return unique;
  }

  async #checkSource(ctx: ActorContext, source: TaskSource): Promise<TaskSource> {
    if (source.type !== 'message') return source;
    // A task made from a message remembers its channel, so the web can open it; only a message
    // the caller can read may be a source.
    const message = await repo.findMessage(this.#deps.db, source.id);
    if (!message) throw errors.invalidField('source', 'No such message.');
    await this.#deps.channels.access(ctx, message.channel_id);
    return { ...source, channelId: message.channel_id };
  }

  async #teamInScope(
    ctx: ActorContext,
    teamId: string,
    permission: 'task.read' | 'task.assign',
  ): Promise<boolean> {
    const team = await repo.findTeam(this.#deps.db, teamId);
    if (!team) throw errors.invalidField('teamId', 'No such team.');
    return inScope(scopeFilter(ctx.actor, permission), {
      departmentPath: team.department_path,
      ownerIds: [team.owner_id],
    });
  }

  /** The task if the caller may see it; otherwise it does not exist for them. */
  async #visible(ctx: ActorContext, id: string): Promise<repo.TaskRow> {
    const row = await repo.findById(this.#deps.db, id);
    if (!row) throw errors.notFound('Task');
    const me = ctx.actor.userId;
    if (row.creator_id === me || row.assignee_id === me) return row;
    if (inScope(scopeFilter(ctx.actor, 'task.read'), { departmentPath: row.department_path, ownerIds: [] }))
      return row;
    const involved = await this.#involved(this.#deps.db, id);
    if (involved.includes(me)) return row;
    throw errors.notFound('Task');
  }

  async #rights(ctx: ActorContext, row: repo.TaskRow): Promise<Task['can']> {
    const [collaborators, myTeams] = await Promise.all([
      repo.collaborators(this.#deps.db, [row.id]),
      repo.teamIdsOf(this.#deps.db, ctx.actor.userId),
    ]);
    return this.#rightsFrom(
      ctx,
      row,
      collaborators.map((c) => c.id),
      myTeams,
    );
  }

  /** What the caller may do, from what is already loaded: no query per task in a list. */
  #rightsFrom(
    ctx: ActorContext,
    row: repo.TaskRow,
    collaboratorIds: readonly string[],
    myTeamIds: readonly string[],
  ): Task['can'] {
    const me = ctx.actor.userId;
    const manager =
      inScope(scopeFilter(ctx.actor, 'task.assign'), { departmentPath: row.department_path, ownerIds: [] }) &&
      inScope(scopeFilter(ctx.actor, 'task.read'), { departmentPath: row.department_path, ownerIds: [] });
    const edit = row.creator_id === me || manager;
    const involved =
      edit ||
      row.assignee_id === me ||
      collaboratorIds.includes(me) ||
      (row.team_id !== null && myTeamIds.includes(row.team_id));
    return { edit, changeStatus: involved, reply: involved };
  }

  /** Everyone a task concerns: its creator, assignee, team members and collaborators. */
  async #involved(db: Kysely<DB> | Transaction<DB>, id: string): Promise<string[]> {
    const task = await db
      .selectFrom('tasks')
      .select(['creator_id', 'assignee_id', 'team_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!task) return [];
    const collaborators = await repo.collaborators(db, [id]);
    const team = task.team_id ? await repo.teamMemberIds(db, task.team_id) : [];
    return [
      ...new Set([
        task.creator_id,
        ...(task.assignee_id ? [task.assignee_id] : []),
        ...team,
        ...collaborators.map((c) => c.id),
      ]),
    ];
  }

  async #changed(trx: Transaction<DB>, id: string): Promise<void> {
    await this.#deps.events.append(trx, {
      userIds: await this.#involved(trx, id),
      payload: { type: 'task.changed', taskId: id },
    });
  }

  async #present(ctx: ActorContext, rows: repo.TaskRow[]): Promise<Task[]> {
    const [collaborators, myTeams] = await Promise.all([
      repo.collaborators(
        this.#deps.db,
        rows.map((r) => r.id),
      ),
      repo.teamIdsOf(this.#deps.db, ctx.actor.userId),
    ]);
    const now = this.#deps.clock.now().toISOString();
    const out: Task[] = [];
    for (const r of rows) {
      const taskCollaborators = collaborators.filter((c) => c.task_id === r.id);
      out.push({
        id: r.id,
        number: r.number,
        title: r.title,
        description: r.description,
        status: r.status,
        priority: r.priority,
        assignee: userRef(r.assignee_id, r.assignee_username, r.assignee_name),
        team: r.team_id && r.team_name ? { id: r.team_id, name: r.team_name } : null,
        department:
          r.department_id && r.department_name ? { id: r.department_id, name: r.department_name } : null,
        collaborators: taskCollaborators.map((c) => userRef(c.id, c.username, c.display_name)!),
        creator: userRef(r.creator_id, r.creator_username, r.creator_name)!,
        dueAt: r.due_at,
        overdue: r.due_at !== null && r.due_at < now && OPEN_TASK_STATUSES.includes(r.status),
        checklist: JSON.parse(r.checklist),
        nextStep: r.next_step,
        source: r.source ? JSON.parse(r.source) : null,
        replyCount: r.reply_count,
        completedAt: r.completed_at,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        can: this.#rightsFrom(
          ctx,
          r,
          taskCollaborators.map((c) => c.id),
          myTeams,
        ),
      });
    }
    return out;
  }
}

function searchText(title: string, description: string): string {
  return `${title}\n${description}`.toLowerCase();
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function toFile(row: { id: string; file_name: string; content_type: string; size: number }): TaskFile {
  return { id: row.id, fileName: row.file_name, contentType: row.content_type, size: row.size };
}

function diff(
  before: repo.TaskRecord,
  after: UpdateTaskRequest & { dueAt: string | null },
): Record<string, unknown> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  const pairs: [string, unknown, unknown][] = [
    ['title', before.title, after.title],
    ['assigneeId', before.assignee_id, after.assigneeId],
    ['teamId', before.team_id, after.teamId],
    ['dueAt', before.due_at, after.dueAt],
    ['priority', before.priority, after.priority],
    ['status', before.status, after.status],
  ];
  for (const [key, b, a] of pairs) if (a !== undefined && a !== b) out[key] = { before: b, after: a };
  if (after.description !== undefined && after.description !== before.description)
    out.description = { before: '…', after: '…' };
  if (after.checklist)
    out.checklist = { before: JSON.parse(before.checklist).length, after: after.checklist.length };
  if (after.collaboratorIds) out.collaborators = { before: null, after: after.collaboratorIds };
  return out;
}
