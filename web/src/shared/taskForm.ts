import type { Task, TaskPriority, UpdateTaskRequest } from '@liaison/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import type { NewTask } from '../api/tasks.ts';

/** The 新建任务 form as antd holds it. */
export interface TaskFormValues {
  title: string;
  description?: string;
  assignTo: 'person' | 'team';
  assigneeId?: string | null;
  teamId?: string | null;
  collaboratorIds?: string[];
  dueAt?: Dayjs | null;
  priority: TaskPriority;
  checklist?: ({ text?: string } | undefined)[];
  nextStep?: string;
}

export function emptyTaskForm(meId: string | null): TaskFormValues {
  return {
    title: '',
    description: '',
    assignTo: 'person',
    assigneeId: meId,
    teamId: null,
    collaboratorIds: [],
    dueAt: null,
    priority: 'normal',
    checklist: [],
    nextStep: '',
  };
}

/** What POST /api/tasks gets: one of person or team, blank checklist lines dropped. */
export function toCreateRequest(values: TaskFormValues): NewTask {
  const person = values.assignTo === 'person';
  const checklist = (values.checklist ?? [])
    .map((item) => item?.text?.trim() ?? '')
    .filter((text) => text !== '')
    .map((text) => ({ text, done: false }));
  const nextStep = values.nextStep?.trim();
  return {
    title: values.title.trim(),
    description: values.description?.trim() ?? '',
    assigneeId: person ? (values.assigneeId ?? null) : null,
    teamId: person ? null : (values.teamId ?? null),
    collaboratorIds: values.collaboratorIds ?? [],
    dueAt: values.dueAt ? values.dueAt.second(0).millisecond(0).toISOString() : null,
    priority: values.priority,
    checklist,
    nextStep: nextStep ? nextStep : null,
  };
}

/** A task's editable fields in the form's shape (the checklist is edited on the page itself). */
export function toTaskForm(task: Task): TaskFormValues {
  return {
    title: task.title,
    description: task.description,
    assignTo: task.assignee || !task.team ? 'person' : 'team',
    assigneeId: task.assignee?.id ?? null,
    teamId: task.team?.id ?? null,
    collaboratorIds: task.collaborators.map((user) => user.id),
    dueAt: task.dueAt ? dayjs(task.dueAt) : null,
    priority: task.priority,
    checklist: [],
    nextStep: task.nextStep ?? '',
  };
}

/** What PATCH /api/tasks/:id gets from the edit form: every field it shows, checklist apart. */
export function toUpdateRequest(values: TaskFormValues): UpdateTaskRequest {
  const { checklist: _checklist, ...fields } = toCreateRequest(values);
  return fields;
}
