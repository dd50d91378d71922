import {
  CreateDeptRequest,
  CreateTaskRequest,
  CreateTeamRequest,
  type Department,
  type DeptRequestDetail,
  type TaskDetail,
  type TeamDetail,
} from '@liaison/contracts';
import type { TestApp } from '../app.ts';

/**
 * Factories for work items (tasks, department requests) and the teams they go to. Each arranges
 * its data through the services as the person named, so a test that is about something else does
 * not repeat the POSTs; defaults are filled the way the contract fills them.
 */

let counter = 0;

/** A task created by `by`, assigned to `assignee` (default `by`) or to `team`. */
export async function buildTask(
  t: TestApp,
  input: {
    by: { id: string };
    assignee?: { id: string } | null;
    team?: { id: string } | null;
    title?: string;
    description?: string;
    collaborators?: readonly { id: string }[];
    dueAt?: string | null;
    priority?: CreateTaskRequest['priority'];
    checklist?: readonly string[];
    nextStep?: string | null;
  },
): Promise<TaskDetail> {
  counter += 1;
  const assignee = input.assignee === undefined ? (input.team ? null : input.by) : input.assignee;
  return t.services.tasks.create(
    await t.ctxFor(input.by),
    CreateTaskRequest.parse({
      title: input.title ?? `测试任务${counter}`,
      description: input.description,
      assigneeId: assignee?.id ?? null,
      teamId: input.team?.id ?? null,
      collaboratorIds: input.collaborators?.map((c) => c.id),
      dueAt: input.dueAt ?? null,
      priority: input.priority,
      checklist: input.checklist?.map((text) => ({ text })),
      nextStep: input.nextStep ?? null,
    }),
  );
}

/** A request raised by `by` (on behalf of their own department, or `from`) to department `to`. */
export async function buildRequest(
  t: TestApp,
  input: {
    by: { id: string };
    to: { id: string };
    from?: { id: string };
    title?: string;
    body?: string;
    priority?: CreateDeptRequest['priority'];
    wantedBy?: string | null;
  },
): Promise<DeptRequestDetail> {
  counter += 1;
  return t.services.requests.create(
    await t.ctxFor(input.by),
    CreateDeptRequest.parse({
      toDepartmentId: input.to.id,
      fromDepartmentId: input.from?.id,
      title: input.title ?? `测试请求${counter}`,
      body: input.body ?? `请协助处理第 ${counter} 件事。`,
      priority: input.priority,
      wantedBy: input.wantedBy ?? null,
    }),
  );
}

/** A team (or project group) owned by `owner`, with `members` (the owner is always one). */
export async function buildTeam(
  t: TestApp,
  input: {
    owner: { id: string };
    members?: readonly { id: string }[];
    department?: Department | null;
    name?: string;
    kind?: 'team' | 'project';
  },
): Promise<TeamDetail> {
  counter += 1;
  return t.services.teams.create(
    t.adminCtx,
    CreateTeamRequest.parse({
      name: input.name ?? `测试团队${counter}`,
      kind: input.kind ?? 'team',
      departmentId: input.department?.id ?? null,
      ownerId: input.owner.id,
      memberIds: input.members?.map((m) => m.id) ?? [],
    }),
  );
}
