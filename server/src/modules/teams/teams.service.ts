import type {
  AddTeamMembersRequest,
  CreateTeamRequest,
  Team,
  TeamDetail,
  TeamListQuery,
  UpdateTeamRequest,
  UserRef,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { type EventLog, membershipChanged } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { normaliseSearch, searchTextOf } from '../../platform/text/chinese.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import * as repo from './teams.repository.ts';

/**
 * Runs inside the transaction that deletes a team, before the row goes: modules above teams that
 * keep something per team (the channels module archives the team's group) register one in
 * services.ts instead of teams importing them.
 */
export type TeamRemovalHook = (trx: Transaction<DB>, teamId: string) => Promise<void>;

export interface TeamsDeps {
  db: Kysely<DB>;
  events: EventLog;
  clock: Clock;
  audit: AuditService;
  departments: Pick<DepartmentsService, 'pathOf' | 'byIds'>;
  people: Pick<UserLookupService, 'refs' | 'facts' | 'activeUsers'>;
}

/** What other modules read of a team. */
export interface TeamFacts {
  id: string;
  name: string;
  department_id: string | null;
  owner_id: string | null;
  /** The team's department's path, for data scope. */
  department_path: string | null;
}

/** Teams (团队) and project groups (项目组): who works together, whatever their department. */
export class TeamsService {
  readonly #deps: TeamsDeps;
  readonly #removalHooks: TeamRemovalHook[] = [];

  constructor(deps: TeamsDeps) {
    this.#deps = deps;
  }

  /** Registers what must happen in the same transaction when a team is deleted. */
  onRemove(hook: TeamRemovalHook): void {
    this.#removalHooks.push(hook);
  }

  /** Teams by id with their department's path (unknown ids are skipped). */
  async factsOf(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, TeamFacts>> {
    const rows = await repo.findByIds(
      db,
      ids.filter((id): id is string => id !== null),
    );
    const departments = await this.#deps.departments.byIds(
      db,
      rows.map((r) => r.department_id),
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          department_id: r.department_id,
          owner_id: r.owner_id,
          department_path: r.department_id ? (departments.get(r.department_id)?.path ?? null) : null,
        },
      ]),
    );
  }

  /** Ids of a team's members. */
  async memberIds(db: Executor, teamId: string): Promise<string[]> {
    return [...(await repo.memberIds(db, teamId))];
  }

  /** The teams a user is a member of. */
  teamIdsOf(db: Executor, userId: string): Promise<string[]> {
    return repo.teamIdsOf(db, userId);
  }

  /** Whether two people are members of one team. */
  shareATeam(db: Executor, a: string, b: string): Promise<boolean> {
    return repo.shareATeam(db, a, b);
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
    const [owners, departments] = await Promise.all([
      this.#deps.people.refs(
        db,
        rows.map((r) => r.owner_id),
      ),
      this.#deps.departments.byIds(
        db,
        rows.map((r) => r.department_id),
      ),
    ]);
    return rows.map((r) => toTeam(r, owners, departments));
  }

  async get(id: string, db: Executor = this.#deps.db): Promise<TeamDetail> {
    const row = await repo.findById(db, id);
    if (!row) throw errors.notFound(text('nouns.team'));
    const members = await repo.members(db, id);
    const [owners, departments, people] = await Promise.all([
      this.#deps.people.refs(db, [row.owner_id]),
      this.#deps.departments.byIds(db, [row.department_id]),
      this.#deps.people.facts(
        db,
        members.map((m) => m.user_id),
      ),
    ]);
    const joinedAt = new Map(members.map((m) => [m.user_id, m.joined_at]));
    return {
      ...toTeam(row, owners, departments),
      // By pinyin, as a Chinese reader expects.
      members: people
        .sort((a, b) => (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : 0))
        .map((p) => ({
          user: { id: p.id, username: p.username, displayName: p.display_name },
          joinedAt: joinedAt.get(p.id)!,
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
      await this.#checkEmployees(trx, memberIds, 'body.memberIds');
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
        await this.#checkEmployees(trx, [after.ownerId], 'body.ownerId');
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
      for (const hook of this.#removalHooks) await hook(trx, id);
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
      await this.#checkEmployees(trx, added, 'body.userIds');
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
      if (row.owner_id === userId) throw errors.conflict(text('teams.errors.ownerStays'));
      if (!(await repo.removeMember(trx, id, userId))) throw errors.notFound(text('nouns.teamMember'));
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
    if (!row) throw errors.notFound(text('nouns.team'));
    if (!teamInScope(ctx, await this.#deps.departments.pathOf(trx, row.department_id), row.owner_id))
      throw errors.forbidden(text('teams.errors.outOfScope'));
    return row;
  }

  #checkScope(ctx: ActorContext, departmentPath: string | null, ownerId: string | null): void {
    if (!teamInScope(ctx, departmentPath, ownerId)) {
      throw errors.forbidden(text('teams.errors.manageOutOfScope'));
    }
  }

  async #checkEmployees(trx: Executor, ids: readonly string[], path: string): Promise<void> {
    const found = await this.#deps.people.activeUsers(trx, ids);
    const bad = ids.filter((id) => !found.some((u) => u.id === id && u.kind === 'employee'));
    if (bad.length > 0) {
      throw errors.validation(bad.map((id) => ({ path, message: `${id} is not an active employee` })));
    }
  }

  async #departmentPath(trx: Executor, departmentId: string | null): Promise<string | null> {
    if (!departmentId) return null;
    const path = await this.#deps.departments.pathOf(trx, departmentId);
    if (!path) throw errors.invalidField('body.departmentId', 'no such department');
    return path;
  }

  // ——— read helpers other modules use (audiences): by ids in one query ———

  /** Everyone in any of these teams. */
  memberIdsOf(db: Executor, teamIds: readonly string[]): Promise<string[]> {
    return repo.memberIdsOfTeams(db, teamIds);
  }

  async namesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return new Map((await repo.findByIds(db, ids)).map((r) => [r.id, r.name]));
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

function toTeam(
  row: repo.TeamRow,
  owners: Map<string, UserRef>,
  departments: Map<string, { name: string }>,
): Team {
  const department = row.department_id ? departments.get(row.department_id) : undefined;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    department: row.department_id && department ? { id: row.department_id, name: department.name } : null,
    owner: row.owner_id ? (owners.get(row.owner_id) ?? null) : null,
    memberCount: row.member_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
