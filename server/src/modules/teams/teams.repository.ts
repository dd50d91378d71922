import type { TeamListQuery } from '@liaison/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/schema.ts';
import type { TeamsTable } from './teams.tables.ts';

export type TeamRow = Selectable<TeamsTable> & { member_count: number };

function withCounts(db: Executor) {
  return db
    .selectFrom('teams')
    .selectAll('teams')
    .select((eb) =>
      eb
        .selectFrom('team_members')
        .whereRef('team_members.team_id', '=', 'teams.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('member_count'),
    );
}

export async function list(db: Executor, q: TeamListQuery): Promise<TeamRow[]> {
  let query = withCounts(db).orderBy('teams.created_at');
  if (q.departmentId) query = query.where('teams.department_id', '=', q.departmentId);
  if (q.kind) query = query.where('teams.kind', '=', q.kind);
  if (q.memberId) {
    query = query.where(
      'teams.id',
      'in',
      db.selectFrom('team_members').select('team_id').where('user_id', '=', q.memberId),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, member_count: Number(r.member_count ?? 0) }));
}

export async function findById(db: Executor, id: string): Promise<TeamRow | undefined> {
  const row = await withCounts(db).where('teams.id', '=', id).executeTakeFirst();
  return row && { ...row, member_count: Number(row.member_count ?? 0) };
}

export function findByIds(db: Executor, ids: readonly string[]): Promise<Selectable<TeamsTable>[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('teams')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function insert(db: Executor, row: Insertable<TeamsTable>): Promise<void> {
  await db.insertInto('teams').values(row).execute();
}

export async function update(db: Executor, id: string, patch: Updateable<TeamsTable>): Promise<void> {
  await db.updateTable('teams').set(patch).where('id', '=', id).execute();
}

export async function remove(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('team_members').where('team_id', '=', id).execute();
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

export function members(db: Executor, teamId: string) {
  return db
    .selectFrom('team_members')
    .select(['user_id', 'joined_at'])
    .where('team_id', '=', teamId)
    .execute();
}

/** The teams a user is a member of. */
export async function teamIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

/** Whether two people are members of one team. */
export async function shareATeam(db: Executor, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_members as m1')
    .innerJoin('team_members as m2', 'm2.team_id', 'm1.team_id')
    .select('m1.team_id')
    .where('m1.user_id', '=', a)
    .where('m2.user_id', '=', b)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function memberIds(db: Executor, teamId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function addMembers(
  db: Executor,
  teamId: string,
  userIds: readonly string[],
  at: string,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('team_members')
    .values(userIds.map((user_id) => ({ team_id: teamId, user_id, joined_at: at })))
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .execute();
}

export async function removeMember(db: Executor, teamId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('team_members')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function memberIdsOfTeams(db: Executor, teamIds: readonly string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('team_members')
    .select('user_id')
    .distinct()
    .where('team_id', 'in', teamIds)
    .execute();
  return rows.map((r) => r.user_id);
}
