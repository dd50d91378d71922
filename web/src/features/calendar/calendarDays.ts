import type { CalendarDay } from '@liaison/contracts';

/** A run of consecutive days of one kind and name, e.g. 春节 放假 02-15 – 02-23. */
export interface DayRun {
  key: string;
  kind: CalendarDay['kind'];
  name: string;
  from: string;
  to: string;
  /** Filled from the statutory rules (a run never mixes provisional and entered days). */
  provisional: boolean;
  days: CalendarDay[];
}

export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The year's exceptions as runs of consecutive dates sharing kind, name and provenance, in date order. */
export function dayRuns(days: readonly CalendarDay[]): DayRun[] {
  const runs: DayRun[] = [];
  for (const day of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const last = runs.at(-1);
    if (
      last &&
      last.kind === day.kind &&
      last.name === day.name &&
      last.provisional === day.provisional &&
      nextDate(last.to) === day.date
    ) {
      last.to = day.date;
      last.days.push(day);
    } else
      runs.push({
        key: day.date,
        kind: day.kind,
        name: day.name,
        from: day.date,
        to: day.date,
        provisional: day.provisional,
        days: [day],
      });
  }
  return runs;
}
