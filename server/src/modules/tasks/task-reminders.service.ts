import { OPEN_TASK_STATUSES, type TaskStatus } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import { statusText } from './task-notices.ts';
import * as repo from './tasks.repository.ts';

export interface TaskRemindersDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  notifications: NotificationsService;
  calendar: CalendarService;
  jobs: JobQueue;
  teams: Pick<TeamsService, 'memberIds'>;
}

/** A deadline this many working hours away counts as "due soon" and gets a reminder. */
export const DUE_SOON_WORKING_HOURS = 4;

const REMINDER_SWEEP = 'reminders.tasks';

/**
 * Task reminders: each task keeps its next reminder on its row (due soon, then overdue), and a
 * database-backed sweep sends the ones that are due, so a restart neither loses nor repeats one.
 */
export class TaskRemindersService {
  readonly #deps: TaskRemindersDeps;

  constructor(deps: TaskRemindersDeps) {
    this.#deps = deps;
    deps.jobs.register({ kind: REMINDER_SWEEP, run: () => this.sweepReminders().then(() => undefined) });
    deps.jobs.schedule({
      name: 'task reminders',
      kind: REMINDER_SWEEP,
      when: { every: 'minutes', interval: 5 },
    });
  }

  /**
   * Sends every reminder that is due: "due soon" to whoever does the task, then "overdue" to them
   * and to its creator. Returns how many reminders were sent.
   */
  async sweepReminders(limit = 500): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.#deps.clock.now();
      const due = await repo.dueReminders(this.#deps.db, now.toISOString(), limit);
      for (const { id } of due) {
        if (await this.#remind(id, now)) sent += 1;
      }
      if (due.length < limit) break;
    }
    if (sent > 0) this.#deps.notifications.committed();
    return sent;
  }

  /** The next reminder a task owes, given its deadline and status. */
  async nextReminder(
    dueAt: string | null,
    status: TaskStatus,
    now: Date,
  ): Promise<{ at: string | null; stage: repo.ReminderStage | null }> {
    if (!dueAt || !OPEN_TASK_STATUSES.includes(status)) return { at: null, stage: null };
    const due = new Date(dueAt);
    if (due <= now) return { at: now.toISOString(), stage: 'overdue' };
    const calendar = await this.#deps.calendar.working();
    const soon = calendar.addWorkingHours(due, -DUE_SOON_WORKING_HOURS);
    if (soon > now) return { at: soon.toISOString(), stage: 'due_soon' };
    return { at: due.toISOString(), stage: 'overdue' };
  }

  async #remind(id: string, now: Date): Promise<boolean> {
    return this.#deps.db.transaction().execute(async (trx) => {
      const task = await repo.lockById(trx, this.#deps.dialect, id);
      // Another node got here first, or the task changed since it was read.
      if (!task?.reminder_at || task.reminder_at > now.toISOString() || !task.reminder_stage) return false;
      const stage = task.reminder_stage;
      const next =
        stage === 'due_soon' && task.due_at
          ? { at: task.due_at, stage: 'overdue' as const }
          : { at: null, stage: null };
      await repo.update(trx, id, { reminder_at: next.at, reminder_stage: next.stage });
      const doers = task.assignee_id
        ? [task.assignee_id]
        : task.team_id
          ? await this.#deps.teams.memberIds(trx, task.team_id)
          : [];
      const notice = stage === 'due_soon' ? 'dueSoon' : 'overdue';
      await this.#deps.notifications.notify(trx, {
        kind: stage === 'due_soon' ? 'task.due_soon' : 'task.overdue',
        title: text(`tasks.notices.${notice}.title`, { title: task.title }),
        body: text(`tasks.notices.${notice}.body`, {
          number: `T-${task.number}`,
          due: task.due_at ? { at: task.due_at, zone: this.#deps.calendar.timeZone } : '',
          status: statusText(task.status),
        }),
        link: `/tasks/${id}`,
        subject: { type: 'task', id },
        recipientIds: stage === 'due_soon' ? doers : [...doers, task.creator_id],
        departmentIds: task.department_id ? [task.department_id] : [],
      });
      return true;
    });
  }
}
