import type { CalendarDay, CalendarDayInput, CalendarDayKind } from '@liaison/contracts';
import { dayRuns, nextDate } from './calendarDays.ts';

/** One line of the official arrangement as the notice writes it: 春节 2月15日至23日 放假. */
export interface OfficialEntry {
  from: string;
  to: string;
  kind: CalendarDayKind;
  name: string;
}

export type OfficialYearProblem = { reason: 'outsideYear' | 'overlap'; row: number };

/** The year's current days as entries to start from (provisional runs included, to be corrected). */
export function entriesFromDays(days: readonly CalendarDay[]): OfficialEntry[] {
  // Provisional and entered days of one holiday become one entry again.
  const merged = dayRuns(days.map((d) => ({ ...d, provisional: false })));
  return merged.map((run) => ({ from: run.from, to: run.to, kind: run.kind, name: run.name }));
}

/** The days the entries describe, or the first entry that cannot be saved (1-based). */
export function daysFromEntries(
  year: number,
  entries: readonly OfficialEntry[],
): { days: CalendarDayInput[] } | { problem: OfficialYearProblem } {
  const seen = new Set<string>();
  const days: CalendarDayInput[] = [];
  for (const [i, entry] of entries.entries()) {
    const row = i + 1;
    const [from, to] = entry.from <= entry.to ? [entry.from, entry.to] : [entry.to, entry.from];
    if (!from.startsWith(`${year}-`) || !to.startsWith(`${year}-`))
      return { problem: { reason: 'outsideYear', row } };
    for (let date = from; date <= to; date = nextDate(date)) {
      if (seen.has(date)) return { problem: { reason: 'overlap', row } };
      seen.add(date);
      days.push({ date, kind: entry.kind, name: entry.name.trim() });
    }
  }
  return { days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}
