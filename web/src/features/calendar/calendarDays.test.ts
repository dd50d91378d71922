import type { CalendarDay } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { dayRuns } from './calendarDays.ts';
import { daysFromEntries, entriesFromDays } from './officialYear.ts';

const day = (
  date: string,
  name: string,
  kind: CalendarDay['kind'] = 'holiday',
  provisional = false,
): CalendarDay => ({ date, name, kind, provisional });

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

  it('keeps provisional days apart from days an administrator entered', () => {
    const runs = dayRuns([
      day('2027-02-08', '春节', 'holiday', true),
      day('2027-02-09', '春节', 'holiday', false),
      day('2027-02-05', '春节', 'holiday', true),
    ]);
    expect(runs.map((r) => [r.from, r.to, r.provisional])).toEqual([
      ['2027-02-05', '2027-02-05', true],
      ['2027-02-08', '2027-02-08', true],
      ['2027-02-09', '2027-02-09', false],
    ]);
  });
});

describe('entering the official arrangement', () => {
  it('starts from the year’s runs, provisional or not, and turns entries back into days', () => {
    const entries = entriesFromDays([
      day('2027-02-05', '春节', 'holiday', true),
      day('2027-02-06', '春节', 'holiday', false),
      day('2027-02-20', '春节调休上班', 'workday'),
    ]);
    expect(entries).toEqual([
      { from: '2027-02-05', to: '2027-02-06', kind: 'holiday', name: '春节' },
      { from: '2027-02-20', to: '2027-02-20', kind: 'workday', name: '春节调休上班' },
    ]);
    expect(daysFromEntries(2027, [{ ...entries[0]!, to: '2027-02-07' }, entries[1]!])).toEqual({
      days: [
        { date: '2027-02-05', kind: 'holiday', name: '春节' },
        { date: '2027-02-06', kind: 'holiday', name: '春节' },
        { date: '2027-02-07', kind: 'holiday', name: '春节' },
        { date: '2027-02-20', kind: 'workday', name: '春节调休上班' },
      ],
    });
  });

  it('names the entry outside the year or overlapping an earlier one', () => {
    const entry = { from: '2027-12-31', to: '2028-01-01', kind: 'holiday' as const, name: '元旦' };
    expect(daysFromEntries(2027, [entry])).toEqual({ problem: { reason: 'outsideYear', row: 1 } });
    const a = { from: '2027-10-01', to: '2027-10-07', kind: 'holiday' as const, name: '国庆节' };
    const b = { from: '2027-10-07', to: '2027-10-08', kind: 'holiday' as const, name: '国庆节' };
    expect(daysFromEntries(2027, [a, b])).toEqual({ problem: { reason: 'overlap', row: 2 } });
  });
});
