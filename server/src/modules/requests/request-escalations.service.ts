import type { Kysely } from 'kysely';
import { SYSTEM_CONTEXT } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { RequestAccess } from './request-access.ts';
import * as repo from './requests.repository.ts';

export interface RequestEscalationsDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationsService;
  calendar: CalendarService;
  jobs: JobQueue;
  roles: Pick<RolesService, 'activeHolderIdsByKey'>;
  access: RequestAccess;
  /** The configured first-response time, in working hours. */
  firstResponseHours: () => Promise<number>;
}

/** The handler is reminded this many working hours before the response deadline. */
export const DUE_SOON_WORKING_HOURS = 4;
const SWEEP = 'reminders.requests';
/** Whom each escalation level reaches, as the audit summary records it. */
const LEVEL_LABEL = ['', '部门负责人', '高层领导'];

type WorkingCalendar = Awaited<ReturnType<CalendarService['working']>>;

/**
 * The first-ask responsibility clock (首问负责制) of department requests: a reminder before the
 * first-response deadline, then escalation to the receiving department's head, and one period
 * later to senior leadership. The next step's time is kept on the request row, so a
 * database-backed sweep takes it whatever restarted in between.
 */
export class RequestEscalationsService {
  readonly #deps: RequestEscalationsDeps;

  constructor(deps: RequestEscalationsDeps) {
    this.#deps = deps;
    deps.jobs.register({ kind: SWEEP, run: () => this.sweep().then(() => undefined) });
    deps.jobs.schedule({ name: 'request escalations', kind: SWEEP, when: { every: 'minutes', interval: 5 } });
  }

  /**
   * Takes every reminder and escalation that is due. Returns how many steps were taken. A request
   * whose deadline passed long ago (the system was down) escalates one level per sweep, each level
   * recorded and notified, rather than jumping straight to the top.
   */
  async sweep(limit = 500): Promise<number> {
    let taken = 0;
    for (;;) {
      const now = this.#deps.clock.now();
      const due = await repo.dueSteps(this.#deps.db, now.toISOString(), limit);
      for (const { id } of due) {
        if (await this.#step(id, now)) taken += 1;
      }
      if (due.length < limit) break;
    }
    if (taken > 0) this.#deps.notifications.committed();
    return taken;
  }

  async #step(id: string, now: Date): Promise<boolean> {
    const firstResponseHours = await this.#deps.firstResponseHours();
    const calendar = await this.#deps.calendar.working();
    const { access } = this.#deps;
    return this.#deps.db.transaction().execute(async (trx) => {
      const current = await repo.lockById(trx, this.#deps.dialect, id);
      if (!current?.next_step_at || !current.next_step || current.next_step_at > now.toISOString())
        return false;
      const row = (await access.findById(trx, id))!;
      const link = `/requests/${id}`;
      const subject = { type: 'request' as const, id };
      const departmentIds = [row.to_department_id, row.from_department_id];
      if (current.next_step === 'due_soon') {
        await repo.update(trx, id, { next_step_at: current.response_due_at, next_step: 'escalate' });
        await access.recordEvent(trx, id, 'reminded', null, null);
        await this.#deps.notifications.notify(trx, {
          kind: 'request.due_soon',
          title: text('requests.notices.dueSoon.title', { title: row.title }),
          body: text('requests.notices.dueSoon.body', {
            number: `R-${row.number}`,
            from: row.from_name,
            due: { at: row.response_due_at, zone: this.#deps.calendar.timeZone },
          }),
          link,
          subject,
          recipientIds: [row.handler_id, row.to_liaison_id].filter((x): x is string => !!x),
          departmentIds,
        });
        return true;
      }
      const level = current.escalation_level + 1;
      const next =
        level < 2
          ? calendar.addWorkingHours(new Date(current.next_step_at), firstResponseHours).toISOString()
          : null;
      await repo.update(trx, id, {
        escalation_level: level,
        next_step_at: next,
        next_step: next ? 'escalate' : null,
        updated_at: now.toISOString(),
      });
      const escalatedTo =
        level === 1
          ? [row.to_head_id].filter((x): x is string => !!x)
          : await this.#deps.roles.activeHolderIdsByKey(trx, 'senior_leadership');
      await access.recordEvent(trx, id, 'escalated', null, null, {
        level,
        targetId: level === 1 ? row.to_head_id : null,
      });
      await this.#deps.audit.record(trx, SYSTEM_CONTEXT, {
        action: 'request.escalated',
        targetType: 'dept_request',
        targetId: id,
        summary: { number: row.number, level, to: LEVEL_LABEL[level], recipients: escalatedTo.length },
      });
      const waited = calendar.workingHoursBetween(new Date(row.created_at), now);
      const levelText = text(level === 1 ? 'requests.levels.head' : 'requests.levels.leadership');
      await this.#deps.notifications.notify(trx, {
        kind: 'request.escalated',
        title: text('requests.notices.escalated.title', { level: levelText, title: row.title }),
        body: text('requests.notices.escalated.body', {
          from: row.from_name,
          to: row.to_name,
          number: `R-${row.number}`,
          hours: Math.floor(waited),
          level: levelText,
        }),
        link,
        subject,
        recipientIds: [...escalatedTo, row.handler_id, row.raised_by].filter((x): x is string => !!x),
        departmentIds,
      });
      return true;
    });
  }
}

/** A new request's first step: a reminder before the deadline if there is room for one, else escalation. */
export function firstStep(
  calendar: WorkingCalendar,
  now: Date,
  responseDue: Date,
  hours: number,
): { at: string; step: repo.RequestStep } {
  if (hours > DUE_SOON_WORKING_HOURS) {
    const soon = calendar.addWorkingHours(responseDue, -DUE_SOON_WORKING_HOURS);
    if (soon > now) return { at: soon.toISOString(), step: 'due_soon' };
  }
  return { at: responseDue.toISOString(), step: 'escalate' };
}
