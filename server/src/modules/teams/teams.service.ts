import type {
  AddTeamMembersRequest,
  CreateTeamRequest,
  Team,
  TeamDetail,
  TeamListQuery,
  UpdateTeamRequest,
  UserRef,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { type EventLog, membershipChanged } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { normaliseSearch, searchTextOf } from '../../platform/text/chinese.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import type { ChannelsService } from '../channels/channels.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import { activeUsers, userRefs } from '../users/users.refs.ts';
import * as repo from './teams.repository.ts';

export interface TeamsDeps {
  db: Kysely<DB>;
  channels: Pick<ChannelsService, 'archiveFor'>;
  events: EventLog;
  clock: Clock;
  audit: AuditService;
  departments: DepartmentsService;
}

/** Teams (团队) and project groups (项目组): who works together, whatever their department. */
export class TeamsService {
  readonly #deps: TeamsDeps;

  constructor(deps: TeamsDeps) {
    this.#deps = deps;
  }

  /**
   * Teams matching the filters. The name search runs here, not in SQL: it matches Chinese,
   * pinyin and initials (crm, 大促, dcz) with Unicode lower-casing on both databases, and a
   * company has hundreds of teams, not millions.
   */
  async list(query: TeamListQuery): Promise<Team[]> {
    const db = this.#deps.db;
    let rows = await repo.list(db, query);
    if (query.q) {
      const needle = normaliseSearch(query.q);
      rows = rows.filter((r) => searchTextOf(r.name, []).includes(needle));
    }
    const owners = await userRefs(
      db,
      rows.map((r) => r.owner_id),
    );
    return rows.map((r) => toTeam(r, owners));
  }

  async get(id: string, db: Executor = this.#deps.db): Promise<TeamDetail> {
    const row = await repo.findById(db, id);
    if (!row) throw errors.notFound('Team');
    const owners = await userRefs(db, [row.owner_id]);
    const members = await repo.members(db, id);
    return {
      ...toTeam(row, owners),
      members: members.map((m) => ({
        user: { id: m.id, username: m.username, displayName: m.display_name },
        joinedAt: m.joined_at,
      })),
    };
  }

  async create(ctx: ActorContext, input: CreateTeamRequest): Promise<TeamDetail> {
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      const ownerId = input.ownerId === undefined ? ctx.actor.userId : input.ownerId;
      const departmentPath = await this.#departmentPath(trx, input.departmentId ?? null);
      this.#checkScope(ctx, departmentPath, ownerId);
      const memberIds = [...new Set([...(input.memberIds ?? []), ...(ownerId ? [ownerId] : [])])];
      await checkEmployees(trx, memberIds, 'body.memberIds');
      await repo.insert(trx, {
        id,
        name: input.name,
        kind: input.kind,
        description: input.description ?? null,
        department_id: input.departmentId ?? null,
        owner_id: ownerId,
        created_at: now,
        updated_at: now,
      });
      await repo.addMembers(trx, id, memberIds, now);
      await this.#deps.events.append(trx, membershipChanged(memberIds));
      await this.#deps.audit.record(trx, ctx, {
        action: 'team.created',
        targetType: 'team',
        targetId: id,
        summary: {
          name: input.name,
          kind: input.kind,
          departmentId: input.departmentId ?? null,
          ownerId,
          memberIds,
        },
      });
    });
    this.#deps.events.committed();
    return this.get(id);
  }

  async update(ctx: ActorContext, id: string, input: UpdateTeamRequest): Promise<TeamDetail> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await this.#manageable(trx, ctx, id);
      const before = {
        name: row.name,
        kind: row.kind,
        description: row.description,
        departmentId: row.department_id,
        ownerId: row.owner_id,
      };
      const diff = changes(before, input);
      if (Object.keys(diff).length === 0) return;
      const after = { ...before, ...input };
      // The team must stay within the actor's reach after the change, too.
      this.#checkScope(
        ctx,
        await this.#departmentPath(trx, after.departmentId ?? null),
        after.ownerId ?? null,
      );
      // Only a new owner is checked: a team whose owner has left can still be edited (and handed over).
      if (after.ownerId && after.ownerId !== row.owner_id)
        await checkEmployees(trx, [after.ownerId], 'body.ownerId');
      const now = this.#deps.clock.now().toISOString();
      await repo.update(trx, id, {
        name: after.name,
        kind: after.kind,
        description: after.description ?? null,
        department_id: after.departmentId ?? null,
        owner_id: after.ownerId ?? null,
        updated_at: now,
      });
      if (after.ownerId) await repo.addMembers(trx, id, [after.ownerId], now);
      if (after.ownerId && after.ownerId !== row.owner_id) {
        await this.#deps.events.append(trx, membershipChanged([after.ownerId]));
      }
      await this.#deps.audit.record(trx, ctx, {
        action: 'team.updated',
        targetType: 'team',
        targetId: id,
        summary: { name: row.name, ...diff },
      });
    });
    this.#deps.events.committed();
    return this.get(id);
  }

  async remove(ctx: ActorContext, id: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await this.#manageable(trx, ctx, id);
      const formerMembers = [...(await repo.memberIds(trx, id))];
      await this.#deps.channels.archiveFor(trx, { teamId: id });
      await repo.remove(trx, id);
      await this.#deps.events.append(trx, membershipChanged(formerMembers));
      await this.#deps.audit.record(trx, ctx, {
        action: 'team.deleted',
        targetType: 'team',
        targetId: id,
        summary: { name: row.name, memberCount: row.member_count },
      });
    });
    this.#deps.events.committed();
  }

  async addMembers(ctx: ActorContext, id: string, input: AddTeamMembersRequest): Promise<TeamDetail> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await this.#manageable(trx, ctx, id);
      const existing = await repo.memberIds(trx, id);
      const added = [...new Set(input.userIds)].filter((u) => !existing.has(u));
      if (added.length === 0) return;
      await checkEmployees(trx, added, 'body.userIds');
      await repo.addMembers(trx, id, added, this.#deps.clock.now().toISOString());
      await this.#deps.events.append(trx, membershipChanged(added));
      await this.#deps.audit.record(trx, ctx, {
        action: 'team.members.added',
        targetType: 'team',
        targetId: id,
        summary: { name: row.name, userIds: added },
      });
    });
    this.#deps.events.committed();
    return this.get(id);
  }

  async removeMember(ctx: ActorContext, id: string, userId: string): Promise<TeamDetail> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await this.#manageable(trx, ctx, id);
      if (row.owner_id === userId)
        throw errors.conflict('Hand the team to another owner before removing its owner.');
      if (!(await repo.removeMember(trx, id, userId))) throw errors.notFound('Team member');
      await this.#deps.events.append(trx, membershipChanged([userId]));
      await this.#deps.audit.record(trx, ctx, {
        action: 'team.members.removed',
        targetType: 'team',
        targetId: id,
        summary: { name: row.name, userIds: [userId] },
      });
    });
    this.#deps.events.committed();
    return this.get(id);
  }

  /** A team the actor's `team.manage` reaches: by its department, or as its owner. */
  async #manageable(trx: Executor, ctx: ActorContext, id: string): Promise<repo.TeamRow> {
    const row = await repo.findById(trx, id);
    if (!row) throw errors.notFound('Team');
    if (!teamInScope(ctx, row.department_path, row.owner_id))
      throw errors.forbidden('This team is outside your scope.');
    return row;
  }

  #checkScope(ctx: ActorContext, departmentPath: string | null, ownerId: string | null): void {
    if (!teamInScope(ctx, departmentPath, ownerId)) {
      throw errors.forbidden('You can only manage teams of departments within your scope.');
    }
  }

  async #departmentPath(trx: Executor, departmentId: string | null): Promise<string | null> {
    if (!departmentId) return null;
    const path = await this.#deps.departments.pathOf(trx, departmentId);
    if (!path) throw errors.invalidField('body.departmentId', 'no such department');
    return path;
  }

  // ——— read helpers other modules use (audiences): by ids in one query ———

  /** The teams a person belongs to. */
  teamIdsOf(db: Executor, userId: string): Promise<string[]> {
    return repo.teamIdsOfUser(db, userId);
  }

  /** Everyone in any of these teams. */
  memberIdsOf(db: Executor, teamIds: readonly string[]): Promise<string[]> {
    return repo.memberIdsOfTeams(db, teamIds);
  }

  async namesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await repo.namesOf(db, ids)).map((r) => [r.id, r.name]));
  }
}

/**
 * A team belongs to its department when it has one, so a department head reaches the teams of
 * their subtree; a team without a department (or an `own` scope) is reached through its owner.
 */
function teamInScope(ctx: ActorContext, departmentPath: string | null, ownerId: string | null): boolean {
  const filter = scopeFilter(ctx.actor, 'team.manage');
  const byOwner = filter.kind === 'own' || departmentPath === null;
  return inScope(filter, { departmentPath, ownerIds: byOwner ? [ownerId] : [] });
}

async function checkEmployees(trx: Executor, ids: readonly string[], path: string): Promise<void> {
  const found = await activeUsers(trx, ids);
  const bad = ids.filter((id) => !found.some((u) => u.id === id && u.kind === 'employee'));
  if (bad.length > 0) {
    throw errors.validation(bad.map((id) => ({ path, message: `${id} is not an active employee` })));
  }
}

function toTeam(row: repo.TeamRow, owners: Map<string, UserRef>): Team {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    department:
      row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
    owner: row.owner_id ? (owners.get(row.owner_id) ?? null) : null,
    memberCount: row.member_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
