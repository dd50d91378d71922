import {
  type BusinessCalendar,
  type CalendarDay,
  type CalendarSchedule,
  type ImportCalendarRequest,
  type ImportCalendarResult,
  type PutCalendarDayRequest,
  type PutCalendarYearRequest,
  WeekSchedule,
  type WorkingTimeAnswer,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { DEFAULT_WEEK, NoWorkingTimeError, WorkingCalendar } from './business-calendar.ts';
import * as repo from './calendar.repository.ts';
import { type ICalendarDay, ICalendarError, parseICalendar, toICalendar } from './ical.ts';
import { currentYear, nextYearDue } from './next-year.ts';

export interface CalendarDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  timeZone: string;
}

const WEEK_KEY = 'calendar.week';

interface Compiled {
  calendar: WorkingCalendar;
  signature: string;
  checkedAt: number;
}
/** How often a node checks whether another node changed the calendar. */
const RECHECK_MS = 10_000;

/**
 * The organisation's business calendar (工作日历): administrators edit the weekly hours and the
 * exceptions; every module asks `working()` for the arithmetic. The compiled calendar is cached and
 * rebuilt when the stored rules change (here at once, on other nodes within RECHECK_MS).
 */
export class CalendarService {
  readonly #deps: CalendarDeps;
  #cached: Compiled | null = null;
  #loading: Promise<WorkingCalendar> | null = null;
  #short: Intl.DateTimeFormat | null = null;

  constructor(deps: CalendarDeps) {
    this.#deps = deps;
  }

  get timeZone(): string {
    return this.#deps.timeZone;
  }

  /** A short local date and time for notices, e.g. `11/23 17:00`. */
  formatShort(at: Date): string {
    this.#short ??= new Intl.DateTimeFormat('zh-CN', {
      timeZone: this.#deps.timeZone,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return this.#short.format(at);
  }

