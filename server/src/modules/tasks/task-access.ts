import { OPEN_TASK_STATUSES, type Task, type UserRef } from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import * as repo from './tasks.repository.ts';

export interface TaskAccessDeps {
  db: Kysely<DB>;
  clock: Clock;
  events: EventLog;
  people: Pick<UserLookupService, 'refs' | 'facts'>;
  teams: Pick<TeamsService, 'factsOf' | 'memberIds' | 'teamIdsOf' | 'shareATeam'>;
  departments: Pick<DepartmentsService, 'byIds' | 'pathOf' | 'resolveScope' | 'subtreeIdsOf'>;
}

/** A task row with the department path its data scope reads. */
export type VisibleTask = repo.TaskRecord & { department_path: string | null };

/** Where a task goes: the department it counts under, whom to tell, and the team's name if a team. */
export interface AssignmentTarget {
  departmentId: string | null;
  recipients: string[];
  teamName: string | null;
}

/**
 * Who may see and change a task, whom it concerns, and how it is shown: shared by the task
 * services (lifecycle, replies and files, reminders). People, teams and departments come from
 * their own services, one batch per list.
 */
export class TaskAccess {
  readonly #deps: TaskAccessDeps;

  constructor(deps: TaskAccessDeps) {
    this.#deps = deps;
  }

  /** The task if the caller may see it; otherwise it does not exist for them. */
  async visible(ctx: ActorContext, id: string): Promise<VisibleTask> {
    const db = this.#deps.db;
    const found = await repo.findById(db, id);
    if (!found) throw errors.notFound(text('nouns.task'));
    const row = { ...found, department_path: await this.#deps.departments.pathOf(db, found.department_id) };
    const me = ctx.actor.userId;
    if (row.creator_id === me || row.assignee_id === me) return row;
    if (inScope(scopeFilter(ctx.actor, 'task.read'), { departmentPath: row.department_path, ownerIds: [] }))
      return row;
    const involved = await this.involved(db, id);
    if (involved.includes(me)) return row;
    throw errors.notFound(text('nouns.task'));
  }

  async rights(ctx: ActorContext, row: VisibleTask): Promise<Task['can']> {
    const [collaborators, myTeams] = await Promise.all([
      repo.collaborators(this.#deps.db, [row.id]),
      this.#deps.teams.teamIdsOf(this.#deps.db, ctx.actor.userId),
    ]);
    return rightsFrom(
      ctx,
      row,
      collaborators.map((c) => c.user_id),
      myTeams,
    );
  }

  /** Everyone a task concerns: its creator, assignee, team members and collaborators. */
  async involved(db: Executor, id: string): Promise<string[]> {
    const task = await repo.involvement(db, id);
    if (!task) return [];
    const collaborators = await repo.collaborators(db, [id]);
    const team = task.team_id ? await this.#deps.teams.memberIds(db, task.team_id) : [];
    return [
      ...new Set([
        task.creator_id,
        ...(task.assignee_id ? [task.assignee_id] : []),
        ...team,
        ...collaborators.map((c) => c.user_id),
      ]),
    ];
  }

  /** Tells everyone involved that the task changed (they refetch it). */
  async changed(trx: Transaction<DB>, id: string): Promise<void> {
    await this.#deps.events.append(trx, {
      userIds: await this.involved(trx, id),
      payload: { type: 'task.changed', taskId: id },
    });
  }

