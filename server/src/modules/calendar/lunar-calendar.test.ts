import { describe, expect, it } from 'vitest';
import { fromLunar, LUNAR_YEARS, LunarRangeError, lunarMonths, lunarNewYearsEve } from './lunar-calendar.ts';

/**
 * 除夕, 春节 (正月初一), 端午 (五月初五) and 中秋 (八月十五) as published in the Hong Kong
 * Observatory's Gregorian–Lunar Calendar Conversion Tables (the same as the mainland almanac).
 */
const PUBLISHED: Record<
  number,
  [eve: string, springFestival: string, dragonBoat: string, midAutumn: string]
> = {
  2020: ['2020-01-24', '2020-01-25', '2020-06-25', '2020-10-01'],
  2021: ['2021-02-11', '2021-02-12', '2021-06-14', '2021-09-21'],
  2022: ['2022-01-31', '2022-02-01', '2022-06-03', '2022-09-10'],
  2023: ['2023-01-21', '2023-01-22', '2023-06-22', '2023-09-29'],
  2024: ['2024-02-09', '2024-02-10', '2024-06-10', '2024-09-17'],
  2025: ['2025-01-28', '2025-01-29', '2025-05-31', '2025-10-06'],
  2026: ['2026-02-16', '2026-02-17', '2026-06-19', '2026-09-25'],
  2027: ['2027-02-05', '2027-02-06', '2027-06-09', '2027-09-15'],
  2028: ['2028-01-25', '2028-01-26', '2028-05-28', '2028-10-03'],
  2029: ['2029-02-12', '2029-02-13', '2029-06-16', '2029-09-22'],
  2030: ['2030-02-02', '2030-02-03', '2030-06-05', '2030-09-12'],
  2031: ['2031-01-22', '2031-01-23', '2031-06-24', '2031-10-01'],
  2032: ['2032-02-10', '2032-02-11', '2032-06-12', '2032-09-19'],
  2033: ['2033-01-30', '2033-01-31', '2033-06-01', '2033-09-08'],
  2034: ['2034-02-18', '2034-02-19', '2034-06-20', '2034-09-27'],
  2035: ['2035-02-07', '2035-02-08', '2035-06-10', '2035-09-16'],
};

/** Leap months as published (闰N月 follows month N). */
const LEAP_MONTHS: Record<number, number> = {
  2020: 4,
  2023: 2,
  2025: 6,
  2028: 5,
  2031: 3,
  2033: 11,
  2036: 6,
  2039: 5,
};

const DAY_MS = 86_400_000;
const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

describe('the lunar calendar for China', () => {
  it.each(Object.entries(PUBLISHED))(
    '%s: 除夕, 春节, 端午 and 中秋 fall on the published dates',
    (year, dates) => {
      const y = Number(year);
      expect([lunarNewYearsEve(y), fromLunar(y, 1, 1), fromLunar(y, 5, 5), fromLunar(y, 8, 15)]).toEqual(
        dates,
      );
    },
  );

  it('places the leap months where they were published', () => {
    for (const [year, after] of Object.entries(LEAP_MONTHS)) {
      const months = lunarMonths(Number(year));
      expect(months, year).toHaveLength(13);
      const index = months.findIndex((m) => m.leap);
      expect(months[index - 1]!.month, year).toBe(after);
      expect(months[index]!.month, year).toBe(after);
    }
    expect(lunarMonths(2027).some((m) => m.leap)).toBe(false);
  });

  it('has no gaps: every lunar year ends the day before the next one begins', () => {
    for (let year = LUNAR_YEARS.first; year < LUNAR_YEARS.last; year++) {
      const months = lunarMonths(year);
      const last = months.at(-1)!;
      expect(day(last.start) + last.days, String(year)).toBe(day(lunarMonths(year + 1)[0]!.start));
      expect(months.length === 12 || months.length === 13, String(year)).toBe(true);
      const length = months.reduce((sum, m) => sum + m.days, 0);
      expect([353, 354, 355, 383, 384, 385], String(year)).toContain(length);
    }
  });

  it("agrees with ICU's Chinese calendar except for months that start at a new moon next to midnight", () => {
    // ICU's astronomy is a few minutes off, so where the new moon falls minutes from midnight
    // Beijing time (23:56 on 6 February 2027, 00:07 on 3 February 2030 …) its month starts a day
    // away from the published one. [published first day, ICU's first day]:
    const expected = [
      ['2012-08-17', '2012-08-18'],
      ['2018-11-08', '2018-11-07'],
      ['2027-02-06', '2027-02-07'],
      ['2030-02-03', '2030-02-02'],
      ['2057-09-28', '2057-09-29'],
      ['2070-03-12', '2070-03-13'],
    ];
    const icu = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', day: 'numeric' });
    const isIcuFirst = (d: number) => icu.format(new Date(d * DAY_MS)) === '1';
    const differing: string[][] = [];
    for (let year = LUNAR_YEARS.first; year <= LUNAR_YEARS.last; year++) {
      for (const month of lunarMonths(year)) {
        const start = day(month.start);
        if (isIcuFirst(start)) continue;
        // Months are 29 or 30 days long, so ICU's first day is one of the neighbours.
        const icuStart = [start - 1, start + 1].find(isIcuFirst);
        differing.push([
          month.start,
          icuStart ? new Date(icuStart * DAY_MS).toISOString().slice(0, 10) : '?',
        ]);
      }
    }
    expect(differing).toEqual(expected);
  });

  it('refuses years it does not know', () => {
    expect(() => lunarMonths(LUNAR_YEARS.last + 1)).toThrow(LunarRangeError);
    expect(() => fromLunar(1999, 1, 1)).toThrow(LunarRangeError);
    expect(() => fromLunar(2027, 1, 31)).toThrow(RangeError);
  });
});
