import type { TeamListQuery } from '@liaison/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/schema.ts';
import type { TeamsTable } from './teams.tables.ts';

export type TeamRow = Selectable<TeamsTable> & {
  department_name: string | null;
  department_path: string | null;
  member_count: number;
};

function withDetails(db: Executor) {
  return db
    .selectFrom('teams')
    .leftJoin('departments', 'departments.id', 'teams.department_id')
    .selectAll('teams')
    .select(['departments.name as department_name', 'departments.path as department_path'])
    .select((eb) =>
      eb
        .selectFrom('team_members')
        .whereRef('team_members.team_id', '=', 'teams.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('member_count'),
    );
}

export async function list(db: Executor, q: TeamListQuery): Promise<TeamRow[]> {
  let query = withDetails(db).orderBy('teams.created_at');
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
  const row = await withDetails(db).where('teams.id', '=', id).executeTakeFirst();
  return row && { ...row, member_count: Number(row.member_count ?? 0) };
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
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.sort_key', 'team_members.joined_at'])
    .where('team_members.team_id', '=', teamId)
    .orderBy('users.sort_key')
    .execute();
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

export async function teamIdsOfUser(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
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

export function namesOf(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute();
}
