import { fromLunar, LUNAR_YEARS, lunarNewYearsEve } from './lunar-calendar.ts';
import { SOLAR_TERMS, solarTermDate } from './solar-terms.ts';

/**
 * The holidays a year gets by law before the State Council publishes its arrangement for it:
 * 《全国年节及纪念日放假办法》 as amended in 2024 (in force from 2025).
 *
 * Article 2, the holidays of all citizens: 元旦 1 day (1 January); 春节 4 days (农历除夕 and
 * 正月初一 to 初三); 清明节 1 day (the day of the solar term 清明); 劳动节 2 days (1–2 May); 端午节
 * 1 day (五月初五); 中秋节 1 day (八月十五); 国庆节 3 days (1–3 October).
 *
 * Article 6: such a holiday that falls on a Saturday or Sunday is given back on a working day
 * (补假). The law does not say which; every arrangement since has given it on the working days
 * right after the holiday (2025: 端午 on Saturday 31 May → Monday 2 June; 2026: 清明 on Sunday
 * 5 April → Monday 6 April, 劳动节 on Saturday 2 May → Monday 4 May, 国庆 on Saturday 3 October →
 * Monday 5 October), and so does this rule.
 *
 * What only the notice decides is left out: the weekends worked to join a holiday to a weekend
 * (调休上班) and the days off they pay for. A year filled from these rules is marked provisional.
 */

export interface StatutoryDay {
  date: string;
  kind: 'holiday';
  name: string;
}

/** The first year the 2024 amendment governs; earlier years followed other rules. */
export const STATUTORY_RULES_SINCE = 2025;
export const STATUTORY_YEARS = { first: STATUTORY_RULES_SINCE, last: LUNAR_YEARS.last } as const;

export function hasStatutoryRules(year: number): boolean {
  return year >= STATUTORY_YEARS.first && year <= STATUTORY_YEARS.last;
}

/** The statutory holidays of `year` with their 补假 days, in date order. */
export function statutoryHolidays(year: number): StatutoryDay[] {
  if (!hasStatutoryRules(year)) {
    throw new RangeError(
      `Statutory holidays are computed for ${STATUTORY_YEARS.first}–${STATUTORY_YEARS.last}, not ${year}.`,
    );
  }
  const eve = lunarNewYearsEve(year);
  const festivals: { name: string; dates: string[] }[] = [
    { name: '元旦', dates: [`${year}-01-01`] },
    { name: '春节', dates: [eve, addDays(eve, 1), addDays(eve, 2), addDays(eve, 3)] },
    { name: '清明节', dates: [solarTermDate(year, SOLAR_TERMS.清明)] },
    { name: '劳动节', dates: [`${year}-05-01`, `${year}-05-02`] },
    { name: '端午节', dates: [fromLunar(year, 5, 5)] },
    // Before 中秋: when 中秋 is 1 October the day is called 国庆节、中秋节, as the notices do.
    { name: '国庆节', dates: [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`] },
    { name: '中秋节', dates: [fromLunar(year, 8, 15)] },
  ];

  // A date two festivals share (中秋 on 1 October) is one day off, named for both.
  const names = new Map<string, string[]>();
  for (const festival of festivals) {
    for (const date of festival.dates) names.set(date, [...(names.get(date) ?? []), festival.name]);
  }
  const taken = new Set(names.keys());
  const substitutes = new Map<string, string>();
  for (const festival of [...festivals].sort((a, b) => a.dates[0]!.localeCompare(b.dates[0]!))) {
    // A shared date is given back once, by the festival that comes first.
    const weekend = festival.dates.filter(
      (date) => isWeekend(date) && names.get(date)![0] === festival.name,
    ).length;
    let date = festival.dates.at(-1)!;
    for (let owed = weekend; owed > 0; ) {
      date = addDays(date, 1);
      if (isWeekend(date) || taken.has(date)) continue;
      taken.add(date);
      substitutes.set(date, `${festival.name}（补假）`);
      owed -= 1;
    }
  }

  const days: StatutoryDay[] = [
    ...[...names].map(([date, of]) => ({ date, kind: 'holiday' as const, name: of.join('、') })),
    ...[...substitutes].map(([date, name]) => ({ date, kind: 'holiday' as const, name })),
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}