  /**
   * The working-time arithmetic as the calendar stands now. Inside a transaction pass it: on
   * SQLite a read on another connection would wait for that transaction to end.
   */
  async working(exec: Executor = this.#deps.db): Promise<WorkingCalendar> {
    const cached = this.#cached;
    const now = Date.now();
    if (cached && now - cached.checkedAt < RECHECK_MS) return cached.calendar;
    if (exec !== this.#deps.db) return this.#load(cached, exec);
    this.#loading ??= this.#load(cached, exec).finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  async #load(previous: Compiled | null, exec: Executor): Promise<WorkingCalendar> {
    const signature = await repo.signature(exec);
    if (previous && previous.signature === signature) {
      this.#cached = { ...previous, checkedAt: Date.now() };
      return previous.calendar;
    }
    const [week, days] = await Promise.all([this.#week(exec), repo.allDays(exec)]);
    const calendar = new WorkingCalendar({
      timeZone: this.#deps.timeZone,
      week,
      days: new Map(days.map((d) => [d.date, d.kind])),
    });
    this.#cached = { calendar, signature, checkedAt: Date.now() };
    return calendar;
  }

  async #week(exec: Executor = this.#deps.db): Promise<WeekSchedule> {
    const stored = await readSetting<unknown>(exec, WEEK_KEY);
    const parsed = WeekSchedule.safeParse(stored);
    return parsed.success ? parsed.data : DEFAULT_WEEK;
  }

  async get(year: number): Promise<BusinessCalendar> {
    const db = this.#deps.db;
    const [week, rows] = await Promise.all([this.#week(), repo.daysOfYears(db, [year])]);
    const next = nextYearDue(this.#deps.clock.now(), this.#deps.timeZone);
    const nextSchedule = next === null ? null : await this.schedule(db, next);
    return {
      timeZone: this.#deps.timeZone,
      week,
      year,
      schedule: await this.schedule(db, year, rows),
      days: rows.map(presentDay),
      nextYearWarning:
        next !== null && nextSchedule !== null && nextSchedule !== 'official'
          ? { year: next, schedule: nextSchedule }
          : null,
    };
  }

  /** Where a year's holidays come from (`days`: the year's rows, when the caller has them). */
  async schedule(exec: Executor, year: number, days?: repo.DayRow[]): Promise<CalendarSchedule> {
    const row = await repo.findYear(exec, year);
    if (row?.official_at) return 'official';
    const rows = days ?? (await repo.daysOfYears(exec, [year]));
    return rows.some((d) => d.provisional === 1) ? 'provisional' : 'none';
  }

  /** After another service changed the stored days: rebuild the arithmetic on next use. */
  changed(): void {
    this.#cached = null;
  }

  async updateWeek(ctx: ActorContext, week: WeekSchedule): Promise<BusinessCalendar> {
    if (!week.some((d) => d.periods.length > 0)) {
      throw errors.invalidField('week', 'At least one weekday must have working hours.');
    }
    const before = await this.#week();
    await this.#deps.db.transaction().execute(async (trx) => {
      await writeSetting(trx, WEEK_KEY, week, ctx.actor.userId, this.#deps.clock.now());
      await this.#deps.audit.record(trx, ctx, {
        action: 'calendar.week.changed',
        targetType: 'calendar',
        summary: { before: describeWeek(before), after: describeWeek(week) },
      });
    });
    this.#cached = null;
    return this.get(this.#year());
  }

  /** An administrator's day is never provisional, even on a date the statutory rules filled. */
  async putDay(ctx: ActorContext, date: string, body: PutCalendarDayRequest): Promise<CalendarDay> {
    const day: CalendarDay = { date, kind: body.kind, name: body.name, provisional: false };
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = await repo.findDay(trx, date);
      await repo.putDay(trx, day, this.#deps.clock.now());
      await this.#deps.audit.record(trx, ctx, {
        action: 'calendar.day.changed',
        targetType: 'calendar_day',
        summary: { date, before: before ? presentDay(before) : null, after: day },
      });
    });
    this.#cached = null;
    return day;
  }

