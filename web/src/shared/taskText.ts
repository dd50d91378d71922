import {
  type ChecklistItem,
  OPEN_TASK_STATUSES,
  type Task,
  type TaskPriority,
  type TaskStatus,
} from '@liaison/contracts';

/** T-123, the way people quote a task. */
export function taskNumber(task: Pick<Task, 'number'>): string {
  return `T-${task.number}`;
}

export function isOpenStatus(status: TaskStatus): boolean {
  return OPEN_TASK_STATUSES.includes(status);
}

export const STATUS_COLOUR: Record<TaskStatus, string> = {
  todo: 'default',
  in_progress: 'processing',
  blocked: 'warning',
  done: 'success',
  cancelled: 'default',
};

export const PRIORITY_COLOUR: Record<TaskPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function checklistProgress(items: readonly ChecklistItem[]): { done: number; total: number } {
  return { done: items.filter((item) => item.done).length, total: items.length };
}

/** The checklist with one item ticked or unticked, as PATCH wants it (every item, ids kept). */
export function toggleChecklist(
  items: readonly ChecklistItem[],
  id: string,
  done: boolean,
): { id: string; text: string; done: boolean }[] {
  return items.map((item) => ({ id: item.id, text: item.text, done: item.id === id ? done : item.done }));
}
