import type { Kysely, Transaction } from 'kysely';
import { SYSTEM_CONTEXT } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import * as repo from './calendar.repository.ts';
import type { CalendarService } from './calendar.service.ts';
import { currentYear, nextYearDue } from './next-year.ts';
import { hasStatutoryRules, statutoryHolidays } from './statutory-holidays.ts';

export interface CalendarYearsDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  calendar: CalendarService;
  notifications: NotificationsService;
  roles: RolesService;
  jobs: JobQueue;
  timeZone: string;
  log?: { warn(obj: object, msg: string): void };
}

const JOB_KIND = 'calendar.years';
const RULES = '《全国年节及纪念日放假办法》（2024 年修订）';

/**
 * A year is never left without holidays: while it has no official arrangement, the statutory rules
 * fill it provisionally — the current year, and next year from 1 November — and from 1 November
 * the calendar's administrators are told, once, that next year's arrangement is missing. A daily
 * job does both (start-up does the filling too); each step is recorded on the year's row, so
 * running it again changes nothing, and a year an administrator has since emptied is not filled
 * again.
 */
export class CalendarYearsService {
  readonly #deps: CalendarYearsDeps;

  constructor(deps: CalendarYearsDeps) {
    this.#deps = deps;
    deps.jobs.register({ kind: JOB_KIND, run: () => this.sweep().then(() => undefined) });
    // Morning, when administrators read what came in.
    deps.jobs.schedule({
      name: 'calendar years',
      kind: JOB_KIND,
      when: { every: 'day', hour: 9, minute: 0 },
    });
  }

  /**
   * At start-up, before the first deadline is computed: the years that are due get their
   * provisional holidays at once (the warning waits for the morning job).
   */
  async prepare(): Promise<void> {
    for (const year of this.#due()) await this.fillProvisional(year);
  }

  /** The daily job: fill what is due, then warn about next year. Returns what it did. */
  async sweep(): Promise<{ filled: number[]; reminded: number | null }> {
    const filled: number[] = [];
    for (const year of this.#due()) {
      if (await this.fillProvisional(year)) filled.push(year);
    }
    const next = nextYearDue(this.#deps.clock.now(), this.#deps.timeZone);
    const reminded = next !== null && (await this.remindAdministrators(next)) ? next : null;
    return { filled, reminded };
  }

  /** The current year, and next year from 1 November. */
  #due(): number[] {
    const now = this.#deps.clock.now();
    const next = nextYearDue(now, this.#deps.timeZone);
    return [currentYear(now, this.#deps.timeZone), ...(next === null ? [] : [next])];
  }

  /**
   * Fills `year` from the statutory rules unless it has its official arrangement or was filled
   * before. Dates an administrator already set keep what they say. Returns whether it filled.
   */
  async fillProvisional(year: number): Promise<boolean> {
    if (!hasStatutoryRules(year)) {
      this.#deps.log?.warn({ year }, 'no statutory holiday rules for this year; the calendar stays as it is');
      return false;
    }
    const filled = await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, repo.YEARS_LOCK);
      const row = await repo.findYear(trx, year);
      if (row?.official_at || row?.provisional_at) return false;
      const taken = new Set((await repo.daysOfYears(trx, [year])).map((d) => d.date));
      const days = statutoryHolidays(year).filter((d) => !taken.has(d.date));
      const now = this.#deps.clock.now();
      await repo.insertProvisional(trx, days, now);
      await repo.markYears(trx, [year], 'provisional_at', now);
      await this.#deps.audit.record(trx, SYSTEM_CONTEXT, {
        action: 'calendar.provisional.filled',
        targetType: 'calendar',
        targetId: String(year),
        summary: { year, rules: RULES, days: days.map((d) => `${d.date} ${d.name}`), kept: taken.size },
      });
      return true;
    });
    if (filled) this.#deps.calendar.changed();
    return filled;
  }

  /** Tells the calendar's administrators, once, that `year` has no official arrangement yet. */
  async remindAdministrators(year: number): Promise<boolean> {
    const sent = await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, repo.YEARS_LOCK);
      const row = await repo.findYear(trx, year);
      if (row?.official_at || row?.reminded_at) return false;
      const schedule = await this.#deps.calendar.schedule(trx, year);
      const recipientIds = await this.#deps.roles.activeUserIdsWithPermission(trx, 'calendar.manage');
      await this.#notice(trx, year, schedule === 'provisional', recipientIds);
      await repo.markYears(trx, [year], 'reminded_at', this.#deps.clock.now());
      await this.#deps.audit.record(trx, SYSTEM_CONTEXT, {
        action: 'calendar.reminder.sent',
        targetType: 'calendar',
        targetId: String(year),
        summary: { year, schedule, recipients: recipientIds.length },
      });
      return true;
    });
    if (sent) this.#deps.notifications.committed();
    return sent;
  }

  async #notice(trx: Transaction<DB>, year: number, provisional: boolean, recipientIds: string[]) {
    const body = provisional
      ? text('calendar.notices.nextYear.provisional', {
          year: String(year),
          rules: text('calendar.notices.rules'),
        })
      : text('calendar.notices.nextYear.working', { year: String(year) });
    await this.#deps.notifications.notify(trx, {
      kind: 'system.calendar_next_year',
      title: text('calendar.notices.nextYear.title', { year: String(year) }),
      body,
      link: `/admin/calendar?year=${year}`,
      recipientIds,
    });
  }
}
