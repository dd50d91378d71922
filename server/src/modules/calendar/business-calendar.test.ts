import { describe, expect, it } from 'vitest';
import { CHINA_2026 } from '../../platform/db/migrations/0004_work.ts';
import { DEFAULT_WEEK, NoWorkingTimeError, WorkingCalendar } from './business-calendar.ts';

const china = new WorkingCalendar({
  timeZone: 'Asia/Shanghai',
  week: DEFAULT_WEEK,
  days: new Map(CHINA_2026.map(([date, kind]) => [date, kind])),
});

/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => sh(local).toISOString();
const add = (local: string, hours: number) => china.addWorkingHours(sh(local), hours).toISOString();

describe('WorkingCalendar.addWorkingHours', () => {
  it('counts only working periods within a day, skipping lunch', () => {
    expect(add('2026-11-23T09:00', 3)).toBe(iso('2026-11-23T12:00'));
    expect(add('2026-11-23T11:30', 1)).toBe(iso('2026-11-23T13:30'));
    expect(add('2026-11-23T12:30', 1)).toBe(iso('2026-11-23T14:00'));
  });

  it('ends a deadline that uses the whole day at closing time, not the next morning', () => {
    expect(add('2026-11-23T09:00', 8)).toBe(iso('2026-11-23T18:00'));
    expect(add('2026-11-23T09:00', 8.5)).toBe(iso('2026-11-24T09:30'));
  });

  it('skips an ordinary weekend', () => {
    // Friday 17:00: one hour left on Friday, then Monday, Tuesday, and seven hours of Wednesday.
    expect(add('2026-11-20T17:00', 24)).toBe(iso('2026-11-25T17:00'));
    expect(add('2026-11-20T17:00', 2)).toBe(iso('2026-11-23T10:00'));
  });

  it('starts from the next working morning when raised at midnight, at night or on a weekend', () => {
    expect(add('2026-11-23T00:00', 1)).toBe(iso('2026-11-23T10:00'));
    expect(add('2026-11-20T23:59', 1)).toBe(iso('2026-11-23T10:00'));
    expect(add('2026-11-22T12:00', 24)).toBe(iso('2026-11-25T18:00'));
    // Midnight at the end of a working day belongs to the next day.
    expect(add('2026-11-24T00:00', 8)).toBe(iso('2026-11-24T18:00'));
  });

  it('skips the National Day holiday and works the adjusted Saturday (调休)', () => {
    // Wednesday 30 September 10:00: 7 h that day, 1–7 October off, Thursday and Friday 16 h,
    // and the last hour on Saturday 10 October, a working day.
    expect(add('2026-09-30T10:00', 24)).toBe(iso('2026-10-10T10:00'));
  });

  it('works Sunday 20 September, an adjusted working day, on Monday hours', () => {
    expect(china.isWorkingDay('2026-09-20')).toBe(true);
    expect(add('2026-09-19T10:00', 1)).toBe(iso('2026-09-20T10:00'));
    expect(add('2026-09-20T17:30', 1)).toBe(iso('2026-09-21T09:30'));
  });

  it('skips the nine days of the Spring Festival and works both adjusted Saturdays', () => {
    expect(china.isWorkingDay('2026-02-14')).toBe(true);
    expect(china.isWorkingDay('2026-02-16')).toBe(false);
    expect(add('2026-02-13T17:00', 2)).toBe(iso('2026-02-14T10:00'));
    // Saturday 14 February 18:00 → the holiday runs to Monday 23rd; work resumes Tuesday 24th.
    expect(add('2026-02-14T18:00', 1)).toBe(iso('2026-02-24T10:00'));
    expect(china.isWorkingDay('2026-02-28')).toBe(true);
  });

  it('treats a holiday that falls on a weekday as a day off (元旦, 劳动节)', () => {
    expect(china.isWorkingDay('2026-01-01')).toBe(false);
    expect(china.isWorkingDay('2026-01-02')).toBe(false);
    expect(china.isWorkingDay('2026-01-04')).toBe(true);
    expect(add('2025-12-31T17:00', 2)).toBe(iso('2026-01-04T10:00'));
    expect(add('2026-04-30T18:00', 1)).toBe(iso('2026-05-06T10:00'));
  });

  it('goes backwards for negative hours', () => {
    expect(add('2026-11-23T10:00', -2)).toBe(iso('2026-11-20T17:00'));
    expect(add('2026-10-08T09:00', -1)).toBe(iso('2026-09-30T17:00'));
    expect(add('2026-11-23T13:00', -1)).toBe(iso('2026-11-23T11:00'));
  });

  it('returns the same instant for zero hours, even outside working time', () => {
    expect(add('2026-11-22T03:00', 0)).toBe(iso('2026-11-22T03:00'));
  });

  it('reads instants in the organisation zone whatever their offset', () => {
    // 09:00Z is 17:00 in Shanghai.
    expect(china.addWorkingHours(new Date('2026-11-20T09:00:00Z'), 2).toISOString()).toBe(
      iso('2026-11-23T10:00'),
    );
    expect(china.localDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
  });

  it('follows a daylight-saving zone across its change', () => {
    const berlin = new WorkingCalendar({ timeZone: 'Europe/Berlin', week: DEFAULT_WEEK, days: new Map() });
    // Clocks go forward on Sunday 29 March 2026; Monday 10:00 is 08:00Z (CEST), Friday 17:00 is 16:00Z (CET).
    expect(berlin.addWorkingHours(new Date('2026-03-27T16:00:00Z'), 2).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });

  it('refuses a calendar without working time instead of looping', () => {
    const none = new WorkingCalendar({
      timeZone: 'Asia/Shanghai',
      week: DEFAULT_WEEK.map((d) => ({ ...d, periods: [] })),
      days: new Map(),
    });
    expect(() => none.addWorkingHours(sh('2026-11-23T09:00'), 1)).toThrow(NoWorkingTimeError);
  });
});

describe('WorkingCalendar.workingHoursBetween', () => {
  const between = (a: string, b: string) => china.workingHoursBetween(sh(a), sh(b));

  it('counts working time inside one day', () => {
    expect(between('2026-11-23T09:00', '2026-11-23T18:00')).toBe(8);
    expect(between('2026-11-23T11:00', '2026-11-23T14:00')).toBe(2);
    expect(between('2026-11-23T19:00', '2026-11-23T23:00')).toBe(0);
  });

  it('counts across a weekend, a holiday and an adjusted working day', () => {
    expect(between('2026-11-20T17:00', '2026-11-23T10:00')).toBe(2);
    expect(between('2026-09-30T09:00', '2026-10-08T09:00')).toBe(8);
    expect(between('2026-09-30T10:00', '2026-10-10T10:00')).toBe(24);
  });

  it('is negative when the end comes first', () => {
    expect(between('2026-11-23T10:00', '2026-11-20T17:00')).toBe(-2);
  });

  it('inverts addWorkingHours', () => {
    const starts = ['2026-02-13T16:20', '2026-09-30T11:45', '2026-11-20T23:00', '2026-12-31T12:10'];
    for (const start of starts) {
      for (const hours of [0.5, 1, 7.25, 24, 48, 100]) {
        const end = china.addWorkingHours(sh(start), hours);
        expect(china.workingHoursBetween(sh(start), end)).toBeCloseTo(hours, 6);
      }
    }
  });
});
