import type { WeekSchedule, WorkingPeriod } from '@liaison/contracts';

export type WeekProblem = { weekday: number; kind: 'invalid' | 'overlap' };

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** Working hours of one day's periods, e.g. 09:00–12:00 and 13:30–18:00 → 7.5. */
export function periodHours(periods: readonly WorkingPeriod[]): number {
  const total = periods.reduce((sum, p) => sum + Math.max(0, minutes(p.end) - minutes(p.start)), 0);
  return Math.round((total / 60) * 100) / 100;
}

/** The first thing the server would refuse: a period ending before it starts, or two overlapping. */
export function weekProblem(week: WeekSchedule): WeekProblem | null {
  for (const day of week) {
    if (day.periods.some((p) => p.start >= p.end)) return { weekday: day.weekday, kind: 'invalid' };
    const sorted = [...day.periods].sort((a, b) => a.start.localeCompare(b.start));
    if (sorted.some((p, i) => i > 0 && sorted[i - 1]!.end > p.start))
      return { weekday: day.weekday, kind: 'overlap' };
  }
  return null;
}

/** The week Monday first, each day's periods in time order (how it is shown and saved). */
export function normaliseWeek(week: WeekSchedule): WeekSchedule {
  return [...week]
    .sort((a, b) => a.weekday - b.weekday)
    .map((day) => ({ ...day, periods: [...day.periods].sort((a, b) => a.start.localeCompare(b.start)) }));
}

/** A new period after the day's last one: the morning if the day is empty, else an hour later. */
export function nextPeriod(periods: readonly WorkingPeriod[]): WorkingPeriod {
  if (periods.length === 0) return { start: '09:00', end: '12:00' };
  const last = Math.max(...periods.map((p) => minutes(p.end)));
  const start = Math.min(last + 60, 22 * 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  const at = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
  return { start: at(start), end: at(Math.min(start + 180, 23 * 60 + 59)) };
}
