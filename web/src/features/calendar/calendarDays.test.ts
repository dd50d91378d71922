import type { CalendarDay } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { dayRuns } from './calendarDays.ts';

const day = (date: string, name: string, kind: CalendarDay['kind'] = 'holiday'): CalendarDay => ({
  date,
  name,
  kind,
});

describe('holiday runs', () => {
  it('joins consecutive days of one holiday, across a month end, and keeps 调休 apart', () => {
    const runs = dayRuns([
      day('2026-10-01', '国庆节'),
      day('2026-09-30', '国庆节'),
      day('2026-10-02', '国庆节'),
      day('2026-10-10', '国庆节调休上班', 'workday'),
      day('2026-10-04', '国庆节'),
    ]);
    expect(runs.map((r) => [r.from, r.to, r.kind, r.days.length])).toEqual([
      ['2026-09-30', '2026-10-02', 'holiday', 3],
      ['2026-10-04', '2026-10-04', 'holiday', 1],
      ['2026-10-10', '2026-10-10', 'workday', 1],
    ]);
  });
});
