/**
 * The Chinese lunar calendar (农历) as reckoned for China (Beijing time, UTC+8) — the dates the
 * State Council's holidays follow — for 2000–2100.
 *
 * Why a table and not Intl's `chinese` calendar: ICU computes new moons with a few minutes' error,
 * and a new moon that close to midnight moves a whole month by a day. Node's ICU starts the 2027
 * lunar year on 7 February (the new moon is at 23:56 Beijing time on the 6th, and 春节 is the
 * 6th), likewise the 2030 one on 2 February instead of the 3rd; `lunar-calendar.test.ts` lists
 * every such month. The table follows the rules of GB/T 33661-2017 (《农历的编算和颁行》) with
 * modern ephemerides, as the Purple Mountain and Hong Kong observatories publish it; the tests hold
 * it to the Hong Kong Observatory's published festival dates and leap months. The Observatory itself
 * flags the new moon of 28 September 2057 as too close to midnight to be certain decades ahead.
 *
 * One entry per lunar year: the Gregorian month and day of 正月初一; each month's length in order
 * (1 = 30 days 大月, 0 = 29 days 小月), thirteen when the year has a leap month; and the month the
 * leap month follows (`4` → 闰四月 comes after 四月).
 */
const FIRST_YEAR = 2000;
const YEARS = [
  '0205 110010010110', // 2000
  '0124 1101010010101 4', // 2001 闰四月
  '0212 110101001010', // 2002
  '0201 110110100101', // 2003
  '0122 0101101010101 2', // 2004 闰二月
  '0209 010101101010', // 2005
  '0129 1010101011011 7', // 2006 闰七月
  '0218 001001011101', // 2007
  '0207 100100101101', // 2008
  '0126 1100100101011 5', // 2009 闰五月
  '0214 101010010101', // 2010
  '0203 101101001010', // 2011
  '0123 1011010101010 4', // 2012 闰四月
  '0210 101011010101', // 2013
  '0131 0101010110101 9', // 2014 闰九月
  '0219 010010111010', // 2015
  '0208 101001011011', // 2016
  '0128 0101001010111 6', // 2017 闰六月
  '0216 010100101011', // 2018
  '0205 101010010011', // 2019
  '0125 0111010010101 4', // 2020 闰四月
  '0212 011010101010', // 2021
  '0201 101011010101', // 2022
  '0122 0100110110101 2', // 2023 闰二月
  '0210 010010110110', // 2024
  '0129 1010010101110 6', // 2025 闰六月
  '0217 101001001110', // 2026
  '0206 110100100110', // 2027
  '0126 1110100100110 5', // 2028 闰五月
  '0213 110101010011', // 2029
  '0203 010110101010', // 2030
  '0123 0110101101010 3', // 2031 闰三月
  '0211 100101101101', // 2032
  '0131 0100101011101 11', // 2033 闰十一月
  '0219 010010101101', // 2034
  '0208 101001001101', // 2035
  '0128 1101001001011 6', // 2036 闰六月
  '0215 110100100101', // 2037
  '0204 110101010010', // 2038
  '0124 1101101010100 5', // 2039 闰五月
  '0212 101101011010', // 2040
  '0201 010101101101', // 2041
  '0122 0100101011011 2', // 2042 闰二月
  '0210 010010011011', // 2043
  '0130 1010010010111 7', // 2044 闰七月
  '0217 101001001011', // 2045
  '0206 101010100101', // 2046
  '0126 1011010100101 5', // 2047 闰五月
  '0214 011011010010', // 2048
  '0202 101011011010', // 2049
  '0123 0101010110110 3', // 2050 闰三月
  '0211 100100110111', // 2051
  '0201 0100100101111 8', // 2052 闰八月
  '0219 010010010111', // 2053
  '0208 011001001011', // 2054
  '0128 0110101001010 6', // 2055 闰六月
  '0215 111010100101', // 2056
  '0204 011010101010', // 2057
  '0124 1010101101100 4', // 2058 闰四月
  '0212 101010101110', // 2059
  '0202 100100101110', // 2060
  '0121 1100100101110 3', // 2061 闰三月
  '0209 110010010110', // 2062
  '0129 1101010010101 7', // 2063 闰七月
  '0217 110101001010', // 2064
  '0205 110110100101', // 2065
  '0126 0101101010101 5', // 2066 闰五月
  '0214 010101101010', // 2067
  '0203 101001101101', // 2068
  '0123 0101001011101 4', // 2069 闰四月
  '0211 010100101101', // 2070
  '0131 1010100101011 8', // 2071 闰八月
  '0219 101010010101', // 2072
  '0207 101101001010', // 2073
  '0127 1011010101010 6', // 2074 闰六月
  '0215 101011010101', // 2075
  '0205 010101011010', // 2076
  '0124 1010010111010 4', // 2077 闰四月
  '0212 101001011011', // 2078
  '0202 010100101011', // 2079
  '0122 1010100100111 3', // 2080 闰三月
  '0209 011010010011', // 2081
  '0129 0111001010011 7', // 2082 闰七月
  '0217 011010101010', // 2083
  '0206 101011010101', // 2084
  '0126 0100110110101 5', // 2085 闰五月
  '0214 010010110110', // 2086
  '0203 101001010111', // 2087
  '0124 0101001001110 4', // 2088 闰四月
  '0210 110100010110', // 2089
  '0130 1110100100110 8', // 2090 闰八月
  '0218 110101010010', // 2091
  '0207 110110101010', // 2092
  '0127 0110101101010 6', // 2093 闰六月
  '0215 010101101101', // 2094
  '0205 010010101110', // 2095
  '0125 1010010011101 4', // 2096 闰四月
  '0212 101000101101', // 2097
  '0201 110100010101', // 2098
  '0121 1101100100101 2', // 2099 闰二月
  '0209 110101010010', // 2100
];