  async deleteDay(ctx: ActorContext, date: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = await repo.findDay(trx, date);
      if (!before) throw errors.notFound(text('calendar.nouns.day'));
      await repo.deleteDay(trx, date);
      await this.#deps.audit.record(trx, ctx, {
        action: 'calendar.day.changed',
        targetType: 'calendar_day',
        summary: { date, before: presentDay(before), after: null },
      });
    });
    this.#cached = null;
  }

  async exportICalendar(year: number): Promise<string> {
    const days = await repo.daysOfYears(this.#deps.db, [year]);
    return toICalendar(days.map(presentDay), `工作日历 ${year}`, this.#deps.timeZone);
  }

  /**
   * Merges a file into the exceptions (or replaces the years it covers). The file is the official
   * arrangement of every year it covers: those years' provisional days go in any case.
   */
  async importICalendar(ctx: ActorContext, body: ImportCalendarRequest): Promise<ImportCalendarResult> {
    let days: ICalendarDay[];
    try {
      days = parseICalendar(body.ics, this.#deps.timeZone);
    } catch (err) {
      if (err instanceof ICalendarError) throw errors.invalidField('ics', err.message);
      throw err;
    }
    if (days.length === 0) throw errors.invalidField('ics', 'The file holds no events.');
    const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort();
    const result = await this.#deps.db.transaction().execute(async (trx) => {
      // Not while the statutory rules are filling one of these years on another node.
      await this.#deps.dialect.lockNamed(trx, repo.YEARS_LOCK);
      const existing = new Map((await repo.daysOfYears(trx, years)).map((d) => [d.date, d]));
      const incoming = new Set(days.map((d) => d.date));
      const goes = (d: repo.DayRow) => body.replaceYears || d.provisional === 1;
      const removed = [...existing.values()].filter((d) => goes(d) && !incoming.has(d.date)).length;
      const replacedProvisional = years.filter((y) =>
        [...existing.values()].some((d) => d.provisional === 1 && d.date.startsWith(`${y}-`)),
      );
      if (body.replaceYears) await repo.deleteYears(trx, years);
      else await repo.deleteProvisional(trx, replacedProvisional);
      let added = 0;
      let updated = 0;
      const now = this.#deps.clock.now();
      for (const day of days) {
        const before = existing.get(day.date);
        if (!before) added += 1;
        else if (before.kind !== day.kind || before.name !== day.name || before.provisional === 1)
          updated += 1;
        else if (!body.replaceYears) continue;
        await repo.putDay(trx, day, now);
      }
      await repo.markYears(trx, years, 'official_at', now);
      const summary = { added, updated, removed, years, replacedProvisional };
      await this.#deps.audit.record(trx, ctx, {
        action: 'calendar.imported',
        targetType: 'calendar',
        summary,
      });
      return summary;
    });
    this.#cached = null;
    return result;
  }

  /**
   * An administrator enters a year's official arrangement by hand: it replaces every exception of
   * that year, provisional or not, and the year is official from now on.
   */
  async putYear(ctx: ActorContext, year: number, body: PutCalendarYearRequest): Promise<BusinessCalendar> {
    const dates = new Set<string>();
    for (const [i, day] of body.days.entries()) {
      if (!day.date.startsWith(`${year}-`)) {
        throw errors.invalidField(`days.${i}.date`, `${day.date} is not in ${year}.`);
      }
      if (dates.has(day.date)) throw errors.invalidField(`days.${i}.date`, `${day.date} is given twice.`);
      dates.add(day.date);
    }
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, repo.YEARS_LOCK);
      const before = await repo.daysOfYears(trx, [year]);
      const schedule = await this.schedule(trx, year, before);
      const now = this.#deps.clock.now();
      await repo.deleteYears(trx, [year]);
      for (const day of body.days) await repo.putDay(trx, day, now);
      await repo.markYears(trx, [year], 'official_at', now);
      await this.#deps.audit.record(trx, ctx, {
        action: 'calendar.year.replaced',
        targetType: 'calendar',
        targetId: String(year),
        summary: {
          year,
          schedule: { from: schedule, to: 'official' },
          before: count(before),
          after: count(body.days),
        },
      });
    });
    this.#cached = null;
    return this.get(year);
  }

  async workingTime(query: { from: string; hours?: number; to?: string }): Promise<WorkingTimeAnswer> {
    const calendar = await this.working();
    const from = new Date(query.from);
    try {
      if (query.to !== undefined) {
        return {
          from: from.toISOString(),
          at: null,
          hours: calendar.workingHoursBetween(from, new Date(query.to)),
        };
      }
      return {
        from: from.toISOString(),
        at: calendar.addWorkingHours(from, query.hours!).toISOString(),
        hours: null,
      };
    } catch (err) {
      if (err instanceof NoWorkingTimeError) throw errors.conflict(text('calendar.errors.noWorkingTime'));
      throw err;
    }
  }

  #year(): number {
    return currentYear(this.#deps.clock.now(), this.#deps.timeZone);
  }
}

function presentDay(row: repo.DayRow): CalendarDay {
  return { date: row.date, kind: row.kind, name: row.name, provisional: row.provisional === 1 };
}

function count(days: readonly { kind: string; provisional?: number }[]) {
  return {
    holidays: days.filter((d) => d.kind === 'holiday').length,
    workdays: days.filter((d) => d.kind === 'workday').length,
    provisional: days.filter((d) => d.provisional === 1).length,
  };
}

function describeWeek(week: WeekSchedule): Record<string, string> {
  return Object.fromEntries(
    week.map((d) => [String(d.weekday), d.periods.map((p) => `${p.start}-${p.end}`).join(',') || 'off']),
  );
}
