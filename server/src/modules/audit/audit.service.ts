import type {
  AuditAction,
  AuditEntry,
  AuditPage,
  AuditQuery,
  AuditTargetType,
  AuditVerification,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { ActorContext, RequestContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { deriveKey } from '../../platform/crypto/keys.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import { GENESIS_HASH } from '../../platform/db/migrations/0001_foundation.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { exportFileName, toSheet } from '../../platform/export/columns.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { entryMac } from './audit.chain.ts';
import { AUDIT_SHEET, auditColumns } from './audit.export.ts';
import * as repo from './audit.repository.ts';

export interface AuditEvent {
  action: AuditAction;
  targetType?: AuditTargetType | null;
  targetId?: string | null;
  summary?: Record<string, unknown>;
  /** Who to name when there is no signed-in actor, e.g. the username a failed login tried. */
  actorLabel?: string;
}

/**
 * Display names of the people who acted. Every module audits, so audit sits below all of them and
 * imports none: services.ts passes the user lookup service, which has this shape.
 */
export interface AuditActors {
  refs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, { displayName: string }>>;
}

export interface AuditDeps {
  db: Kysely<DB>;
  actors: AuditActors;
  dialect: SqlDialect;
  clock: Clock;
  secretKey: Buffer;
  timeZone: string;
}

/**
 * The append-only, tamper-evident record of every mutation and security event. Callers pass the
 * transaction of the change they audit, so the entry commits (or rolls back) with it.
 */
export class AuditService {
  readonly #deps: AuditDeps;
  readonly #key: Buffer;

  constructor(deps: AuditDeps) {
    this.#deps = deps;
    this.#key = deriveKey(deps.secretKey, 'audit-chain');
  }

  async record(exec: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
    if (!exec.isTransaction) {
      await exec.transaction().execute((trx) => this.record(trx, ctx, event));
      return;
    }
    // Lock order everywhere: the event log's lock, then the chain head. A transaction that audits
    // and then notifies (appending events) would otherwise take them the other way round from one
    // that appends events and then audits, and two such could deadlock on PostgreSQL.
    await this.#deps.dialect.lockNamed(exec as Transaction<DB>, 'event-log');
    const tip = await repo.lockHead(exec, this.#deps.dialect);
    const row = {
      seq: tip.seq + 1,
      id: newId(),
      at: this.#deps.clock.now().toISOString(),
      actor_id: ctx.actor?.userId ?? null,
      actor_label: ctx.actor ? ctx.actor.username : (event.actorLabel ?? 'system'),
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      summary: JSON.stringify(event.summary ?? {}),
      ip: ctx.ip,
      request_id: ctx.requestId,
      prev_hash: tip.hash,
    };
    await repo.append(exec, { ...row, hash: entryMac(this.#key, row) });
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const found = await repo.list(this.#deps.db, query);
    const rows = found.slice(0, query.limit);
    const actors = await this.#deps.actors.refs(
      this.#deps.db,
      rows.map((r) => r.actor_id),
    );
    const items = rows.map((r) =>
      toEntry(r, r.actor_id ? (actors.get(r.actor_id)?.displayName ?? null) : null),
    );
    const more = found.length > query.limit;
    return { items, nextCursor: more ? (items.at(-1)?.seq ?? null) : null };
  }

  /** Matching entries, newest first (up to 50,000), as an Excel workbook; the export is audited too. */
  async exportXlsx(ctx: ActorContext, query: AuditQuery): Promise<{ file: Buffer; fileName: string }> {
    const entries: AuditEntry[] = [];
    let before = query.before;
    while (entries.length < 50_000) {
      const page = await this.list({ ...query, before, limit: 200 });
      entries.push(...page.items);
      if (page.nextCursor === null) break;
      before = page.nextCursor;
    }
    const { locale } = ctx.actor;
    const file = buildXlsx([toSheet(AUDIT_SHEET, auditColumns(), entries, locale)], {
      timeZone: this.#deps.timeZone,
    });
    const { before: _b, limit: _l, ...filters } = query;
    await this.record(this.#deps.db, ctx, {
      action: 'audit.exported',
      targetType: 'audit_log',
      summary: { rows: entries.length, filters },
    });
    return {
      file,
      fileName: exportFileName(AUDIT_SHEET[locale], this.#deps.clock.now(), this.#deps.timeZone),
    };
  }

  /** Walks the whole chain and reports the first entry that does not link or does not match. */
  async verify(): Promise<AuditVerification> {
    const db = this.#deps.db;
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const batch = await repo.batchFrom(db, expectedSeq - 1, 2000);
      for (const row of batch) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) {
          return broken(checked, expectedSeq, `entry ${expectedSeq} is missing (deleted)`);
        }
        if (row.prev_hash !== prevHash) {
          return broken(checked, seq, 'does not link to the entry before it (an earlier entry was replaced)');
        }
        if (entryMac(this.#key, row) !== row.hash) {
          return broken(checked, seq, 'content does not match its hash (the entry was altered)');
        }
        prevHash = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      if (batch.length < 2000) break;
    }
    const tip = await repo.head(db);
    if (tip.seq !== checked || tip.hash !== prevHash) {
      return broken(
        checked,
        checked + 1,
        `the chain head records ${tip.seq} entries (entries at the end were deleted)`,
      );
    }
    return { ok: true, checked, firstBroken: null };
  }
}

function broken(checked: number, seq: number, reason: string): AuditVerification {
  return { ok: false, checked, firstBroken: { seq, reason } };
}

function toEntry(row: repo.AuditRow, actorName: string | null): AuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    actor: { id: row.actor_id, label: row.actor_label, name: actorName },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    summary: JSON.parse(row.summary) as Record<string, unknown>,
    ip: row.ip,
    requestId: row.request_id,
    hash: row.hash,
  };
}

/**
 * What changed between two versions of a record, as `{ field: { from, to } }`, over the fields
 * named. Sensitive fields should be listed in `redact` so only the fact of a change is logged.
 */
export function changes<T extends object>(
  before: T,
  after: Partial<T>,
  redact: readonly (keyof T)[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    const from = before[key];
    const to = after[key];
    if (to === undefined || JSON.stringify(from) === JSON.stringify(to)) continue;
    out[key as string] = redact.includes(key) ? { changed: true } : { from: from ?? null, to: to ?? null };
  }
  return out;
}
