import type { Task } from '@liaison/contracts';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { tasksByDay, visibleRange } from './calendarTasks.ts';

describe('the task calendar', () => {
  it('loads whole weeks around the month', () => {
    const { from, to } = visibleRange(dayjs('2026-10-15T12:00:00'));
    expect(from.format('YYYY-MM-DD')).toBe('2026-09-24');
    expect(to.format('YYYY-MM-DD')).toBe('2026-11-14');
  });

  it('groups tasks by their local due day, soonest first, skipping undated ones', () => {
    const at = (id: string, dueAt: string | null) => ({ id, dueAt }) as Task;
    const late = dayjs('2026-10-01T18:00:00').toISOString();
    const early = dayjs('2026-10-01T09:00:00').toISOString();
    const days = tasksByDay([at('a', late), at('b', null), at('c', early)]);
    expect([...days.keys()]).toEqual(['2026-10-01']);
    expect(days.get('2026-10-01')?.map((t) => t.id)).toEqual(['c', 'a']);
  });
});
