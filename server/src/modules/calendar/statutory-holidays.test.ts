import { describe, expect, it } from 'vitest';
import { STATUTORY_YEARS, statutoryHolidays } from './statutory-holidays.ts';

/** Days off in the State Council's arrangements (国务院办公厅关于 2025 / 2026 年部分节假日安排的通知). */
const OFFICIAL_DAYS_OFF: Record<number, [string, number][]> = {
  2025: [
    ['2025-01-01', 1],
    ['2025-01-28', 8],
    ['2025-04-04', 3],
    ['2025-05-01', 5],
    ['2025-05-31', 3],
    ['2025-10-01', 8],
  ],
  2026: [
    ['2026-01-01', 3],
    ['2026-02-15', 9],
    ['2026-04-04', 3],
    ['2026-05-01', 5],
    ['2026-06-19', 3],
    ['2026-09-25', 3],
    ['2026-10-01', 7],
  ],
};

function expand(runs: [string, number][]): Set<string> {
  const out = new Set<string>();
  for (const [from, count] of runs) {
    for (let i = 0; i < count; i++) {
      out.add(new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
    }
  }
  return out;
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('statutory holidays (全国年节及纪念日放假办法, 2024)', () => {
  it('gives 2027 its thirteen days and gives back those falling on a weekend', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      // 除夕 is Friday 5 February, 春节 Saturday the 6th: Saturday and Sunday are given back.
      { date: '2027-02-05', kind: 'holiday', name: '春节' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-02-09', kind: 'holiday', name: '春节（补假）' },
      { date: '2027-02-10', kind: 'holiday', name: '春节（补假）' },
      { date: '2027-04-05', kind: 'holiday', name: '清明节' },
      { date: '2027-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2027-05-02', kind: 'holiday', name: '劳动节' },
      { date: '2027-05-03', kind: 'holiday', name: '劳动节（补假）' },
      { date: '2027-05-04', kind: 'holiday', name: '劳动节（补假）' },
      { date: '2027-06-09', kind: 'holiday', name: '端午节' },
      { date: '2027-09-15', kind: 'holiday', name: '中秋节' },
      { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-03', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-04', kind: 'holiday', name: '国庆节（补假）' },
      { date: '2027-10-05', kind: 'holiday', name: '国庆节（补假）' },
    ]);
  });

  it.each([2025, 2026])('%s: every day the rules give is a day off in the official arrangement', (year) => {
    const official = expand(OFFICIAL_DAYS_OFF[year]!);
    const provisional = statutoryHolidays(year);
    expect(provisional.filter((d) => !official.has(d.date))).toEqual([]);
    // 2026: 清明 (Sunday 5 April), 劳动节 (Saturday 2 May) and 国庆 (Saturday 3 October) are given back.
    if (year === 2026) {
      expect(provisional.filter((d) => d.name.endsWith('（补假）')).map((d) => d.date)).toEqual([
        '2026-04-06',
        '2026-05-04',
        '2026-10-05',
      ]);
    }
  });

  it('names a day two festivals share for both, and gives it once (中秋 on 1 October 2031)', () => {
    const days = statutoryHolidays(2031);
    expect(days.find((d) => d.date === '2031-10-01')).toEqual({
      date: '2031-10-01',
      kind: 'holiday',
      name: '国庆节、中秋节',
    });
    // 1–3 October 2031 are Wednesday to Friday: nothing to give back.
    expect(days.filter((d) => d.date.startsWith('2031-10'))).toHaveLength(3);
  });

  it('never invents a working weekend, and gives back only on weekdays', () => {
    for (let year = STATUTORY_YEARS.first; year <= STATUTORY_YEARS.last; year++) {
      const days = statutoryHolidays(year);
      expect(new Set(days.map((d) => d.date)).size, String(year)).toBe(days.length);
      expect(days.every((d) => d.kind === 'holiday' && d.date.startsWith(`${year}-`))).toBe(true);
      const statutory = days.filter((d) => !d.name.endsWith('（补假）'));
      const substitutes = days.filter((d) => d.name.endsWith('（补假）'));
      expect([12, 13], String(year)).toContain(statutory.length);
      expect(substitutes.every((d) => weekday(d.date) !== 0 && weekday(d.date) !== 6)).toBe(true);
      const weekendDays = statutory.filter((d) => weekday(d.date) === 0 || weekday(d.date) === 6).length;
      expect(substitutes, String(year)).toHaveLength(weekendDays);
    }
  });

  it('refuses years the 2024 rules do not govern or the lunar table does not cover', () => {
    expect(() => statutoryHolidays(2024)).toThrow(RangeError);
    expect(() => statutoryHolidays(STATUTORY_YEARS.last + 1)).toThrow(RangeError);
  });
});
