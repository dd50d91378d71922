import type { ExternalRecord, ExternalRecordQuery, Page } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { exportFileName, toSheet } from '../../platform/export/columns.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type ControlDirectory, type Named, namesFor } from './control-directory.ts';
import { RECORDS_SHEET, recordColumns } from './records.export.ts';
import * as repo from './records.repository.ts';

export interface RecordsDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  timeZone: string;
  directory: ControlDirectory;
}

/** A workbook holds at most this many records; narrow the filter for more. */
const EXPORT_MAX = 100_000;

/** The record of every external communication (对外沟通记录), searched and exported by compliance. */
export class RecordsService {
  readonly #deps: RecordsDeps;

  constructor(deps: RecordsDeps) {
    this.#deps = deps;
  }

  async list(query: ExternalRecordQuery): Promise<Page<ExternalRecord>> {
    const { rows, total } = await repo.records(this.#deps.db, query);
    return { items: await this.#present(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async exportXlsx(
    ctx: ActorContext,
    query: Omit<ExternalRecordQuery, 'page' | 'pageSize'>,
  ): Promise<{ file: Buffer; fileName: string }> {
    const rows = await this.#present(await repo.allRecords(this.#deps.db, query, EXPORT_MAX));
    const { locale } = ctx.actor;
    const file = buildXlsx([toSheet(RECORDS_SHEET, recordColumns(locale), rows, locale)], {
      timeZone: this.#deps.timeZone,
    });
    await this.#deps.audit.record(this.#deps.db, ctx, {
      action: 'control.records.exported',
      targetType: 'external_records',
      summary: { rows: rows.length, filters: query },
    });
    return {
      file,
      fileName: exportFileName(RECORDS_SHEET[locale], this.#deps.clock.now(), this.#deps.timeZone),
    };
  }

  async #present(rows: readonly repo.ExternalRecordRow[]): Promise<ExternalRecord[]> {
    const named = await namesFor(this.#deps.directory, this.#deps.db, {
      people: rows.map((r) => r.person_id),
      channels: rows.map((r) => r.channel_id),
      counterparties: rows.map((r) => r.counterparty_id),
    });
    return rows.map((r) => toRecord(r, named));
  }
}

function toRecord(r: repo.ExternalRecordRow, named: Named): ExternalRecord {
  return {
    id: r.id,
    kind: r.kind,
    occurredAt: r.occurred_at,
    person: named.person(r.person_id),
    direction: r.direction,
    counterparty: named.counterparty(r.counterparty_id),
    channel: named.channel(r.channel_id),
    summary: r.summary,
    attachmentCount: Number(r.attachment_count),
    outcome: r.outcome,
    controlEventId: r.control_event_id,
    messageId: r.message_id,
  };
}
