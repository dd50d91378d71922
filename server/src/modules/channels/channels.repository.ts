import type { ChannelKind } from '@liaison/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { prepared } from '../../platform/db/prepared.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { ChannelMembersTable, ChannelsTable } from './channels.tables.ts';

export type ChannelRow = Selectable<ChannelsTable> & {
  owner_username: string | null;
  owner_name: string | null;
  department_name: string | null;
  department_path: string | null;
  team_name: string | null;
  team_owner_id: string | null;
  team_department_path: string | null;
  counterparty_name: string | null;
};

/** Who is asking, as far as implied membership goes. */
export interface Reader {
  userId: string;
  kind: 'employee' | 'external';
  departmentPath: string | null;
  /** For external users: their organisation; they only ever see its external channels. */
  counterpartyId: string | null;
}

/** Kinds whose members are listed one by one; the others follow the organisation. */
export const EXPLICIT_KINDS = ['direct', 'external'] as const;

function withRefs(db: Executor) {
  return db
    .selectFrom('channels')
    .leftJoin('users as owner', 'owner.id', 'channels.owner_id')
    .leftJoin('departments', 'departments.id', 'channels.department_id')
    .leftJoin('teams', 'teams.id', 'channels.team_id')
    .leftJoin('departments as team_department', 'team_department.id', 'teams.department_id')
    .leftJoin('counterparties', 'counterparties.id', 'channels.counterparty_id')
    .selectAll('channels')
    .select([
      'owner.username as owner_username',
      'owner.display_name as owner_name',
      'departments.name as department_name',
      'departments.path as department_path',
      'teams.name as team_name',
      'teams.owner_id as team_owner_id',
      'team_department.path as team_department_path',
      'counterparties.name as counterparty_name',
    ]);
}

// Every message post and read checks access with this: prepared once (see platform/db/prepared.ts).
const byId = prepared((db, p: { id: string }) => withRefs(db).where('channels.id', '=', p.id));

export function findById(db: Executor, id: string): Promise<ChannelRow | undefined> {
  return byId.first(db, { id });
}

export function findByIds(db: Executor, ids: readonly string[]): Promise<ChannelRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return withRefs(db).where('channels.id', 'in', ids).execute();
}

