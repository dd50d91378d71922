import type { ApprovalListQuery, ApprovalSubjectType } from '@liaison/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { ApprovalsTables } from './approvals.tables.ts';

type T = ApprovalsTables;
export type TemplateRow = Selectable<T['approval_templates']>;
export type RequestRow = Selectable<T['approval_requests']>;
export type ActionKind = T['approval_actions']['action'];

export function templates(db: Executor) {
  return db.selectFrom('approval_templates').selectAll().orderBy('subject_type').execute();
}

export function templateFor(db: Executor, subjectType: ApprovalSubjectType) {
  return db
    .selectFrom('approval_templates')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .executeTakeFirst();
}

export async function updateTemplate(db: Executor, id: string, patch: Updateable<T['approval_templates']>) {
  await db.updateTable('approval_templates').set(patch).where('id', '=', id).execute();
}

export async function insertRequest(db: Executor, row: Insertable<T['approval_requests']>): Promise<void> {
  await db.insertInto('approval_requests').values(row).execute();
}

export async function updateRequest(db: Executor, id: string, patch: Updateable<T['approval_requests']>) {
  await db.updateTable('approval_requests').set(patch).where('id', '=', id).execute();
}

export function findRequest(db: Executor, id: string) {
  return db.selectFrom('approval_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockRequest(db: Executor, dialect: SqlDialect, id: string) {
  return dialect
    .forUpdate(db.selectFrom('approval_requests').selectAll().where('id', '=', id))
    .executeTakeFirst();
}

export async function insertStep(db: Executor, row: Insertable<T['approval_steps']>): Promise<void> {
  await db.insertInto('approval_steps').values(row).execute();
}

export async function updateStep(
  db: Executor,
  id: string,
  status: T['approval_steps']['status'],
): Promise<void> {
  await db.updateTable('approval_steps').set({ status }).where('id', '=', id).execute();
}

export function steps(db: Executor, requestId: string, round: number) {
  return db
    .selectFrom('approval_steps')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('round', '=', round)
    .orderBy('idx')
    .execute();
}

export async function insertAssignees(
  db: Executor,
  rows: Insertable<T['approval_assignees']>[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('approval_assignees').values(rows).execute();
}

/** The approvers of these steps (the service adds their names, and orders them by name). */
export function assignees(db: Executor, stepIds: readonly string[]) {
  if (stepIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('approval_assignees').selectAll().where('step_id', 'in', stepIds).execute();
}

/** Whether the user was ever asked to approve this request (any round). */
export async function isAssignee(db: Executor, requestId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('approval_assignees')
    .innerJoin('approval_steps', 'approval_steps.id', 'approval_assignees.step_id')
    .select('approval_assignees.user_id')
    .where('approval_steps.request_id', '=', requestId)
    .where('approval_assignees.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function decide(
  db: Executor,
  stepId: string,
  userId: string,
  decision: 'approved' | 'rejected' | 'returned',
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('approval_assignees')
    .set({ decision, decided_at: at })
    .where('step_id', '=', stepId)
    .where('user_id', '=', userId)
    .where('decision', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertCc(db: Executor, requestId: string, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('approval_cc').where('request_id', '=', requestId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('approval_cc')
      .values(userIds.map((user_id) => ({ request_id: requestId, user_id })))
      .execute();
  }
}

export async function cc(db: Executor, requestId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('approval_cc')
    .select('user_id')
    .where('request_id', '=', requestId)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function insertAction(db: Executor, row: Insertable<T['approval_actions']>): Promise<void> {
  await db.insertInto('approval_actions').values(row).execute();
}

export function actions(db: Executor, requestId: string) {
  return db
    .selectFrom('approval_actions')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Everyone ever asked to approve this request (any round), those they stood in for, and everyone copied. */
export async function participants(db: Executor, requestId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('approval_assignees')
    .innerJoin('approval_steps', 'approval_steps.id', 'approval_assignees.step_id')
    .select(['approval_assignees.user_id', 'approval_assignees.on_behalf_of'])
    .where('approval_steps.request_id', '=', requestId)
    .execute();
  const cc = await db
    .selectFrom('approval_cc')
    .select('user_id')
    .where('request_id', '=', requestId)
    .execute();
  // An approver who delegated still sees what was decided on their behalf.
  return [
    ...new Set([
      ...rows.flatMap((r) => (r.on_behalf_of ? [r.user_id, r.on_behalf_of] : [r.user_id])),
      ...cc.map((r) => r.user_id),
    ]),
  ];
}

export async function list(db: Executor, userId: string, query: ApprovalListQuery) {
  let q = db.selectFrom('approval_requests').selectAll('approval_requests');
  switch (query.box) {
    case 'todo':
      q = q
        .where('approval_requests.status', '=', 'pending')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('approval_assignees')
              .innerJoin('approval_steps', 'approval_steps.id', 'approval_assignees.step_id')
              .select('approval_assignees.step_id')
              .whereRef('approval_steps.request_id', '=', 'approval_requests.id')
              .whereRef('approval_steps.round', '=', 'approval_requests.round')
              .where('approval_steps.status', '=', 'active')
              .where('approval_assignees.user_id', '=', userId)
              .where('approval_assignees.decision', 'is', null),
          ),
        );
      break;
    case 'mine':
      q = q.where('approval_requests.requester_id', '=', userId);
      break;
    case 'done':
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('approval_actions')
            .select('approval_actions.id')
            .whereRef('approval_actions.request_id', '=', 'approval_requests.id')
            .where('approval_actions.actor_id', '=', userId)
            .where('approval_actions.action', 'in', ['approved', 'rejected', 'returned']),
        ),
      );
      break;
  }
  if (query.subjectType) q = q.where('approval_requests.subject_type', '=', query.subjectType);
  if (query.subjectId) q = q.where('approval_requests.subject_id', '=', query.subjectId);
  if (query.status) q = q.where('approval_requests.status', '=', query.status);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('approval_requests.updated_at', 'desc')
    .orderBy('approval_requests.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Delegations in force at `at`, by delegator. */
export async function delegationsAt(db: Executor, userIds: readonly string[], at: string) {
  if (userIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('approval_delegations')
    .select(['user_id', 'delegate_id'])
    .where('user_id', 'in', userIds)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.delegate_id]));
}

export function delegationsOf(db: Executor, userId: string) {
  return db
    .selectFrom('approval_delegations')
    .selectAll()
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('delegate_id', '=', userId)]))
    .orderBy('starts_at', 'desc')
    .execute();
}

export async function insertDelegation(
  db: Executor,
  row: Insertable<T['approval_delegations']>,
): Promise<void> {
  await db.insertInto('approval_delegations').values(row).execute();
}

export function findDelegation(db: Executor, id: string) {
  return db.selectFrom('approval_delegations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteDelegation(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('approval_delegations').where('id', '=', id).execute();
}

export function latestForSubject(db: Executor, subjectType: ApprovalSubjectType, subjectId: string) {
  return db
    .selectFrom('approval_requests')
    .select('id')
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Which of these pending requests wait for this user's decision on their active step. */
export async function awaitingDecision(
  db: Executor,
  requestIds: readonly string[],
  userId: string,
): Promise<Set<string>> {
  if (requestIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('approval_steps')
    .innerJoin('approval_requests', (join) =>
      join
        .onRef('approval_requests.id', '=', 'approval_steps.request_id')
        .onRef('approval_requests.round', '=', 'approval_steps.round'),
    )
    .innerJoin('approval_assignees', 'approval_assignees.step_id', 'approval_steps.id')
    .select('approval_steps.request_id')
    .where('approval_steps.request_id', 'in', requestIds)
    .where('approval_steps.status', '=', 'active')
    .where('approval_assignees.user_id', '=', userId)
    .where('approval_assignees.decision', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.request_id));
}