  /**
   * Whom the task may go to: yourself, anyone in your `task.assign` data scope, colleagues in your
   * own department, and members of teams you belong to. Unknown people and teams are 400s.
   */
  async checkAssignment(
    ctx: ActorContext,
    assigneeId: string | null,
    teamId: string | null,
  ): Promise<AssignmentTarget> {
    const db = this.#deps.db;
    let personDepartment: string | null = null;
    if (assigneeId) {
      const [person] = await this.#deps.people.facts(db, [assigneeId]);
      if (person?.status !== 'active' || person.kind !== 'employee') {
        throw errors.invalidField('assigneeId', 'No such active colleague.');
      }
      const me = ctx.actor;
      personDepartment = person.department_id;
      const allowed =
        person.id === me.userId ||
        inScope(scopeFilter(me, 'task.assign'), {
          departmentPath: await this.#deps.departments.pathOf(db, person.department_id),
          ownerIds: [person.id],
        }) ||
        (person.department_id !== null && person.department_id === me.departmentId) ||
        (await this.#deps.teams.shareATeam(db, me.userId, person.id));
      if (!allowed) throw errors.forbidden(text('tasks.errors.assigneeOutOfScope'));
    }
    let teamName: string | null = null;
    let teamDepartment: string | null = null;
    let teamMembers: string[] = [];
    if (teamId) {
      const team = (await this.#deps.teams.factsOf(db, [teamId])).get(teamId);
      if (!team) throw errors.invalidField('teamId', 'No such team.');
      teamMembers = await this.#deps.teams.memberIds(db, teamId);
      const allowed =
        teamMembers.includes(ctx.actor.userId) ||
        team.owner_id === ctx.actor.userId ||
        inScope(scopeFilter(ctx.actor, 'task.assign'), {
          departmentPath: team.department_path,
          ownerIds: [],
        });
      if (!allowed) throw errors.forbidden(text('tasks.errors.teamOutOfScope'));
      teamName = team.name;
      teamDepartment = team.department_id;
    }
    return {
      departmentId: assigneeId ? (personDepartment ?? teamDepartment) : teamDepartment,
      recipients: assigneeId ? [assigneeId] : teamMembers,
      teamName: assigneeId ? null : teamName,
    };
  }

  async checkCollaborators(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const found = await this.#deps.people.facts(this.#deps.db, unique);
    const ok = new Set(found.filter((p) => p.status === 'active' && p.kind === 'employee').map((p) => p.id));
    const missing = unique.filter((id) => !ok.has(id));
    if (missing.length > 0) throw errors.invalidField('collaboratorIds', 'No such active colleague.');
    return unique;
  }

  async teamInScope(
    ctx: ActorContext,
    teamId: string,
    permission: 'task.read' | 'task.assign',
  ): Promise<boolean> {
    const team = (await this.#deps.teams.factsOf(this.#deps.db, [teamId])).get(teamId);
    if (!team) throw errors.invalidField('teamId', 'No such team.');
    return inScope(scopeFilter(ctx.actor, permission), {
      departmentPath: team.department_path,
      ownerIds: [team.owner_id],
    });
  }

  /** Tasks as the API shows them: names of people, team and department in one lookup each. */
  async present(ctx: ActorContext, rows: readonly repo.TaskRecord[]): Promise<Task[]> {
    const db = this.#deps.db;
    const [collaborators, myTeams, teams, departments] = await Promise.all([
      repo.collaborators(
        db,
        rows.map((r) => r.id),
      ),
      this.#deps.teams.teamIdsOf(db, ctx.actor.userId),
      this.#deps.teams.factsOf(
        db,
        rows.map((r) => r.team_id),
      ),
      this.#deps.departments.byIds(
        db,
        rows.map((r) => r.department_id),
      ),
    ]);
    const people = await this.#deps.people.refs(db, [
      ...rows.flatMap((r) => [r.assignee_id, r.creator_id]),
      ...collaborators.map((c) => c.user_id),
    ]);
    const now = this.#deps.clock.now().toISOString();
    return rows.map((r) => {
      const department = r.department_id ? departments.get(r.department_id) : undefined;
      const team = r.team_id ? teams.get(r.team_id) : undefined;
      const collaboratorIds = collaborators.filter((c) => c.task_id === r.id).map((c) => c.user_id);
      return {
        id: r.id,
        number: r.number,
        title: r.title,
        description: r.description,
        status: r.status,
        priority: r.priority,
        assignee: r.assignee_id ? (people.get(r.assignee_id) ?? null) : null,
        team: r.team_id && team ? { id: r.team_id, name: team.name } : null,
        department: r.department_id && department ? { id: r.department_id, name: department.name } : null,
        collaborators: collaboratorIds
          .map((id) => people.get(id))
          .filter((p): p is UserRef => p !== undefined)
          .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0)),
        creator: people.get(r.creator_id) ?? { id: r.creator_id, username: '', displayName: '' },
        dueAt: r.due_at,
        overdue: r.due_at !== null && r.due_at < now && OPEN_TASK_STATUSES.includes(r.status),
        checklist: JSON.parse(r.checklist),
        nextStep: r.next_step,
        source: r.source ? JSON.parse(r.source) : null,
        replyCount: r.reply_count,
        completedAt: r.completed_at,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        can: rightsFrom(ctx, { ...r, department_path: department?.path ?? null }, collaboratorIds, myTeams),
      };
    });
  }
}

/** What the caller may do, from what is already loaded: no query per task in a list. */
function rightsFrom(
  ctx: ActorContext,
  row: VisibleTask,
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
