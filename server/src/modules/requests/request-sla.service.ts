import type { RequestReport, RequestReportQuery, RequestSettings } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { type ActorContext, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { factsFromRow, onTimeTally } from '../../platform/kpi/timeliness.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import * as repo from './requests.repository.ts';

export interface RequestSlaDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  departments: Pick<DepartmentsService, 'byIds' | 'resolveScope'>;
}

const SETTINGS_KEY = 'requests.sla';
const DEFAULT_SETTINGS: RequestSettings = { firstResponseHours: 24 };

/**
 * The first-response commitment of department requests: its setting (working hours) and the
 * report of how each receiving department kept it.
 */
export class RequestSlaService {
  readonly #deps: RequestSlaDeps;

  constructor(deps: RequestSlaDeps) {
    this.#deps = deps;
  }

  async settings(): Promise<RequestSettings> {
    return (await readSetting<RequestSettings>(this.#deps.db, SETTINGS_KEY)) ?? DEFAULT_SETTINGS;
  }

  async updateSettings(ctx: ActorContext, body: RequestSettings): Promise<RequestSettings> {
    const before = await this.settings();
    await this.#deps.db.transaction().execute(async (trx) => {
      await writeSetting(trx, SETTINGS_KEY, body, ctx.actor.userId, this.#deps.clock.now());
      await this.#deps.audit.record(trx, ctx, {
        action: 'request.settings.changed',
        targetType: 'settings',
        targetId: null,
        summary: { before, after: body },
      });
    });
    return body;
  }

  async report(ctx: ActorContext, query: RequestReportQuery): Promise<RequestReport> {
    const scope = scopeFilter(ctx.actor, 'request.read');
    if (scope.kind === 'none' || scope.kind === 'own')
      throw errors.forbidden(text('requests.errors.noReport'));
    const now = this.#deps.clock.now().toISOString();
    const db = this.#deps.db;
    const resolved = await this.#deps.departments.resolveScope(db, scope);
    const counted = await repo.report(
      db,
      query,
      now,
      resolved.kind === 'department' ? resolved.departmentIds : null,
    );
    const departments = await this.#deps.departments.byIds(
      db,
      counted.map((r) => r.id),
    );
    // In the tree's sibling order, then by name, as the department list shows them.
    const rows = counted
      .map((r) => ({ ...r, department: departments.get(r.id) }))
      .filter((r) => r.department !== undefined)
      .sort(
        (a, b) =>
          a.department!.sort_order - b.department!.sort_order ||
          (a.department!.name < b.department!.name ? -1 : a.department!.name > b.department!.name ? 1 : 0),
      );
    const { firstResponseHours } = await this.settings();
    return {
      from: query.from,
      to: query.to,
      firstResponseHours,
      rows: rows.map((r) => {
        const facts = factsFromRow(r);
        const tally = onTimeTally(facts);
        return {
          department: { id: r.id, name: r.department!.name },
          received: Number(r.received),
          responded: facts.doneInTime + facts.doneLate,
          respondedInTime: tally.onTime,
          overdueOpen: facts.openOverdue,
          pending: tally.pending,
          escalated: Number(r.escalated),
          onTimeRate: tally.rate,
        };
      }),
    };
  }
}
