import type { AnomalyAlertQuery, ControlOutcome, ExternalRecordQuery } from '@liaison/contracts';
import { type Insertable, type Selectable, sql } from 'kysely';
import { likeContains } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { AnomalyAlertsTable, ExternalRecordsTable } from './control.tables.ts';

/** Who, which channel and which counterparty a row names are asked of their modules (control-directory.ts). */
export type ExternalRecordRow = Selectable<ExternalRecordsTable>;
export type AlertRow = Selectable<AnomalyAlertsTable>;

export async function insertRecord(db: Executor, row: Insertable<ExternalRecordsTable>): Promise<void> {
  await db.insertInto('external_records').values(row).execute();
}

export async function setOutcome(
  db: Executor,
  controlEventId: string,
  outcome: ControlOutcome,
  messageId: string | null,
): Promise<void> {
  await db
    .updateTable('external_records')
    .set({ outcome, message_id: messageId })
    .where('control_event_id', '=', controlEventId)
    .execute();
}

function recordsQuery(db: Executor, q: Omit<ExternalRecordQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('external_records as r').selectAll('r');
  if (q.personId) query = query.where('r.person_id', '=', q.personId);
  if (q.counterpartyId) query = query.where('r.counterparty_id', '=', q.counterpartyId);
  if (q.outcome) query = query.where('r.outcome', '=', q.outcome);
  if (q.direction) query = query.where('r.direction', '=', q.direction);
  if (q.from) query = query.where('r.occurred_at', '>=', q.from);
  if (q.to) query = query.where('r.occurred_at', '<', q.to);
  if (q.q) query = query.where(likeContains(sql.ref('r.summary'), q.q));
  return query;
}

export async function records(
  db: Executor,
  q: ExternalRecordQuery,
): Promise<{ rows: ExternalRecordRow[]; total: number }> {
  const query = recordsQuery(db, q);
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy('r.occurred_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

/** Every record the filter selects, newest first, up to `limit` (for export). */
export function allRecords(db: Executor, q: Omit<ExternalRecordQuery, 'page' | 'pageSize'>, limit: number) {
  return recordsQuery(db, q).orderBy('r.occurred_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
}

// Anomaly detection reads the outbound records: what the company's people sent out.

/** People who sent something out since the instant. */
export async function activeSenders(db: Executor, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('external_records')
    .select('person_id')
    .distinct()
    .where('direction', '=', 'outbound')
    .where('occurred_at', '>=', since)
    .where('person_id', 'is not', null)
    .execute();
  return rows.map((r) => r.person_id!);
}

export function outboundOf(db: Executor, personId: string, from: string, to: string) {
  return db
    .selectFrom('external_records')
    .select(['occurred_at', 'attachment_count', 'counterparty_id'])
    .where('person_id', '=', personId)
    .where('direction', '=', 'outbound')
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .orderBy('occurred_at')
    .execute();
}

/** Whether the person already has an alert of this kind whose window reaches past the instant. */
export async function overlappingAlert(
  db: Executor,
  userId: string,
  kind: string,
  after: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('anomaly_alerts')
    .select('id')
    .where('user_id', '=', userId)
    .where('kind', '=', kind as AlertRow['kind'])
    .where('window_end', '>', after)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts an alert unless one for the same person, kind and window exists; true when inserted. */
export async function insertAlert(db: Executor, row: Insertable<AnomalyAlertsTable>): Promise<boolean> {
  const result = await db
    .insertInto('anomaly_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'window_start']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

function alertsQuery(db: Executor) {
  return db.selectFrom('anomaly_alerts as a').selectAll('a');
}

export async function alerts(
  db: Executor,
  q: AnomalyAlertQuery,
): Promise<{ rows: AlertRow[]; total: number }> {
  let query = alertsQuery(db);
  if (q.status) query = query.where('a.status', '=', q.status);
  if (q.userId) query = query.where('a.user_id', '=', q.userId);
  if (q.kind) query = query.where('a.kind', '=', q.kind);
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy('a.created_at', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

export function findAlert(db: Executor, id: string): Promise<AlertRow | undefined> {
  return alertsQuery(db).where('a.id', '=', id).executeTakeFirst();
}

/** Acknowledges an open alert; false when someone acknowledged it first. */
export async function acknowledge(
  db: Executor,
  id: string,
  by: string,
  at: string,
  comment: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('anomaly_alerts')
    .set({ status: 'acknowledged', acknowledged_by: by, acknowledged_at: at, comment })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
