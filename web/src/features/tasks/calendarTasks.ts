import type { Task } from '@liaison/contracts';
import dayjs, { type Dayjs } from 'dayjs';

/**
 * The span a month view of the calendar shows: whole weeks around the month (six rows), so tasks
 * due on the leading and trailing days show too.
 */
export function visibleRange(month: Dayjs): { from: Dayjs; to: Dayjs } {
  const first = month.startOf('month');
  const from = first.subtract(7, 'day').startOf('day');
  const to = first.endOf('month').add(14, 'day').endOf('day');
  return { from, to };
}

/** Tasks by local due date, `YYYY-MM-DD` → tasks in due order. */
export function tasksByDay(tasks: readonly Task[]): Map<string, Task[]> {
  const days = new Map<string, Task[]>();
  const sorted = [...tasks].filter((task) => task.dueAt).sort((a, b) => a.dueAt!.localeCompare(b.dueAt!));
  for (const task of sorted) {
    const key = dayjs(task.dueAt).format('YYYY-MM-DD');
    const list = days.get(key) ?? [];
    list.push(task);
    days.set(key, list);
  }
  return days;
}
