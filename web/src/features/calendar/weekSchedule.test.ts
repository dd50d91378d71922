import type { WeekSchedule } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { nextPeriod, normaliseWeek, periodHours, weekProblem } from './weekSchedule.ts';

const office = [
  { start: '13:30', end: '18:00' },
  { start: '09:00', end: '12:00' },
];
const week = (periods: WeekSchedule[number]['periods'], weekday = 1): WeekSchedule =>
  [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d, periods: d === weekday ? periods : [] }));

describe('the weekly working hours', () => {
  it('adds up a day', () => {
    expect(periodHours(office)).toBe(7.5);
    expect(periodHours([{ start: '00:00', end: '24:00' }])).toBe(24);
  });

  it('finds periods ending before they start, and overlapping ones', () => {
    expect(weekProblem(week(office))).toBeNull();
    expect(weekProblem(week([{ start: '12:00', end: '09:00' }], 3))).toEqual({ weekday: 3, kind: 'invalid' });
    expect(
      weekProblem(
        week(
          [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '14:00' },
          ],
          5,
        ),
      ),
    ).toEqual({ weekday: 5, kind: 'overlap' });
  });

  it('orders days from Monday and periods by time', () => {
    const sorted = normaliseWeek([...week(office)].reverse());
    expect(sorted.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sorted[0]!.periods.map((p) => p.start)).toEqual(['09:00', '13:30']);
  });

  it('suggests the next period after the last', () => {
    expect(nextPeriod([])).toEqual({ start: '09:00', end: '12:00' });
    expect(nextPeriod([{ start: '09:00', end: '12:00' }])).toEqual({ start: '13:00', end: '16:00' });
  });
});
