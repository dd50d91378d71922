import type { Kysely, Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { AnnouncementAccess, AnnouncementRow } from './announcements.access.ts';
import * as repo from './announcements.repository.ts';

export interface AnnouncementRemindersDeps {
  db: Kysely<DB>;
  audit: AuditService;
  notifications: NotificationsService;
  calendar: CalendarService;
  access: AnnouncementAccess;
}

/** The automatic reminder goes this many working hours before an acknowledgement deadline. */
export const REMIND_BEFORE_WORKING_HOURS = 4;

/**
 * Reminders: a publisher (or a department head, for their scope) reminds those who have not read
 * or acknowledged; the publishing sweep sends the automatic one a few working hours before an
 * acknowledgement deadline.
 */
export class AnnouncementRemindersService {
  readonly #deps: AnnouncementRemindersDeps;

  constructor(deps: AnnouncementRemindersDeps) {
    this.#deps = deps;
  }

  async remind(
    ctx: ActorContext,
    id: string,
    body: { which: 'unread' | 'unacknowledged'; departmentId?: string },
  ) {
    const row = await this.#deps.access.visible(ctx, id);
    const scope = await this.#deps.access.recipientScope(ctx, row);
    if (row.status !== 'published') throw errors.conflict(text('announcements.errors.notPublishedToRemind'));
    const departmentId = await this.#deps.access.departmentWithin(body.departmentId, scope);
    const ids = await repo.notDoneIds(this.#deps.db, id, scope, body.which, departmentId);
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#remindIn(trx, ctx, row, ids);
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.reminded',
        targetType: 'announcement',
        targetId: id,
        summary: { which: body.which, departmentId: departmentId ?? null, people: ids.length },
      });
    });
    this.#deps.notifications.committed();
    return { reminded: ids.length };
  }

  async #remindIn(trx: Transaction<DB>, ctx: ActorContext | null, row: AnnouncementRow, ids: string[]) {
    if (ids.length === 0) return;
    const ack = row.requires_ack === 1;
    const about = { department: row.department_name, category: row.category_name };
    await this.#deps.notifications.notify(trx, {
      kind: 'announcement.reminder',
      title: text(ack ? 'announcements.notices.reminder.titleAck' : 'announcements.notices.reminder.title', {
        title: row.title,
      }),
      body: row.deadline_at
        ? text(ack ? 'announcements.notices.reminder.bodyAckBy' : 'announcements.notices.reminder.bodyBy', {
            ...about,
            deadline: { at: row.deadline_at, zone: this.#deps.calendar.timeZone },
          })
        : text('announcements.notices.reminder.body', about),
      link: `/announcements/${row.id}`,
      subject: { type: 'announcement', id: row.id },
      actorId: ctx?.actor?.userId ?? null,
      recipientIds: ids,
      departmentIds: [row.publishing_department_id],
    });
  }

  /**
   * Sends the automatic reminder of every announcement whose acknowledgement deadline is within
   * the last few working hours; returns how many were sent (the caller commits the notices).
   */
  async sendDue(now: Date): Promise<number> {
    const nowIso = now.toISOString();
    let changed = 0;
    const calendar = await this.#deps.calendar.working();
    // An announcement is due for its reminder when now is within the last few working hours.
    const horizon = new Date(now.getTime() + 14 * 86_400_000).toISOString();
    for (const { id, ack_deadline } of await repo.dueForReminder(this.#deps.db, horizon, nowIso)) {
      const remindAt = calendar.addWorkingHours(new Date(ack_deadline!), -REMIND_BEFORE_WORKING_HOURS);
      if (remindAt > now) continue;
      await this.#deps.db.transaction().execute(async (trx) => {
        const row = (await this.#deps.access.find(trx, id))!;
        await repo.update(trx, id, { reminded_at: nowIso });
        await this.#remindIn(trx, null, row, await repo.notDoneIds(trx, id, 'all', 'unacknowledged'));
      });
      changed += 1;
    }
    return changed;
  }
}
