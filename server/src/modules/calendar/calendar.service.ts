import {
  type BusinessCalendar,
  type CalendarDay,
  type ImportCalendarRequest,
  type ImportCalendarResult,
  type PutCalendarDayRequest,
  WeekSchedule,
  type WorkingTimeAnswer,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { DEFAULT_WEEK, NoWorkingTimeError, WorkingCalendar } from './business-calendar.ts';
import * as repo from './calendar.repository.ts';
import { type ICalendarDay, ICalendarError, parseICalendar, toICalendar } from './ical.ts';

export interface CalendarDeps {
  db: Kysely<DB>;
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
    const [week, days] = await Promise.all([this.#week(), repo.daysOfYears(this.#deps.db, [year])]);
    return { timeZone: this.#deps.timeZone, week, days };
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

  async putDay(ctx: ActorContext, date: string, body: PutCalendarDayRequest): Promise<CalendarDay> {
    const day: CalendarDay = { date, kind: body.kind, name: body.name };
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = await repo.findDay(trx, date);
      await repo.putDay(trx, day, this.#deps.clock.now());
      await this.#deps.audit.record(trx, ctx, {
        action: 'calendar.day.changed',
        targetType: 'calendar_day',
        summary: { date, before: before ?? null, after: day },
      });
    });
    this.#cached = null;
    return day;
  }

  async deleteDay(ctx: ActorContext, date: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = await repo.findDay(trx, date);
      if (!before) throw errors.notFound('Calendar day');
      await repo.deleteDay(trx, date);
      await this.#deps.audit.record(trx, ctx, {
        action: 'calendar.day.changed',
        targetType: 'calendar_day',
        summary: { date, before, after: null },
      });
    });
    this.#cached = null;
  }

  async exportICalendar(year: number): Promise<string> {
    const days = await repo.daysOfYears(this.#deps.db, [year]);
    return toICalendar(days, `工作日历 ${year}`, this.#deps.timeZone);
  }

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
      const existing = new Map((await repo.daysOfYears(trx, years)).map((d) => [d.date, d]));
      let removed = 0;
      if (body.replaceYears) {
        const incoming = new Set(days.map((d) => d.date));
        removed = [...existing.keys()].filter((d) => !incoming.has(d)).length;
        await repo.deleteYears(trx, years);
      }
      let added = 0;
      let updated = 0;
      const now = this.#deps.clock.now();
      for (const day of days) {
        const before = existing.get(day.date);
        if (!before) added += 1;
        else if (before.kind !== day.kind || before.name !== day.name) updated += 1;
        else if (!body.replaceYears) continue;
        await repo.putDay(trx, day, now);
      }
      const summary = { added, updated, removed, years };
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
      if (err instanceof NoWorkingTimeError) throw errors.conflict(err.message);
      throw err;
    }
  }

  #year(): number {
    return Number(
      new Intl.DateTimeFormat('en', { timeZone: this.#deps.timeZone, year: 'numeric' }).format(
        this.#deps.clock.now(),
      ),
    );
  }
}

function describeWeek(week: WeekSchedule): Record<string, string> {
  return Object.fromEntries(
    week.map((d) => [String(d.weekday), d.periods.map((p) => `${p.start}-${p.end}`).join(',') || 'off']),
  );
}
