import { wallClock } from '../../platform/jobs/schedule.ts';

/**
 * The State Council publishes next year's holiday arrangement in the autumn (late October to
 * mid-November). From 1 November in the organisation's zone, a next year without its official
 * arrangement is filled from the statutory rules and its administrators are warned.
 */
export const NEXT_YEAR_FROM = { month: 11, day: 1 } as const;

/** The current year in the organisation's zone. */
export function currentYear(now: Date, timeZone: string): number {
  return wallClock(now, timeZone).year;
}

/** Next year's number from 1 November on, else null. */
export function nextYearDue(now: Date, timeZone: string): number | null {
  const local = wallClock(now, timeZone);
  const due =
    local.month > NEXT_YEAR_FROM.month ||
    (local.month === NEXT_YEAR_FROM.month && local.day >= NEXT_YEAR_FROM.day);
  return due ? local.year + 1 : null;
}
