import type { AnomalyAlert, AnomalyAlertQuery, AnomalyKind, Page, UserRef } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { type ActorContext, SYSTEM_CONTEXT } from '../../platform/auth/actor.ts';
import { type Clock, DAY, HOUR } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { wallClock } from '../../platform/jobs/schedule.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type ControlDirectory, type Named, namesFor } from './control-directory.ts';
import * as repo from './records.repository.ts';

export interface AnomaliesDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  jobs: JobQueue;
  timeZone: string;
  directory: ControlDirectory;
}

/**
 * Thresholds. A person's last hour is compared with their own four weeks before it, per hour in which they
 * sent anything out (an idle night does not dilute the baseline); the minimums keep a quiet person's
 * second busy hour from raising an alert.
 */
export const ANOMALY_RULES = {
  baselineDays: 28,
  /** A counterparty not contacted for this long counts as a new recipient. */
  recipientMemoryDays: 90,
  volumeFactor: 10,
  volumeMin: 20,
  attachmentFactor: 5,
  attachmentMin: 10,
  newRecipientsMin: 3,
  /** Local hours counted as off hours: 22:00 to 06:00. */
  nightFrom: 22,
  nightTo: 6,
  offHoursMin: 5,
  /** Off-hours activity is unusual for someone whose history has less than this share of it. */
  offHoursUsualShare: 0.05,
} as const;

const JOB_KIND = 'control.anomalies';

interface Sent {
  at: number;
  attachments: number;
  counterpartyId: string | null;
}

interface Finding {
  kind: AnomalyKind;
  observed: number;
  baseline: number;
}

/** Anomaly alerts (异常告警): a person's external communication far outside their own baseline. */
export class AnomaliesService {
  readonly #deps: AnomaliesDeps;

  constructor(deps: AnomaliesDeps) {
    this.#deps = deps;
    deps.jobs.register({ kind: JOB_KIND, run: () => this.sweep().then(() => undefined) });
    deps.jobs.schedule({ name: 'anomaly sweep', kind: JOB_KIND, when: { every: 'minutes', interval: 10 } });
  }

