import { TASK_STATUSES, type Task, type TaskStatus } from '@liaison/contracts';

/** The board's columns, in the order work moves through them. */
export const BOARD_COLUMNS: readonly TaskStatus[] = TASK_STATUSES;

/** Tasks per status column, each column in the order the list came in (due first). */
export function groupByStatus(tasks: readonly Task[]): Record<TaskStatus, Task[]> {
  const columns = Object.fromEntries(BOARD_COLUMNS.map((status) => [status, [] as Task[]])) as Record<
    TaskStatus,
    Task[]
  >;
  for (const task of tasks) columns[task.status].push(task);
  return columns;
}

/** Whether a card may be dropped on a column: the caller may change its status, and it changes. */
export function canDrop(task: Pick<Task, 'status' | 'can'> | undefined, target: TaskStatus): boolean {
  return !!task && task.can.changeStatus && task.status !== target;
}

/**
 * The list with one task moved to another column, before the server confirms it. A task leaving
 * the open statuses cannot be overdue any more; one coming back is judged again by the server.
 */
export function moveTask<T extends Pick<Task, 'id' | 'status' | 'overdue' | 'dueAt'>>(
  tasks: readonly T[],
  id: string,
  status: TaskStatus,
  now: Date = new Date(),
): T[] {
  return tasks.map((task) => {
    if (task.id !== id) return task;
    const open = status === 'todo' || status === 'in_progress' || status === 'blocked';
    const late = task.dueAt !== null && new Date(task.dueAt).getTime() < now.getTime();
    return { ...task, status, overdue: open && late };
  });
}
