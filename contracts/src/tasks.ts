import { z } from 'zod';
import { Id, nameText, PageQuery, page, Str, Timestamp, text, UserRef } from './common.ts';

/** 待办 / 进行中 / 受阻 / 已完成 / 已取消. */
export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;
/** Statuses a task is still open in (it can be overdue, it gets reminders). */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'blocked'];

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TaskPriority = z.enum(TASK_PRIORITIES);
export type TaskPriority = z.infer<typeof TaskPriority>;

export const ChecklistItem = z.object({ id: z.string(), text: z.string(), done: z.boolean() });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** Where a task came from: a message now; meetings, requests and complaints as they are built. */
export const TaskSource = z.object({
  type: z.enum(['message', 'request', 'meeting', 'complaint']),
  id: Id,
  /** Channel of a message source, so the web can open it. */
  channelId: Id.nullable().default(null),
  label: Str.max(200).nullable().default(null),
});
export type TaskSource = z.infer<typeof TaskSource>;

export const TeamRef = z.object({ id: Id, name: z.string() });
export const DepartmentRef = z.object({ id: Id, name: z.string() });
export type DepartmentRef = z.infer<typeof DepartmentRef>;

export const TaskFile = z.object({
  id: Id,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type TaskFile = z.infer<typeof TaskFile>;

export const Task = z
  .object({
    id: Id,
    /** Short human number, e.g. T-1024. */
    number: z.number().int(),
    title: z.string(),
    description: z.string(),
    status: TaskStatus,
    priority: TaskPriority,
    assignee: UserRef.nullable(),
    team: TeamRef.nullable(),
    /** The department the task belongs to (the assignee's, or the team's). */
    department: DepartmentRef.nullable(),
    collaborators: z.array(UserRef),
    creator: UserRef,
    dueAt: Timestamp.nullable(),
    overdue: z.boolean(),
    checklist: z.array(ChecklistItem),
    nextStep: z.string().nullable(),
    source: TaskSource.nullable(),
    replyCount: z.number().int(),
    completedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** What the caller may do with it. */
    can: z.object({ edit: z.boolean(), reply: z.boolean(), changeStatus: z.boolean() }),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

const Checklist = z.array(z.strictObject({ text: text(200), done: z.boolean().default(false) })).max(50);

export const CreateTaskRequest = z
  .strictObject({
    title: nameText(200),
    description: Str.trim().max(10_000).default(''),
    assigneeId: Id.nullable().default(null),
    teamId: Id.nullable().default(null),
    collaboratorIds: z.array(Id).max(50).default([]),
    dueAt: Timestamp.nullable().default(null),
    priority: TaskPriority.default('normal'),
    checklist: Checklist.default([]),
    nextStep: Str.trim().max(500).nullable().default(null),
    source: TaskSource.nullable().default(null),
  })
  .refine((t) => t.assigneeId !== null || t.teamId !== null, {
    message: 'assign the task to a person or a team',
    path: ['assigneeId'],
  });
export type CreateTaskRequest = z.infer<typeof CreateTaskRequest>;

export const UpdateTaskRequest = z.strictObject({
  title: nameText(200).optional(),
  description: Str.trim().max(10_000).optional(),
  assigneeId: Id.nullable().optional(),
  teamId: Id.nullable().optional(),
  collaboratorIds: z.array(Id).max(50).optional(),
  dueAt: Timestamp.nullable().optional(),
  priority: TaskPriority.optional(),
  status: TaskStatus.optional(),
  /** The whole checklist as it should be (items keep their ids when given). */
  checklist: z
    .array(z.strictObject({ id: Str.max(40).optional(), text: text(200), done: z.boolean() }))
    .max(50)
    .optional(),
  nextStep: Str.trim().max(500).nullable().optional(),
});
export type UpdateTaskRequest = z.infer<typeof UpdateTaskRequest>;

/** A progress reply (反馈回复): what was done, optionally a new status and the next step. */
export const TaskReply = z
  .object({
    id: Id,
    author: UserRef,
    body: z.string(),
    statusChange: z.object({ from: TaskStatus, to: TaskStatus }).nullable(),
    nextStep: z.string().nullable(),
    files: z.array(TaskFile),
    createdAt: Timestamp,
  })
  .meta({ id: 'TaskReply' });
export type TaskReply = z.infer<typeof TaskReply>;

export const CreateTaskReplyRequest = z.strictObject({
  body: text(5000),
  status: TaskStatus.optional(),
  nextStep: Str.trim().max(500).nullable().optional(),
  fileIds: z.array(Id).max(10).default([]),
});
export type CreateTaskReplyRequest = z.infer<typeof CreateTaskReplyRequest>;

export const TaskDetail = Task.extend({ replies: z.array(TaskReply) }).meta({ id: 'TaskDetail' });
export type TaskDetail = z.infer<typeof TaskDetail>;

/** mine: assigned to me (directly or through my teams) or collaborating; created: assigned by me. */
export const TASK_VIEWS = ['mine', 'created', 'team', 'department', 'all'] as const;
export const TaskView = z.enum(TASK_VIEWS);
export type TaskView = z.infer<typeof TaskView>;

export const TASK_SORTS = ['due', 'priority', 'created', 'updated'] as const;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(10));

export const TaskListQuery = PageQuery.extend({
  view: TaskView.default('mine'),
  teamId: Id.optional(),
  departmentId: Id.optional(),
  assigneeId: Id.optional(),
  status: csv(TaskStatus).optional(),
  priority: csv(TaskPriority).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: Str.trim().max(100).optional(),
  dueFrom: Timestamp.optional(),
  dueTo: Timestamp.optional(),
  sort: z.enum(TASK_SORTS).default('due'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

export const TaskPage = page(Task);
export type TaskPage = z.infer<typeof TaskPage>;

export const TaskFileParams = z.strictObject({ id: Id, fileId: Id });
