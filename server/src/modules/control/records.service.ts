import type { ChannelKind, ExternalRecord, ExternalRecordQuery, Page } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { exportFileName, toSheet } from '../../platform/export/columns.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { userRef } from '../users/user-ref.ts';
import { RECORDS_SHEET, recordColumns } from './records.export.ts';
import * as repo from './records.repository.ts';

export interface RecordsDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  timeZone: string;
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
    return { items: rows.map(toRecord), total, page: query.page, pageSize: query.pageSize };
  }

  async exportXlsx(
    ctx: ActorContext,
    query: Omit<ExternalRecordQuery, 'page' | 'pageSize'>,
  ): Promise<{ file: Buffer; fileName: string }> {
    const rows = (await repo.allRecords(this.#deps.db, query, EXPORT_MAX)).map(toRecord);
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
}

function toRecord(r: repo.ExternalRecordRow): ExternalRecord {
  return {
    id: r.id,
    kind: r.kind,
    occurredAt: r.occurred_at,
    person: userRef(r.person_id, r.person_username, r.person_name),
    direction: r.direction,
    counterparty:
      r.counterparty_id && r.counterparty_name ? { id: r.counterparty_id, name: r.counterparty_name } : null,
    channel:
      r.channel_id && r.channel_name
        ? { id: r.channel_id, name: r.channel_name, kind: r.channel_kind as ChannelKind }
        : null,
    summary: r.summary,
    attachmentCount: Number(r.attachment_count),
    outcome: r.outcome,
    controlEventId: r.control_event_id,
    messageId: r.message_id,
  };
}