/** Ids of every channel of a kind (retention applies its policy per kind). */
export async function idsOfKind(db: Executor, kind: ChannelKind): Promise<string[]> {
  const rows = await db.selectFrom('channels').select('id').where('kind', '=', kind).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Channels these people are listed in (direct and external conversations, and listed owners). */
export async function listedChannelIds(db: Executor, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('channel_members')
    .select('channel_id')
    .distinct()
    .where('user_id', 'in', userIds)
    .execute();
  return rows.map((r) => r.channel_id);
}

export function findByDirectKey(db: Executor, key: string): Promise<ChannelRow | undefined> {
  return withRefs(db).where('channels.direct_key', '=', key).executeTakeFirst();
}

/**
 * The channels a reader belongs to: direct and external channels they were added to (external
 * ones only while they still belong to that channel's counterparty), channels they own, and the
 * implied ones of employees — the department channels of their department and every department
 * above it, the channels of their teams, and the all-hands channel.
 */
export function listForReader(db: Executor, reader: Reader, includeArchived: boolean): Promise<ChannelRow[]> {
  let q = withRefs(db).where((eb) => {
    const explicit = eb.and([
      eb('channels.kind', 'in', EXPLICIT_KINDS),
      eb.exists(
        eb
          .selectFrom('channel_members')
          .select(sql`1`.as('one'))
          .whereRef('channel_members.channel_id', '=', 'channels.id')
          .where('channel_members.user_id', '=', reader.userId),
      ),
    ]);
    if (reader.kind !== 'employee') {
      return eb.and([
        explicit,
        eb('channels.kind', '=', 'external'),
        eb('channels.counterparty_id', '=', reader.counterpartyId),
      ]);
    }
    const ors = [
      explicit,
      eb('channels.owner_id', '=', reader.userId),
      eb('channels.kind', '=', 'all_hands'),
      eb.and([
        eb('channels.kind', '=', 'team'),
        eb.exists(
          eb
            .selectFrom('team_members')
            .select(sql`1`.as('one'))
            .whereRef('team_members.team_id', '=', 'channels.team_id')
            .where('team_members.user_id', '=', reader.userId),
        ),
      ]),
    ];
    if (reader.departmentPath) {
      // The reader's department path starts with the channel department's path.
      ors.push(
        eb.and([
          eb('channels.kind', '=', 'department'),
          sql<boolean>`${reader.departmentPath} like ${eb.ref('departments.path')} || '%'`,
        ]),
      );
    }
    return eb.or(ors);
  });
  if (!includeArchived) q = q.where('channels.archived_at', 'is', null);
  return q.orderBy('channels.last_message_at', 'desc').orderBy('channels.created_at').execute();
}

/** Every channel (for compliance officers, who may read them all). */
export function listAll(db: Executor, includeArchived: boolean): Promise<ChannelRow[]> {
  let q = withRefs(db);
  if (!includeArchived) q = q.where('channels.archived_at', 'is', null);
  return q.orderBy('channels.last_message_at', 'desc').execute();
}

const listedMember = prepared((db, p: { channelId: string; userId: string }) =>
  db
    .selectFrom('channel_members')
    .select('user_id')
    .where('channel_id', '=', p.channelId)
    .where('user_id', '=', p.userId),
);

/** The same rule as listForReader, for one channel. */
export async function isMember(db: Executor, channel: ChannelRow, reader: Reader): Promise<boolean> {
  if (reader.kind !== 'employee') {
    if (channel.kind !== 'external' || channel.counterparty_id !== reader.counterpartyId) return false;
  } else if (channel.owner_id === reader.userId) {
    return true;
  }
  if ((EXPLICIT_KINDS as readonly string[]).includes(channel.kind)) {
    return !!(await listedMember.first(db, { channelId: channel.id, userId: reader.userId }));
  }
  switch (channel.kind) {
    case 'all_hands':
      return true;
    case 'department':
      return !!(
        reader.departmentPath &&
        channel.department_path &&
        reader.departmentPath.startsWith(channel.department_path)
      );
    case 'team': {
      if (!channel.team_id) return false;
      const row = await db
        .selectFrom('team_members')
        .select('user_id')
        .where('team_id', '=', channel.team_id)
        .where('user_id', '=', reader.userId)
        .executeTakeFirst();
      return !!row;
    }
    default:
      return false;
  }
}

export interface MemberRow {
  id: string;
  username: string;
  display_name: string;
  kind: 'employee' | 'external';
  title: string | null;
  organisation: string | null;
  sort_key: string;
  via: 'explicit' | 'department' | 'team' | 'company';
  role: 'owner' | 'member';
}

/** Everyone in the channel — listed, implied and its owner — active accounts only, by pinyin. */
export async function members(db: Executor, channel: ChannelRow): Promise<MemberRow[]> {
  const out = new Map<string, MemberRow>();
  const base = db
    .selectFrom('users')
    .leftJoin('departments as member_department', 'member_department.id', 'users.department_id')
    .leftJoin('counterparties as member_org', 'member_org.id', 'users.counterparty_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.kind',
      'users.sort_key',
      'users.title',
      (eb) => eb.fn.coalesce('member_department.name', 'member_org.name').as('organisation'),
    ])
    .where('users.status', '=', 'active');
  if ((EXPLICIT_KINDS as readonly string[]).includes(channel.kind)) {
    const explicit = await base
      .innerJoin('channel_members', 'channel_members.user_id', 'users.id')
      .select('channel_members.role')
      .where('channel_members.channel_id', '=', channel.id)
      .where((eb) =>
        // A contact who moved to another organisation is no longer in its external channels.
        eb.or([eb('users.kind', '=', 'employee'), eb('users.counterparty_id', '=', channel.counterparty_id)]),
      )
      .execute();
    for (const m of explicit) out.set(m.id, { ...m, via: 'explicit' });
  } else {
    const employees = base.where('users.kind', '=', 'employee');
    let implied: Omit<MemberRow, 'via' | 'role'>[] = [];
    let via: MemberRow['via'] = 'company';
    if (channel.kind === 'all_hands') {
      implied = await employees.execute();
    } else if (channel.kind === 'department' && channel.department_path) {
      implied = await employees
        .innerJoin('departments', 'departments.id', 'users.department_id')
        .where('departments.path', 'like', `${channel.department_path}%`)
        .execute();
      via = 'department';
    } else if (channel.kind === 'team' && channel.team_id) {
      implied = await employees
        .innerJoin('team_members', 'team_members.user_id', 'users.id')
        .where('team_members.team_id', '=', channel.team_id)
        .execute();
      via = 'team';
    }
    for (const m of implied) out.set(m.id, { ...m, via, role: 'member' });
    if (channel.owner_id && !out.has(channel.owner_id)) {
      const owner = await base.where('users.id', '=', channel.owner_id).executeTakeFirst();
      if (owner) out.set(owner.id, { ...owner, via: 'explicit', role: 'owner' });
    }
  }
  for (const m of out.values()) if (m.id === channel.owner_id) m.role = 'owner';
  return [...out.values()].sort((a, b) => (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : 0));
}