  /**
   * Looks at the last hour of everyone who sent something out in it, against their own history
   * before that hour. While a burst goes on, later sweeps see it again: a person gets one alert of a
   * kind for windows that overlap.
   */
  async sweep(): Promise<number> {
    const db = this.#deps.db;
    const now = this.#deps.clock.now().getTime();
    const start = now - HOUR;
    const from = start - ANOMALY_RULES.recipientMemoryDays * DAY;
    let raised = 0;
    for (const personId of await repo.activeSenders(db, new Date(start).toISOString())) {
      const sent: Sent[] = (
        await repo.outboundOf(db, personId, new Date(from).toISOString(), new Date(now + 1).toISOString())
      ).map((r) => ({
        at: Date.parse(r.occurred_at),
        attachments: Number(r.attachment_count),
        counterpartyId: r.counterparty_id,
      }));
      for (const finding of this.#findings(sent, start)) {
        const inserted = await db.transaction().execute(async (trx) => {
          if (await repo.overlappingAlert(trx, personId, finding.kind, new Date(start).toISOString()))
            return false;
          const id = newId();
          const created = await repo.insertAlert(trx, {
            id,
            user_id: personId,
            kind: finding.kind,
            window_start: new Date(start).toISOString(),
            window_end: new Date(now).toISOString(),
            observed: finding.observed,
            baseline: finding.baseline,
            status: 'open',
            acknowledged_by: null,
            acknowledged_at: null,
            comment: null,
            created_at: new Date(now).toISOString(),
          });
          if (created) {
            await this.#deps.audit.record(trx, SYSTEM_CONTEXT, {
              action: 'control.alert.raised',
              targetType: 'anomaly_alert',
              targetId: id,
              summary: { userId: personId, ...finding },
            });
          }
          return created;
        });
        if (inserted) raised += 1;
      }
    }
    return raised;
  }

  /** What is unusual about one hour of a person's outbound communication, against their history. */
  #findings(sent: readonly Sent[], start: number): Finding[] {
    const end = start + HOUR;
    const window = sent.filter((s) => s.at >= start && s.at < end);
    if (window.length === 0) return [];
    const base = sent.filter((s) => s.at >= start - ANOMALY_RULES.baselineDays * DAY && s.at < start);
    const activeHours = Math.max(new Set(base.map((s) => Math.floor(s.at / HOUR))).size, 1);
    const r = ANOMALY_RULES;
    const findings: Finding[] = [];

    const perHour = base.length / activeHours;
    if (window.length >= Math.max(r.volumeFactor * perHour, r.volumeMin)) {
      findings.push({ kind: 'volume_spike', observed: window.length, baseline: round1(perHour) });
    }

    const files = window.reduce((n, s) => n + s.attachments, 0);
    const filesPerHour = base.reduce((n, s) => n + s.attachments, 0) / activeHours;
    if (files >= Math.max(r.attachmentFactor * filesPerHour, r.attachmentMin)) {
      findings.push({ kind: 'bulk_attachments', observed: files, baseline: round1(filesPerHour) });
    }

    const known = new Set(
      sent
        .filter((s) => s.at >= start - r.recipientMemoryDays * DAY && s.at < start)
        .map((s) => s.counterpartyId),
    );
    const fresh = new Set(window.map((s) => s.counterpartyId).filter((c) => c !== null && !known.has(c)));
    if (fresh.size >= r.newRecipientsMin) {
      const usual = new Set(base.map((s) => s.counterpartyId)).size / activeHours;
      findings.push({ kind: 'new_recipients', observed: fresh.size, baseline: round1(usual) });
    }

    if (this.#isNight(start + HOUR / 2)) {
      const night = base.filter((s) => this.#isNight(s.at)).length;
      if (window.length >= r.offHoursMin && night < r.offHoursUsualShare * base.length + 1) {
        findings.push({
          kind: 'off_hours',
          observed: window.length,
          baseline: round1(night / r.baselineDays),
        });
      }
    }
    return findings;
  }

  #isNight(at: number): boolean {
    const { hour } = wallClock(new Date(at), this.#deps.timeZone);
    return hour >= ANOMALY_RULES.nightFrom || hour < ANOMALY_RULES.nightTo;
  }

  async list(query: AnomalyAlertQuery): Promise<Page<AnomalyAlert>> {
    const { rows, total } = await repo.alerts(this.#deps.db, query);
    return { items: await this.#present(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async acknowledge(ctx: ActorContext, id: string, comment: string | null): Promise<AnomalyAlert> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const alert = await repo.findAlert(trx, id);
      if (!alert) throw errors.notFound('Alert');
      const now = this.#deps.clock.now().toISOString();
      if (!(await repo.acknowledge(trx, id, ctx.actor.userId, now, comment))) {
        throw errors.conflict('This alert was already acknowledged.');
      }
      await this.#deps.audit.record(trx, ctx, {
        action: 'control.alert.acknowledged',
        targetType: 'anomaly_alert',
        targetId: id,
        summary: { userId: alert.user_id, kind: alert.kind, comment },
      });
    });
    const row = await repo.findAlert(this.#deps.db, id);
    return (await this.#present([row!]))[0]!;
  }

  async #present(rows: readonly repo.AlertRow[]): Promise<AnomalyAlert[]> {
    const named = await namesFor(this.#deps.directory, this.#deps.db, {
      people: rows.flatMap((r) => [r.user_id, r.acknowledged_by]),
    });
    // An alert is about someone who exists (accounts are disabled, never deleted).
    return rows.flatMap((r) => {
      const user = named.person(r.user_id);
      return user ? [toAlert(r, user, named)] : [];
    });
  }
}

function toAlert(r: repo.AlertRow, user: UserRef, named: Named): AnomalyAlert {
  return {
    id: r.id,
    user,
    kind: r.kind,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    observed: Number(r.observed),
    baseline: Number(r.baseline),
    status: r.status,
    acknowledgedBy: named.person(r.acknowledged_by),
    acknowledgedAt: r.acknowledged_at,
    comment: r.comment,
    createdAt: r.created_at,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
