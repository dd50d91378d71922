import type { AnnouncementListQuery } from '@liaison/contracts';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { likeContains, type SqlDialect } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import { timelinessCounts } from '../../platform/kpi/timeliness.sql.ts';
import type { PeopleQuery } from '../users/user-lookup.service.ts';
import type { AnnouncementsTables } from './announcements.tables.ts';

type T = AnnouncementsTables;
export type AnnouncementRecord = Selectable<T['announcements']>;

export function categories(db: Executor) {
  return db.selectFrom('announcement_categories').selectAll().orderBy('sort_order').orderBy('name').execute();
}

export function findCategory(db: Executor, id: string) {
  return db.selectFrom('announcement_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCategory(db: Executor, row: Insertable<T['announcement_categories']>) {
  await db.insertInto('announcement_categories').values(row).execute();
}

export async function updateCategory(
  db: Executor,
  id: string,
  patch: Updateable<T['announcement_categories']>,
) {
  await db.updateTable('announcement_categories').set(patch).where('id', '=', id).execute();
}

export async function insert(db: Executor, row: Insertable<T['announcements']>): Promise<void> {
  await db.insertInto('announcements').values(row).execute();
}

export async function update(db: Executor, id: string, patch: Updateable<T['announcements']>): Promise<void> {
  await db.updateTable('announcements').set(patch).where('id', '=', id).execute();
}

/**
 * Announcements with their category. Names of the publishing department and of people come from
 * their own modules' services (the service adds them for the page it shows).
 */
function withNames(db: Executor) {
  return db
    .selectFrom('announcements')
    .innerJoin('announcement_categories as category', 'category.id', 'announcements.category_id')
    .selectAll('announcements')
    .select(['category.key as category_key', 'category.name as category_name']);
}

/** An announcement with its category's key and name. */
export type AnnouncementListRow = NonNullable<Awaited<ReturnType<typeof findById>>>;

export function findById(db: Executor, id: string) {
  return withNames(db).where('announcements.id', '=', id).executeTakeFirst();
}

export function lockById(db: Executor, dialect: SqlDialect, id: string) {
  return dialect
    .forUpdate(db.selectFrom('announcements').selectAll().where('id', '=', id))
    .executeTakeFirst();
}

/** What a reader's feed shows: published announcements they receive, unread first, pinned on top. */
export async function feed(db: Executor, userId: string, query: AnnouncementListQuery) {
  let q = withNames(db)
    .innerJoin('announcement_recipients as r', (join) =>
      join.onRef('r.announcement_id', '=', 'announcements.id').on('r.user_id', '=', userId),
    )
    .where('announcements.status', 'in', ['published', 'expired']);
  q = filters(q, query);
  if (query.unread === 'true') q = q.where('r.read_at', 'is', null);
  if (query.unread === 'false') q = q.where('r.read_at', 'is not', null);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy(sql`case when announcements.status = 'published' and announcements.pinned = 1 then 0 else 1 end`)
    .orderBy(sql`case when r.read_at is null then 0 else 1 end`)
    .orderBy('announcements.published_at', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/**
 * What a publisher manages: what they created or own, or what a department in their scope
 * published (`departmentIds`: that subtree's ids, or 'all').
 */
export async function managed(
  db: Executor,
  userId: string,
  departmentIds: readonly string[] | 'all' | null,
  query: AnnouncementListQuery,
) {
  let q = withNames(db).where((eb) => {
    const mine = [eb('announcements.created_by', '=', userId), eb('announcements.owner_id', '=', userId)];
    if (departmentIds === 'all') return eb.lit(true);
    if (departmentIds && departmentIds.length > 0)
      return eb.or([...mine, eb('announcements.publishing_department_id', 'in', departmentIds)]);
    return eb.or(mine);
  });
  q = filters(q, query);
  if (query.status) q = q.where('announcements.status', '=', query.status);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('announcements.updated_at', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

function filters<Q extends ReturnType<typeof withNames>>(q: Q, query: AnnouncementListQuery): Q {
  let out = q;
  if (query.categoryId) out = out.where('announcements.category_id', '=', query.categoryId) as Q;
  if (query.q)
    out = out.where((eb) => likeContains(eb.ref('announcements.search_text'), query.q!.toLowerCase())) as Q;
  return out;
}

export function recipientOf(db: Executor, announcementId: string, userId: string) {
  return db
    .selectFrom('announcement_recipients')
    .selectAll()
    .where('announcement_id', '=', announcementId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * Publishes to everyone in `people` (the audience, resolved by the audiences module as a
 * subquery) in one INSERT … SELECT; returns how many rows it wrote.
 */
export async function insertRecipients(
  db: Executor,
  announcementId: string,
  people: PeopleQuery,
  at: string,
): Promise<number> {
  const select = db
    .selectFrom(people.as('p'))
    .select((eb) => [
      eb.val(announcementId).as('announcement_id'),
      'p.user_id',
      'p.department_id',
      eb.val(at).as('delivered_at'),
    ])
    // A WHERE lets SQLite parse the ON CONFLICT clause that follows the SELECT.
    .where((eb) => eb.lit(true));
  const result = await db
    .insertInto('announcement_recipients')
    .columns(['announcement_id', 'user_id', 'department_id', 'delivered_at'])
    .expression(select)
    .onConflict((oc) => oc.columns(['announcement_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function addRecipient(
  db: Executor,
  row: Insertable<T['announcement_recipients']>,
): Promise<void> {
  await db
    .insertInto('announcement_recipients')
    .values(row)
    .onConflict((oc) => oc.columns(['announcement_id', 'user_id']).doNothing())
    .execute();
}

export async function markRead(
  db: Executor,
  announcementId: string,
  userId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('announcement_recipients')
    .set({ read_at: at })
    .where('announcement_id', '=', announcementId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAcked(
  db: Executor,
  announcementId: string,
  userId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('announcement_recipients')
    .set((eb) => ({ acked_at: at, read_at: eb.fn.coalesce('read_at', eb.val(at)) }))
    .where('announcement_id', '=', announcementId)
    .where('user_id', '=', userId)
    .where('acked_at', 'is', null)
    .execute();
}

/**
 * Whose receipts a caller sees: every recipient's, or those whose department (at delivery) lies in
 * a department subtree, given by the subtree's ids. Every per-recipient read of an announcement —
 * statistics, the not-read list, reminders — goes through `recipientsOf`, so no filter (or its
 * absence) can widen what the caller's data scope allows.
 */
export type RecipientScope = 'all' | { departmentIds: readonly string[] };

function recipientsOf(db: Executor, announcementId: string, scope: RecipientScope) {
  const q = db.selectFrom('announcement_recipients as r').where('r.announcement_id', '=', announcementId);
  if (scope === 'all') return q;
  if (scope.departmentIds.length === 0) return q.where((eb) => eb.lit(false));
  return q.where('r.department_id', 'in', scope.departmentIds);
}

/**
 * Per department: recipients, read, acknowledged, and the timeliness facts (`platform/kpi`) of
 * being done — acknowledgement when it is required, else reading — by the deadline. Someone who
 * joined after the deadline could not have been on time and is left out of the facts.
 */
export async function statsByDepartment(
  db: Executor,
  announcementId: string,
  scope: RecipientScope,
  requiresAck: boolean,
  deadline: string | null,
  now: string,
) {
  const done = requiresAck ? sql.ref('r.acked_at') : sql.ref('r.read_at');
  const due = sql.val(deadline ?? '9999-12-31T00:00:00.000Z');
  // Aggregated from the covering index; the service adds the few department names.
  const rows = await recipientsOf(db, announcementId, scope)
    .select([
      'r.department_id',
      (eb) => eb.fn.countAll<number>().as('recipients'),
      (eb) => eb.fn.count<number>('r.read_at').as('read'),
      (eb) => eb.fn.count<number>('r.acked_at').as('acknowledged'),
      ...timelinessCounts({ done, due, now, counted: sql<boolean>`r.delivered_at <= ${due}` }),
    ])
    .groupBy('r.department_id')
    .execute();
  return rows;
}

export async function notDone(
  db: Executor,
  announcementId: string,
  scope: RecipientScope,
  which: 'unread' | 'unacknowledged',
  departmentId: string | undefined,
  page: { page: number; pageSize: number },
) {
  let q = recipientsOf(db, announcementId, scope).where(
    which === 'unread' ? 'r.read_at' : 'r.acked_at',
    'is',
    null,
  );
  if (departmentId) q = q.where('r.department_id', '=', departmentId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // The page in index order (department, then person), read off the index; the service names it.
  const slice = await q
    .select(['r.user_id', 'r.department_id', 'r.read_at', 'r.acked_at'])
    .orderBy('r.department_id')
    .orderBy('r.user_id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows: slice, total: Number(total.n) };
}

export async function notDoneIds(
  db: Executor,
  announcementId: string,
  scope: RecipientScope,
  which: 'unread' | 'unacknowledged',
  departmentId?: string,
) {
  let q = recipientsOf(db, announcementId, scope)
    .select('r.user_id')
    .where(which === 'unread' ? 'r.read_at' : 'r.acked_at', 'is', null);
  if (departmentId) q = q.where('r.department_id', '=', departmentId);
  return (await q.execute()).map((r) => r.user_id);
}

/** Published, unexpired announcements the user has no recipient row for (late joiners' catch-up). */
export function activeNotReceived(db: Executor, userId: string, now: string) {
  return db
    .selectFrom('announcements')
    .select(['id', 'audience', 'deadline_at'])
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('announcement_recipients')
            .select('user_id')
            .whereRef('announcement_recipients.announcement_id', '=', 'announcements.id')
            .where('announcement_recipients.user_id', '=', userId),
        ),
      ),
    )
    .execute();
}

/** Due work for the publishing sweep. */
export function dueToPublish(db: Executor, now: string) {
  return db
    .selectFrom('announcements')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('effective_at', '<=', now)
    .execute();
}

export function dueToExpire(db: Executor, now: string) {
  return db
    .selectFrom('announcements')
    .select('id')
    .where('status', '=', 'published')
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', now)
    .execute();
}

export function dueForReminder(db: Executor, remindBefore: string, now: string) {
  return db
    .selectFrom('announcements')
    .select(['id', 'ack_deadline'])
    .where('status', '=', 'published')
    .where('requires_ack', '=', 1)
    .where('reminded_at', 'is', null)
    .where('ack_deadline', '>', now)
    .where('ack_deadline', '<=', remindBefore)
    .execute();
}

export async function insertRevision(
  db: Executor,
  row: Insertable<T['announcement_revisions']>,
): Promise<void> {
  await db.insertInto('announcement_revisions').values(row).execute();
}

export function revisions(db: Executor, announcementId: string) {
  return db
    .selectFrom('announcement_revisions')
    .select(['revision', 'title', 'note', 'created_at', 'editor_id'])
    .where('announcement_id', '=', announcementId)
    .orderBy('revision')
    .execute();
}

export async function insertFile(db: Executor, row: Insertable<T['announcement_files']>): Promise<void> {
  await db.insertInto('announcement_files').values(row).execute();
}

export function findFile(db: Executor, id: string) {
  return db.selectFrom('announcement_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Attaches the uploader's loose files (or this announcement's) to it; returns how many matched. */
export async function attachFiles(
  db: Executor,
  announcementId: string,
  uploaderId: string,
  fileIds: readonly string[],
) {
  if (fileIds.length === 0) return 0;
  const result = await db
    .updateTable('announcement_files')
    .set({ announcement_id: announcementId })
    .where('id', 'in', fileIds)
    .where((eb) =>
      eb.or([
        eb.and([eb('announcement_id', 'is', null), eb('uploader_id', '=', uploaderId)]),
        eb('announcement_id', '=', announcementId),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Month-by-month timeliness facts (`platform/kpi`) for announcements published in [from, to), per
 * announcement and recipients' department, at `now`; only recipients of `departmentIds` when given.
 */
export function onTimeByMonth(
  db: Executor,
  from: string,
  to: string,
  departmentIds: readonly string[] | null,
  now: string,
) {
  let q = db
    .selectFrom('announcement_recipients as r')
    .innerJoin('announcements as a', 'a.id', 'r.announcement_id')
    .where('a.published_at', '>=', from)
    .where('a.published_at', '<', to)
    .where('a.deadline_at', 'is not', null)
    // Someone who joined after the deadline could not have been on time; they are not counted.
    .where((eb) => eb('r.delivered_at', '<=', eb.ref('a.deadline_at')));
  if (departmentIds) {
    q =
      departmentIds.length === 0
        ? q.where((eb) => eb.lit(false))
        : q.where('r.department_id', 'in', departmentIds);
  }
  return q
    .select([
      'a.id as announcement_id',
      'a.published_at',
      'r.department_id',
      (eb) => eb.fn.countAll<number>().as('recipients'),
      ...timelinessCounts({
        done: sql`case when a.requires_ack = 1 then r.acked_at else r.read_at end`,
        due: sql.ref('a.deadline_at'),
        now,
      }),
    ])
    .groupBy(['a.id', 'a.published_at', 'r.department_id'])
    .execute();
}

/** Announcements published in [from, to) (by one of `departmentIds` when given), with their revision. */
export function publishedBetween(
  db: Executor,
  from: string,
  to: string,
  departmentIds: readonly string[] | null,
) {
  let q = db
    .selectFrom('announcements')
    .select(['id', 'published_at', 'revision'])
    .where('published_at', '>=', from)
    .where('published_at', '<', to);
  if (departmentIds) {
    q =
      departmentIds.length === 0
        ? q.where((eb) => eb.lit(false))
        : q.where('publishing_department_id', 'in', departmentIds);
  }
  return q.execute();
}

/** The caller's receipts for a page of announcements. */
export async function receiptsOf(db: Executor, announcementIds: readonly string[], userId: string) {
  if (announcementIds.length === 0)
    return new Map<string, { read_at: string | null; acked_at: string | null }>();
  const rows = await db
    .selectFrom('announcement_recipients')
    .select(['announcement_id', 'read_at', 'acked_at'])
    .where('announcement_id', 'in', announcementIds)
    .where('user_id', '=', userId)
    .execute();
  return new Map(rows.map((r) => [r.announcement_id, { read_at: r.read_at, acked_at: r.acked_at }]));
}

export function filesOf(db: Executor, announcementIds: readonly string[]) {
  if (announcementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('announcement_files')
    .selectAll()
    .where('announcement_id', 'in', announcementIds)
    .orderBy('created_at')
    .execute();
}