export const LUNAR_YEARS = { first: FIRST_YEAR, last: FIRST_YEAR + YEARS.length - 1 } as const;

export interface LunarMonth {
  /** 1 = 正月 … 12 = 腊月. */
  month: number;
  leap: boolean;
  days: 29 | 30;
  /** Gregorian date of its first day, `YYYY-MM-DD`. */
  start: string;
}

export class LunarRangeError extends Error {
  constructor(year: number) {
    super(`The lunar calendar is known for ${LUNAR_YEARS.first}–${LUNAR_YEARS.last}, not ${year}.`);
    this.name = 'LunarRangeError';
  }
}

/** The months of the lunar year that starts in Gregorian `year`, in order. */
export function lunarMonths(year: number): LunarMonth[] {
  const entry = YEARS[year - FIRST_YEAR];
  if (entry === undefined) throw new LunarRangeError(year);
  const [monthDay, lengths, leapAfter] = entry.split(' ') as [string, string, string | undefined];
  const leap = leapAfter ? Number(leapAfter) : 0;
  let start = Date.UTC(year, Number(monthDay.slice(0, 2)) - 1, Number(monthDay.slice(2)));
  const months: LunarMonth[] = [];
  let month = 0;
  for (const bit of lengths) {
    const isLeap = leap > 0 && month === leap && !months.some((m) => m.leap);
    if (!isLeap) month += 1;
    const days = bit === '1' ? 30 : 29;
    months.push({ month, leap: isLeap, days, start: isoDate(start) });
    start += days * DAY_MS;
  }
  return months;
}

/** The Gregorian date of a lunar date (never a leap month's: festivals fall in the ordinary one). */
export function fromLunar(year: number, month: number, day: number): string {
  const found = lunarMonths(year).find((m) => m.month === month && !m.leap);
  if (!found || day < 1 || day > found.days) throw new RangeError(`no lunar date ${year}-${month}-${day}`);
  return isoDate(Date.parse(`${found.start}T00:00:00Z`) + (day - 1) * DAY_MS);
}

/** 除夕: the last day of the lunar year before the one starting in Gregorian `year`. */
export function lunarNewYearsEve(year: number): string {
  return isoDate(Date.parse(`${fromLunar(year, 1, 1)}T00:00:00Z`) - DAY_MS);
}

const DAY_MS = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
