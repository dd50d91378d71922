import { describe, expect, it } from 'vitest';
import { SOLAR_TERMS, solarTermDate, solarTermInstant } from './solar-terms.ts';

/** The day of 清明 in April (Beijing time), as published in the Hong Kong Observatory's tables. */
const PUBLISHED_QINGMING: Record<number, number> = {
  2015: 5,
  2016: 4,
  2017: 4,
  2018: 5,
  2019: 5,
  2020: 4,
  2021: 4,
  2022: 5,
  2023: 5,
  2024: 4,
  2025: 4,
  2026: 5,
  2027: 5,
  2028: 4,
  2029: 4,
  2030: 5,
  2031: 5,
  2032: 4,
  2033: 4,
  2034: 5,
  2035: 5,
  2036: 4,
  2037: 4,
  2038: 5,
  2039: 5,
  2040: 4,
  2041: 4,
  2042: 4,
  2043: 5,
  2044: 4,
  2045: 4,
  2046: 4,
  2047: 5,
  2048: 4,
  2049: 4,
  2050: 4,
};

describe('solar terms', () => {
  it.each(Object.entries(PUBLISHED_QINGMING))('清明 %s falls on the published day', (year, day) => {
    expect(solarTermDate(Number(year), SOLAR_TERMS.清明)).toBe(`${year}-04-0${day}`);
  });

  it('finds the moment within minutes of the almanac', () => {
    // 清明 2018: 5 April 04:12:43 Beijing time (20:12:43 UTC on the 4th).
    const at = solarTermInstant(2018, SOLAR_TERMS.清明).getTime();
    expect(Math.abs(at - Date.parse('2018-04-04T20:12:43Z'))).toBeLessThan(10 * 60_000);
  });

  it('agrees with the 21st-century rule of thumb [Y·0.2422 + 4.81] − [Y/4] for 2000–2099', () => {
    for (let year = 2000; year < 2100; year++) {
      const y = year % 100;
      const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
      expect(solarTermDate(year, SOLAR_TERMS.清明), String(year)).toBe(`${year}-04-0${day}`);
    }
  });
});
