import type { AnnouncementStats, OnTimeQuery, OnTimeReport } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { type ActorContext, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { fromWallClock, wallClock } from '../../platform/jobs/schedule.ts';
import {
  addFacts,
  factsFromRow,
  NO_FACTS,
  onTimeTally,
  type TimelinessFacts,
} from '../../platform/kpi/timeliness.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import { type AnnouncementAccess, unknownUser } from './announcements.access.ts';
import * as repo from './announcements.repository.ts';

export interface AnnouncementReceiptsDeps {
  db: Kysely<DB>;
  clock: Clock;
  calendar: CalendarService;
  departments: DepartmentsService;
  users: UserLookupService;
  access: AnnouncementAccess;
}

/** The on-time target of internal information delivery. */
export const ON_TIME_TARGET = 0.95;

/**
 * Receipts and statistics: each recipient's first read and acknowledgement, per-department
 * statistics and the not-read list within the caller's data scope, and the monthly on-time and
 * accuracy report against the target.
 */
export class AnnouncementReceiptsService {
  readonly #deps: AnnouncementReceiptsDeps;

  constructor(deps: AnnouncementReceiptsDeps) {
    this.#deps = deps;
  }

  /** Records the caller's first read. */
  async read(ctx: ActorContext, id: string): Promise<{ readAt: string }> {
    const { recipient } = await this.#deps.access.receivable(ctx, id);
    if (recipient.read_at) return { readAt: recipient.read_at };
    const now = this.#deps.clock.now().toISOString();
    await repo.markRead(this.#deps.db, id, ctx.actor.userId, now);
    return { readAt: now };
  }

  /** 确认已读. */
  async acknowledge(ctx: ActorContext, id: string): Promise<{ ackedAt: string }> {
    const { row, recipient } = await this.#deps.access.receivable(ctx, id);
    if (row.requires_ack !== 1) throw errors.conflict(text('announcements.errors.noAckRequired'));
    if (recipient.acked_at) return { ackedAt: recipient.acked_at };
    const now = this.#deps.clock.now().toISOString();
    await repo.markAcked(this.#deps.db, id, ctx.actor.userId, now);
    return { ackedAt: now };
  }

  async stats(ctx: ActorContext, id: string): Promise<AnnouncementStats> {
    const row = await this.#deps.access.visible(ctx, id);
    const scope = await this.#deps.access.recipientScope(ctx, row);
    const now = this.#deps.clock.now().toISOString();
    const rows = await repo.statsByDepartment(
      this.#deps.db,
      id,
      scope,
      row.requires_ack === 1,
      row.deadline_at,
      now,
    );
    const names = await this.#deps.departments.basicsOf(
      this.#deps.db,
      rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
    );
    let all = NO_FACTS;
    const departments = rows.map((r) => {
      const facts = factsFromRow(r);
      all = addFacts(all, facts);
      return {
        department: r.department_id
          ? { id: r.department_id, name: names.get(r.department_id)?.name ?? '' }
          : null,
        recipients: Number(r.recipients),
        read: Number(r.read),
        acknowledged: Number(r.acknowledged),
        ...readCounts(facts),
      };
    });
    const totals = {
      recipients: departments.reduce((n, d) => n + d.recipients, 0),
      read: departments.reduce((n, d) => n + d.read, 0),
      acknowledged: departments.reduce((n, d) => n + d.acknowledged, 0),
      ...readCounts(all),
    };
    departments.sort((a, b) => b.recipients - a.recipients);
    return {
      announcementId: id,
      deadline: row.deadline_at,
      totals,
      departments,
      onTimeRate: onTimeTally(all).rate,
    };
  }

  async notDone(
    ctx: ActorContext,
    id: string,
    query: { which: 'unread' | 'unacknowledged'; departmentId?: string; page: number; pageSize: number },
  ) {
    const row = await this.#deps.access.visible(ctx, id);
    const scope = await this.#deps.access.recipientScope(ctx, row);
    const departmentId = await this.#deps.access.departmentWithin(query.departmentId, scope);
    const { rows, total } = await repo.notDone(this.#deps.db, id, scope, query.which, departmentId, query);
    // Names for this page alone: one query for the people, one for their departments.
    const [people, departments] = await Promise.all([
      this.#deps.users.refs(
        this.#deps.db,
        rows.map((r) => r.user_id),
      ),
      this.#deps.departments.basicsOf(
        this.#deps.db,
        rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
      ),
    ]);
    return {
      items: rows.map((r) => ({
        user: people.get(r.user_id) ?? unknownUser(r.user_id),
        department: r.department_id
          ? { id: r.department_id, name: departments.get(r.department_id)?.name ?? '' }
          : null,
        readAt: r.read_at,
        ackedAt: r.acked_at,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Internal information on-time delivery rate per month (and per department), against the target. */
  async onTime(ctx: ActorContext, query: OnTimeQuery): Promise<OnTimeReport> {
    const scope = scopeFilter(ctx.actor, 'announcement.stats');
    if (scope.kind === 'none') throw errors.forbidden(text('announcements.errors.statsForbidden'));
    let path: string | null = scope.kind === 'all' ? null : (ctx.actor.departmentPath ?? '/none/');
    if (query.departmentId) {
      const dept = (await this.#deps.departments.basicsOf(this.#deps.db, [query.departmentId])).get(
        query.departmentId,
      );
      if (!dept) throw errors.invalidField('departmentId', 'No such department.');
      if (path && !dept.path.startsWith(path))
        throw errors.forbidden(text('announcements.errors.departmentOutOfScope'));
      path = dept.path;
    }
    const departmentIds = path ? await this.#deps.departments.idsUnderPaths(this.#deps.db, [path]) : null;
    const tz = this.#deps.calendar.timeZone;
    const monthStart = (ym: string) => {
      const [y, m] = ym.split('-').map(Number);
      return fromWallClock({ year: y!, month: m!, day: 1, hour: 0, minute: 0, second: 0 }, tz);
    };
    if (query.from > query.to) throw errors.invalidField('to', 'The last month comes before the first.');
    const [ty, tm] = query.to.split('-').map(Number);
    const end = monthStart(tm === 12 ? `${ty! + 1}-01` : `${ty}-${String(tm! + 1).padStart(2, '0')}`);
    const rows = await repo.onTimeByMonth(
      this.#deps.db,
      monthStart(query.from).toISOString(),
      end.toISOString(),
      departmentIds,
      this.#deps.clock.now().toISOString(),
    );
    const departmentNames = await this.#deps.departments.basicsOf(
      this.#deps.db,
      rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
    );
    const months = new Map<
      string,
      {
        recipients: number;
        facts: TimelinessFacts;
        announcements: Set<string>;
        published: number;
        corrected: number;
      }
    >();
    for (let cursor = query.from; cursor <= query.to; ) {
      months.set(cursor, {
        recipients: 0,
        facts: NO_FACTS,
        announcements: new Set(),
        published: 0,
        corrected: 0,
      });
      const [y, m] = cursor.split('-').map(Number);
      cursor = m === 12 ? `${y! + 1}-01` : `${y}-${String(m! + 1).padStart(2, '0')}`;
    }
    const departments = new Map<string, { name: string; recipients: number; facts: TimelinessFacts }>();
    for (const r of rows) {
      const w = wallClock(new Date(r.published_at!), tz);
      const key = `${w.year}-${String(w.month).padStart(2, '0')}`;
      const month = months.get(key);
      if (!month) continue;
      const facts = factsFromRow(r);
      month.recipients += Number(r.recipients);
      month.facts = addFacts(month.facts, facts);
      month.announcements.add(r.announcement_id);
      if (r.department_id) {
        const d = departments.get(r.department_id) ?? {
          name: departmentNames.get(r.department_id)?.name ?? '',
          recipients: 0,
          facts: NO_FACTS,
        };
        d.recipients += Number(r.recipients);
        d.facts = addFacts(d.facts, facts);
        departments.set(r.department_id, d);
      }
    }
    // Information accuracy: every correction of a published announcement is a revision past the first.
    const published = await repo.publishedBetween(
      this.#deps.db,
      monthStart(query.from).toISOString(),
      end.toISOString(),
      departmentIds,
    );
    for (const a of published) {
      const w = wallClock(new Date(a.published_at!), tz);
      const month = months.get(`${w.year}-${String(w.month).padStart(2, '0')}`);
      if (!month) continue;
      month.published += 1;
      if (a.revision > 1) month.corrected += 1;
    }
    return {
      target: ON_TIME_TARGET,
      months: [...months.entries()].map(([month, m]) => ({
        month,
        recipients: m.recipients,
        ...onTimeTally(m.facts),
        announcements: m.announcements.size,
        corrected: m.corrected,
        accuracyRate: m.published > 0 ? 1 - m.corrected / m.published : null,
      })),
      departments: [...departments.entries()]
        .map(([id, d]) => ({
          department: { id, name: d.name },
          recipients: d.recipients,
          ...onTimeTally(d.facts),
        }))
        .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1)),
    };
  }
}

/** A department's (or the total's) receipt counts from its timeliness facts: overdue, on time, late, not yet due. */
function readCounts(facts: TimelinessFacts) {
  const { onTime, late, pending } = onTimeTally(facts);
  return { overdue: facts.openOverdue, onTime, late, pending };
}
