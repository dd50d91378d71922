import type { CalendarDayKind, WeekSchedule } from '@liaison/contracts';
import { addDays, fromWallClock, type WallClock, wallClock } from '../../platform/jobs/schedule.ts';

const HOUR_MS = 3_600_000;
/** How far the arithmetic looks for working time before deciding the calendar has none. */
const MAX_DAYS = 3660;

/** The standard week: Monday to Friday, 09:00–12:00 and 13:00–18:00 (eight hours). */
export const DEFAULT_WEEK: WeekSchedule = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  periods:
    weekday <= 5
      ? [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ]
      : [],
}));

export interface CalendarRules {
  timeZone: string;
  week: WeekSchedule;
  /** Exceptions by local date `YYYY-MM-DD`. */
  days: ReadonlyMap<string, CalendarDayKind>;
}

type LocalDate = Pick<WallClock, 'year' | 'month' | 'day'>;

export class NoWorkingTimeError extends Error {
  constructor() {
    super('The business calendar has no working time within ten years.');
    this.name = 'NoWorkingTimeError';
  }
}

/**
 * Working-time arithmetic in the organisation's zone: "N working hours after T" and "working hours
 * between T1 and T2", honouring the weekly hours, public holidays and adjusted working weekends
 * (调休上班, which follow a normal weekday's hours). Every SLA deadline in the product is computed
 * here. Pure and synchronous; CalendarService builds one from the stored rules.
 */
export class WorkingCalendar {
  readonly timeZone: string;
  readonly #byWeekday: Map<number, [number, number][]>;
  readonly #workdayPeriods: [number, number][];
  readonly #days: ReadonlyMap<string, CalendarDayKind>;

  constructor(rules: CalendarRules) {
    this.timeZone = rules.timeZone;
    this.#days = rules.days;
    this.#byWeekday = new Map(
      rules.week.map((d) => [
        d.weekday,
        d.periods
          .map((p) => [minutes(p.start), minutes(p.end)] as [number, number])
          .sort((a, b) => a[0] - b[0]),
      ]),
    );
    // An adjusted working day works Monday's hours (or the first weekday that has any).
    this.#workdayPeriods =
      [1, 2, 3, 4, 5, 6, 7].map((w) => this.#byWeekday.get(w) ?? []).find((p) => p.length > 0) ?? [];
  }

  /** Whether a local date has any working hours. */
  isWorkingDay(date: string): boolean {
    return this.#periodMinutes(parseDate(date)).length > 0;
  }

  /** The local date (`YYYY-MM-DD`) of an instant. */
  localDate(at: Date): string {
    return formatDate(wallClock(at, this.timeZone));
  }

  /**
   * The instant `hours` working hours after `from` (before it when negative). A deadline that
   * uses up a day's last working minute is that day's closing time, not the next morning.
   */
  addWorkingHours(from: Date, hours: number): Date {
    let remaining = Math.round(Math.abs(hours) * HOUR_MS);
    const t = from.getTime();
    if (remaining === 0) return new Date(t);
    const forward = hours > 0;
    let date: LocalDate = wallClock(from, this.timeZone);
    for (let i = 0; i < MAX_DAYS; i++) {
      const periods = this.#periods(date);
      if (forward) {
        for (const [s, e] of periods) {
          if (e <= t) continue;
          const start = Math.max(s, t);
          if (e - start >= remaining) return new Date(start + remaining);
          remaining -= e - start;
        }
      } else {
        for (let p = periods.length - 1; p >= 0; p--) {
          const [s, e] = periods[p]!;
          if (s >= t) continue;
          const end = Math.min(e, t);
          if (end - s >= remaining) return new Date(end - remaining);
          remaining -= end - s;
        }
      }
      date = addDays({ ...date, hour: 0, minute: 0, second: 0 }, forward ? 1 : -1);
    }
    throw new NoWorkingTimeError();
  }

  /** Working hours from `a` to `b` (negative when `b` is earlier). */
  workingHoursBetween(a: Date, b: Date): number {
    if (b < a) return -this.workingHoursBetween(b, a);
    const from = a.getTime();
    const to = b.getTime();
    let total = 0;
    let date: LocalDate = wallClock(a, this.timeZone);
    const last = formatDate(wallClock(b, this.timeZone));
    for (let i = 0; i < 100 * MAX_DAYS; i++) {
      for (const [s, e] of this.#periods(date)) {
        const start = Math.max(s, from);
        const end = Math.min(e, to);
        if (end > start) total += end - start;
      }
      if (formatDate(date) === last) break;
      date = addDays({ ...date, hour: 0, minute: 0, second: 0 }, 1);
    }
    return total / HOUR_MS;
  }

  /** A local date's working periods as instants [start, end), in order. */
  #periods(date: LocalDate): [number, number][] {
    return this.#periodMinutes(date).map(([s, e]) => [this.#at(date, s), this.#at(date, e)]);
  }

  #periodMinutes(date: LocalDate): [number, number][] {
    const exception = this.#days.get(formatDate(date));
    if (exception === 'holiday') return [];
    if (exception === 'workday') return this.#workdayPeriods;
    return this.#byWeekday.get(isoWeekday(date)) ?? [];
  }

  #at(date: LocalDate, minuteOfDay: number): number {
    return fromWallClock(
      { ...date, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, second: 0 },
      this.timeZone,
    ).getTime();
  }
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export function isoWeekday(date: LocalDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function formatDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function parseDate(date: string): LocalDate {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}
