import type {
  ChecklistItem,
  CreateTaskRequest,
  TaskDetail,
  TaskListQuery,
  TaskPage,
  TaskSource,
  UpdateTaskRequest,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { type ActorContext, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { ChannelsService } from '../channels/channels.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import type { TaskAccess } from './task-access.ts';
import { assignedTo, statusText } from './task-notices.ts';
import type { TaskRemindersService } from './task-reminders.service.ts';
import type { TaskRepliesService } from './task-replies.service.ts';
import * as repo from './tasks.repository.ts';

/**
 * Finds the channel of a message a task is made from. The messages module is another domain's:
 * services.ts passes its service, which has this shape, so tasks does not import messages.
 */
export interface TaskMessages {
  channelOf(messageId: string): Promise<string | null>;
}

export interface TasksDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationsService;
  calendar: CalendarService;
  channels: Pick<ChannelsService, 'access'>;
  messages: TaskMessages;
  teams: Pick<TeamsService, 'teamIdsOf'>;
  departments: Pick<DepartmentsService, 'resolveScope' | 'subtreeIdsOf'>;
  access: TaskAccess;
  reminders: TaskRemindersService;
  replies: Pick<TaskRepliesService, 'repliesOf'>;
}

/** A due date this far in the past is a typo, not clock skew between browser and server. */
const PAST_TOLERANCE_MS = 60_000;

/**
 * Tasks (任务分配): assigned to a person or a team, with collaborators, a deadline, a checklist
 * and the next step. This service lists, creates, reassigns and changes them; every change checks
 * access first (TaskAccess), is audited, tells the people involved (inbox, email, webhooks) and
 * plans the task's next reminder (TaskRemindersService). Replies and files are
 * TaskRepliesService's.
 */
export class TasksService {
  readonly #deps: TasksDeps;

  constructor(deps: TasksDeps) {
    this.#deps = deps;
  }

  async list(ctx: ActorContext, query: TaskListQuery): Promise<TaskPage> {
    const me = ctx.actor.userId;
    const now = this.#deps.clock.now().toISOString();
    let result: Awaited<ReturnType<typeof repo.list>>;
    switch (query.view) {
      case 'mine': {
        const teamIds = await this.#deps.teams.teamIdsOf(this.#deps.db, me);
        result = await repo.list(this.#deps.db, { kind: 'involved', userId: me, teamIds }, query, now);
        break;
      }
      case 'created':
        result = await repo.list(
          this.#deps.db,
          { kind: 'scope', scope: { kind: 'all' } },
          { ...query, creatorId: me },
          now,
        );
        break;
      case 'team': {
        const mine = await this.#deps.teams.teamIdsOf(this.#deps.db, me);
        let teamIds = mine;
        if (query.teamId) {
          if (
            !mine.includes(query.teamId) &&
            !(await this.#deps.access.teamInScope(ctx, query.teamId, 'task.read'))
          ) {
            throw errors.forbidden(text('tasks.errors.notTeamMember'));
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
        const db = this.#deps.db;
        const filter = scopeFilter(ctx.actor, 'task.read');
        if (filter.kind === 'none') throw errors.forbidden(text('tasks.errors.othersTasks'));
        let departmentIds: string[] | undefined;
        if (query.departmentId) {
          const subtree = await this.#deps.departments.subtreeIdsOf(db, query.departmentId);
          if (!subtree) throw errors.invalidField('departmentId', 'No such department.');
          departmentIds = subtree;
        }
        const scope = await this.#deps.departments.resolveScope(db, filter);
        result = await repo.list(db, { kind: 'scope', scope }, { ...query, departmentIds }, now);
        break;
      }
    }
    const items = await this.#deps.access.present(ctx, result.rows);
    return { items, total: result.total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: ActorContext, id: string): Promise<TaskDetail> {
    const row = await this.#deps.access.visible(ctx, id);
    const [[task], replies] = await Promise.all([
      this.#deps.access.present(ctx, [row]),
      this.#deps.replies.repliesOf(id),
    ]);
    return { ...task!, replies };
  }

  async create(ctx: ActorContext, body: CreateTaskRequest): Promise<TaskDetail> {
    const now = this.#deps.clock.now();
    this.#checkDue(body.dueAt, now);
    const target = await this.#deps.access.checkAssignment(ctx, body.assigneeId, body.teamId);
    const collaboratorIds = await this.#deps.access.checkCollaborators(body.collaboratorIds);
    const source = body.source ? await this.#checkSource(ctx, body.source) : null;
    const id = newId();
    const reminder = await this.#deps.reminders.nextReminder(body.dueAt, 'todo', now);
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
      const zone = this.#deps.calendar.timeZone;
      await this.#deps.notifications.notify(trx, {
        kind: 'task.assigned',
        title: text('tasks.notices.assigned.title', { title: body.title }),
        body: text('tasks.notices.assigned.body', {
          actor: ctx.actor.displayName,
          target: assignedTo(target.teamName),
          number: `T-${number}`,
          due: body.dueAt
            ? text('tasks.notices.dueSuffix', { due: { at: new Date(body.dueAt).toISOString(), zone } })
            : '',
        }),
        link: `/tasks/${id}`,
        subject: { type: 'task', id },
        actorId: ctx.actor.userId,
        recipientIds: [...target.recipients, ...collaboratorIds],
        departmentIds: target.departmentId ? [target.departmentId] : [],
      });
      await this.#deps.access.changed(trx, id);
    });
    this.#deps.notifications.committed();
    return this.get(ctx, id);
  }

  async update(ctx: ActorContext, id: string, body: UpdateTaskRequest): Promise<TaskDetail> {
    const row = await this.#deps.access.visible(ctx, id);
    const rights = await this.#deps.access.rights(ctx, row);
    const editsFields =
      body.title !== undefined ||
      body.description !== undefined ||
      body.assigneeId !== undefined ||
      body.teamId !== undefined ||
      body.collaboratorIds !== undefined ||
      body.dueAt !== undefined ||
      body.priority !== undefined;
    if (editsFields && !rights.edit) throw errors.forbidden(text('tasks.errors.editCreatorOnly'));
    if (!editsFields && !rights.changeStatus) throw errors.forbidden(text('tasks.errors.mayNotChange'));
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
    const target = reassigned ? await this.#deps.access.checkAssignment(ctx, assigneeId, teamId) : null;
    const collaboratorIds =
      body.collaboratorIds !== undefined
        ? await this.#deps.access.checkCollaborators(body.collaboratorIds)
        : undefined;
    const status = body.status ?? row.status;
    const dueAt =
      body.dueAt !== undefined ? (body.dueAt ? new Date(body.dueAt).toISOString() : null) : row.due_at;
    const reminder =
      dueChanged || status !== row.status
        ? await this.#deps.reminders.nextReminder(dueAt, status, now)
        : { at: row.reminder_at, stage: row.reminder_stage };
    const checklist = body.checklist?.map((c) => ({
      id: c.id ?? newId().slice(-12),
      text: c.text,
      done: c.done,
    }));

    await this.#deps.db.transaction().execute(async (trx) => {
      const current = await repo.lockById(trx, this.#deps.dialect, id);
      if (!current) throw errors.notFound(text('nouns.task'));
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
          title: text('tasks.notices.handedOver.title', { title }),
          body: text('tasks.notices.handedOver.body', {
            actor: ctx.actor.displayName,
            number: `T-${current.number}`,
            target: assignedTo(target.teamName),
          }),
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
          title: text('tasks.notices.statusChanged.title', { status: statusText(status), title }),
          body: text('tasks.notices.statusChanged.body', {
            actor: ctx.actor.displayName,
            number: `T-${current.number}`,
            from: statusText(current.status),
            to: statusText(status),
          }),
          link: `/tasks/${id}`,
          subject: { type: 'task', id },
          actorId: ctx.actor.userId,
          recipientIds: await this.#deps.access.involved(trx, id),
          departmentIds: current.department_id ? [current.department_id] : [],
        });
      }
      await this.#deps.access.changed(trx, id);
    });
    this.#deps.notifications.committed();
    return this.get(ctx, id);
  }

  /** Kept for callers of the whole task API (the jobs benchmark): the sweep lives in TaskRemindersService. */
  sweepReminders(limit?: number): Promise<number> {
    return this.#deps.reminders.sweepReminders(limit);
  }

  #checkDue(dueAt: string | null, now: Date): void {
    if (dueAt && new Date(dueAt).getTime() < now.getTime() - PAST_TOLERANCE_MS) {
      throw errors.invalidField('dueAt', 'The due date is in the past.');
    }
  }

  async #checkSource(ctx: ActorContext, source: TaskSource): Promise<TaskSource> {
    if (source.type !== 'message') return source;
    // A task made from a message remembers its channel, so the web can open it; only a message
    // the caller can read may be a source.
    const channelId = await this.#deps.messages.channelOf(source.id);
    if (!channelId) throw errors.invalidField('source', 'No such message.');
    await this.#deps.channels.access(ctx, channelId);
    return { ...source, channelId };
  }
}

function searchText(title: string, description: string): string {
  return `${title}\n${description}`.toLowerCase();
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