export async function insert(db: Executor, row: Insertable<ChannelsTable>): Promise<void> {
  await db.insertInto('channels').values(row).execute();
}

export async function update(db: Executor, id: string, patch: Updateable<ChannelsTable>): Promise<void> {
  await db.updateTable('channels').set(patch).where('id', '=', id).execute();
}

export async function addMembers(db: Executor, rows: Insertable<ChannelMembersTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('channel_members')
    .values(rows)
    .onConflict((oc) => oc.columns(['channel_id', 'user_id']).doNothing())
    .execute();
}

export async function removeMember(db: Executor, channelId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('channel_members')
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Makes `ownerId` the owner among the listed members and the previous owner a plain member. */
export async function setRoles(
  db: Executor,
  channelId: string,
  ownerId: string,
  previous: string | null,
): Promise<void> {
  if (previous) {
    await db
      .updateTable('channel_members')
      .set({ role: 'member' })
      .where('channel_id', '=', channelId)
      .where('user_id', '=', previous)
      .execute();
  }
  await db
    .updateTable('channel_members')
    .set({ role: 'owner' })
    .where('channel_id', '=', channelId)
    .where('user_id', '=', ownerId)
    .execute();
}

/** Archives the channels of a team or department; returns their ids. */
export async function archiveByOrganisation(
  db: Executor,
  ref: { teamId: string } | { departmentId: string },
  at: string,
): Promise<string[]> {
  const rows = await db
    .updateTable('channels')
    .set({ archived_at: at, updated_at: at })
    .where(
      'teamId' in ref ? 'team_id' : 'department_id',
      '=',
      'teamId' in ref ? ref.teamId : ref.departmentId,
    )
    .where('archived_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function explicitMemberIds(db: Executor, channelId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('channel_members')
    .select('user_id')
    .where('channel_id', '=', channelId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** The listed members of these channels, in insertion order. */
export function listedMembersOf(
  db: Executor,
  channelIds: readonly string[],
): Promise<{ channel_id: string; user_id: string }[]> {
  if (channelIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('channel_members')
    .select(['channel_id', 'user_id'])
    .where('channel_id', 'in', channelIds)
    .execute();
}

/** Takes the next message number in the channel; the row lock orders concurrent posters. */
const bumpSeq = prepared((db, p: { id: string; at: string }) =>
  db
    .updateTable('channels')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: p.at }))
    .where('id', '=', p.id)
    .returning('last_seq'),
);

/** The channel's next message seq (its row stays locked until the transaction ends). */
export async function nextSeq(db: Executor, channelId: string, at: string): Promise<number> {
  const row = await bumpSeq.first(db, { id: channelId, at });
  if (!row) throw new Error(`channel ${channelId} vanished while posting`);
  return Number(row.last_seq);
}

// Read positions

export async function readPositions(
  db: Executor,
  userId: string,
  channelIds: readonly string[],
): Promise<Map<string, number>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('channel_reads')
    .select(['channel_id', 'last_read_seq'])
    .where('user_id', '=', userId)
    .where('channel_id', 'in', channelIds)
    .execute();
  return new Map(rows.map((r) => [r.channel_id, Number(r.last_read_seq)]));
}

/** Moves the read position forward (never back). Returns whether it moved. */
const advanceRead = prepared((db, p: { channelId: string; userId: string; seq: number; at: string }) =>
  db
    .insertInto('channel_reads')
    .values({ channel_id: p.channelId, user_id: p.userId, last_read_seq: p.seq, updated_at: p.at })
    .onConflict((oc) =>
      oc
        .columns(['channel_id', 'user_id'])
        .doUpdateSet({ last_read_seq: p.seq, updated_at: p.at })
        .where('channel_reads.last_read_seq', '<', p.seq),
    ),
);

/** Moves a read position forward (never back); whether it moved. */
export async function markRead(
  db: Executor,
  channelId: string,
  userId: string,
  seq: number,
  at: string,
): Promise<boolean> {
  const r = await advanceRead.execute(db, { channelId, userId, seq, at });
  return Number(r.numAffectedRows ?? 0) > 0;
}

/**
 * Member counts for many channels in a few queries: implied members per kind (aggregated), plus
 * explicit members who are not already implied (an owner from outside the department, say).
 */
export async function memberCounts(
  db: Executor,
  channels: readonly ChannelRow[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>(channels.map((c) => [c.id, 0]));
  if (channels.length === 0) return out;
  const ids = channels.map((c) => c.id);

  const employees = Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'active')
        .where('kind', '=', 'employee')
        .executeTakeFirstOrThrow()
    ).n,
  );
  const departmentCounts = await db
    .selectFrom('channels')
    .innerJoin('departments as cd', 'cd.id', 'channels.department_id')
    .innerJoin('departments as ud', (join) => join.on(sql<boolean>`ud.path like cd.path || '%'`))
    .innerJoin('users', 'users.department_id', 'ud.id')
    .select(['channels.id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('channels.id', 'in', ids)
    .where('channels.kind', '=', 'department')
    .where('users.status', '=', 'active')
    .where('users.kind', '=', 'employee')
    .groupBy('channels.id')
    .execute();
  const teamCounts = await db
    .selectFrom('channels')
    .innerJoin('team_members', 'team_members.team_id', 'channels.team_id')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['channels.id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('channels.id', 'in', ids)
    .where('channels.kind', '=', 'team')
    .where('users.status', '=', 'active')
    .groupBy('channels.id')
    .execute();
  for (const c of channels) if (c.kind === 'all_hands') out.set(c.id, employees);
  for (const r of [...departmentCounts, ...teamCounts]) out.set(r.id, Number(r.n));

  // Listed members of direct and external channels (contacts only of the channel's organisation).
  const explicit = await db
    .selectFrom('channel_members')
    .innerJoin('channels', 'channels.id', 'channel_members.channel_id')
    .innerJoin('users', 'users.id', 'channel_members.user_id')
    .select(['channel_members.channel_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('channel_members.channel_id', 'in', ids)
    .where('channels.kind', 'in', EXPLICIT_KINDS)
    .where('users.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('users.kind', '=', 'employee'),
        eb('users.counterparty_id', '=', eb.ref('channels.counterparty_id')),
      ]),
    )
    .groupBy('channel_members.channel_id')
    .execute();
  for (const r of explicit) out.set(r.channel_id, Number(r.n));

  // The owner of an implied channel counts when they are not implied themselves.
  const owners = channels.filter(
    (c) => !(EXPLICIT_KINDS as readonly string[]).includes(c.kind) && c.owner_id,
  );
  if (owners.length > 0) {
    const rows = await db
      .selectFrom('users')
      .leftJoin('departments', 'departments.id', 'users.department_id')
      .select(['users.id', 'users.kind', 'users.status', 'departments.path'])
      .where(
        'users.id',
        'in',
        owners.map((c) => c.owner_id!),
      )
      .execute();
    const teamIds = owners.filter((c) => c.kind === 'team' && c.team_id).map((c) => c.team_id!);
    const teamMembers = teamIds.length
      ? await db
          .selectFrom('team_members')
          .select(['team_id', 'user_id'])
          .where('team_id', 'in', teamIds)
          .execute()
      : [];
    const inTeam = new Set(teamMembers.map((m) => `${m.team_id}/${m.user_id}`));
    for (const c of owners) {
      const u = rows.find((r) => r.id === c.owner_id);
      if (u?.status !== 'active') continue;
      const implied =
        u.kind === 'employee' &&
        (c.kind === 'all_hands' ||
          (c.kind === 'department' &&
            !!u.path &&
            !!c.department_path &&
            u.path.startsWith(c.department_path)) ||
          (c.kind === 'team' && inTeam.has(`${c.team_id}/${u.id}`)));
      if (!implied) out.set(c.id, (out.get(c.id) ?? 0) + 1);
    }
  }
  return out;
}

// Naming rules

export function namingRules(db: Executor) {
  return db.selectFrom('channel_naming_rules').selectAll().execute();
}

export async function saveNamingRule(
  db: Executor,
  kind: ChannelKind,
  pattern: string,
  by: string,
  at: string,
) {
  await db
    .insertInto('channel_naming_rules')
    .values({ kind, pattern, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('kind').doUpdateSet({ pattern, updated_at: at, updated_by: by }))
    .execute();
}
