import { z } from 'zod';
import { DateOnly, nameText, Str, Timestamp } from './common.ts';

/** A local time of day, `HH:MM`, 00:00–24:00. */
export const TimeOfDay = Str.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM');

/** One stretch of working time within a day, e.g. 09:00–12:00. */
export const WorkingPeriod = z
  .strictObject({ start: TimeOfDay, end: TimeOfDay })
  .refine((p) => p.start < p.end, { message: 'a period must end after it starts' });
export type WorkingPeriod = z.infer<typeof WorkingPeriod>;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);

/** Working hours for each weekday (seven entries, Monday first); an empty list is a day off. */
export const WeekSchedule = z
  .array(z.strictObject({ weekday: Weekday, periods: z.array(WorkingPeriod).max(6) }))
  .length(7)
  .refine((days) => new Set(days.map((d) => d.weekday)).size === 7, {
    message: 'each weekday exactly once',
  })
  .refine(
    (days) =>
      days.every((d) => {
        const sorted = [...d.periods].sort((a, b) => a.start.localeCompare(b.start));
        return sorted.every((p, i) => i === 0 || sorted[i - 1]!.end <= p.start);
      }),
    { message: 'periods of one day must not overlap' },
  );
export type WeekSchedule = z.infer<typeof WeekSchedule>;

/** A calendar date in the organisation's time zone, `YYYY-MM-DD`. */
export const CalendarDate = DateOnly;

/**
 * A day that departs from the weekly schedule: a public holiday (放假), or an adjusted working
 * day (调休上班) — a weekend day worked to make a holiday longer, which follows a normal weekday's
 * hours (Monday's).
 */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export const CalendarDayKind = z.enum(CALENDAR_DAY_KINDS);
export type CalendarDayKind = z.infer<typeof CalendarDayKind>;

export const CalendarDay = z.object({
  date: CalendarDate,
  kind: CalendarDayKind,
  name: z.string(),
  /**
   * Filled from the statutory holiday rules (《全国年节及纪念日放假办法》) while the year has no
   * official arrangement: provisional until the State Council's notice is imported or entered.
   */
  provisional: z.boolean(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

/** A day as an administrator enters it. */
export const CalendarDayInput = z.strictObject({
  date: CalendarDate,
  kind: CalendarDayKind,
  name: nameText(60),
});
export type CalendarDayInput = z.infer<typeof CalendarDayInput>;

/**
 * Where a year's holidays come from: the official arrangement (imported or entered by an
 * administrator), the statutory rules (provisional), or nowhere yet.
 */
export const CALENDAR_SCHEDULES = ['official', 'provisional', 'none'] as const;
export const CalendarSchedule = z.enum(CALENDAR_SCHEDULES);
export type CalendarSchedule = z.infer<typeof CalendarSchedule>;

export const BusinessCalendar = z
  .object({
    /** IANA zone every working hour is counted in (the organisation's, from configuration). */
    timeZone: z.string(),
    week: WeekSchedule,
    year: z.number().int(),
    /** Where the requested year's holidays come from. */
    schedule: CalendarSchedule,
    /** Exceptions of the requested year, by date. */
    days: z.array(CalendarDay),
    /**
     * From 1 November (organisation's zone) while next year has no official arrangement: which
     * year, and whether it has the provisional one meanwhile. Null otherwise.
     */
    nextYearWarning: z
      .object({ year: z.number().int(), schedule: z.enum(['provisional', 'none']) })
      .nullable(),
  })
  .meta({ id: 'BusinessCalendar' });
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

const CalendarYear = z.coerce.number().int().min(2000).max(2100);
export const CalendarYearQuery = z.strictObject({ year: CalendarYear });
export const CalendarYearParams = z.strictObject({ year: CalendarYear });

/** A year's official arrangement as entered by hand: it replaces every exception of that year. */
export const PutCalendarYearRequest = z.strictObject({ days: z.array(CalendarDayInput).max(366) });
export type PutCalendarYearRequest = z.infer<typeof PutCalendarYearRequest>;

export const UpdateWeekRequest = z.strictObject({ week: WeekSchedule });
export type UpdateWeekRequest = z.infer<typeof UpdateWeekRequest>;

export const CalendarDateParams = z.strictObject({ date: CalendarDate });
export const PutCalendarDayRequest = z.strictObject({ kind: CalendarDayKind, name: nameText(60) });
export type PutCalendarDayRequest = z.infer<typeof PutCalendarDayRequest>;

/**
 * iCalendar (RFC 5545) text to merge into the exceptions. The file is the official arrangement for
 * every year it covers: the provisional days of those years go.
 */
export const ImportCalendarRequest = z.strictObject({
  ics: Str.min(1).max(2_000_000),
  /** Replace the exceptions of every year the file covers instead of merging. */
  replaceYears: z.boolean().default(false),
});
export type ImportCalendarRequest = z.infer<typeof ImportCalendarRequest>;

export const ImportCalendarResult = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  /** Every year the file covers; each now has its official arrangement. */
  years: z.array(z.number().int()),
  /** Those of them whose provisional days the file replaced. */
  replacedProvisional: z.array(z.number().int()),
});
export type ImportCalendarResult = z.infer<typeof ImportCalendarResult>;

/** Either "N working hours after `from`" (hours) or "working hours from `from` to `to`" (to). */
export const WorkingTimeQuery = z
  .strictObject({
    from: Timestamp,
    hours: z.coerce.number().min(-10_000).max(10_000).optional(),
    to: Timestamp.optional(),
  })
  .refine((q) => (q.hours === undefined) !== (q.to === undefined), { message: 'give hours or to' });

export const WorkingTimeAnswer = z.object({
  from: Timestamp,
  at: Timestamp.nullable(),
  hours: z.number().nullable(),
});
export type WorkingTimeAnswer = z.infer<typeof WorkingTimeAnswer>;
