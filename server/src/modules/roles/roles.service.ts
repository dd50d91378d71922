import {
  BUILT_IN_ROLES,
  type CreateRoleRequest,
  EXTERNAL_PERMISSIONS,
  type Grants,
  PERMISSIONS,
  type Permission,
  type Role,
  type RoleRef,
  type UpdateRoleRequest,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, SYSTEM_CONTEXT } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import { canGrant, grantsFromRoles } from './grants.ts';
import * as repo from './roles.repository.ts';

/** Serialises every change that could remove the last active administrator. */
const ADMINS_LOCK = 'system-administrators';

/**
 * What roles need to know of the people holding them (active? external?). Users sit above roles,
 * so services.ts passes the user lookup service, which has this shape.
 */
export interface RoleHolders {
  facts(
    db: Executor,
    ids: readonly string[],
  ): Promise<{ id: string; kind: 'employee' | 'external'; status: 'active' | 'disabled' }[]>;
  /** The active users among `ids`, oldest account first. */
  activeAmong(db: Executor, ids: readonly string[]): Promise<string[]>;
}

export interface RolesDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  holders: RoleHolders;
}

export class RolesService {
  readonly #deps: RolesDeps;

  constructor(deps: RolesDeps) {
    this.#deps = deps;
  }

  /**
   * Creates missing built-in roles, keeps the locked administrator role holding the whole
   * catalogue, and hands each built-in role the default permissions a newer release added to it —
   * once: a default an administrator later removes is not forced back (`defaults_applied`).
   */
  async ensureBuiltIns(): Promise<void> {
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      for (const def of BUILT_IN_ROLES) {
        const existing = await repo.findByKey(trx, def.key);
        const defaults = [...def.permissions];
        if (!existing) {
          const id = newId();
          await repo.insert(trx, {
            id,
            key: def.key,
            name: def.name,
            description: def.description,
            scope: def.scope,
            permissions: JSON.stringify(defaults),
            built_in: 1,
            locked: def.locked ? 1 : 0,
            defaults_applied: JSON.stringify(defaults),
            created_at: now,
            updated_at: now,
          });
          await this.#deps.audit.record(trx, SYSTEM_CONTEXT, {
            action: 'role.created',
            targetType: 'role',
            targetId: id,
            summary: { key: def.key, name: def.name, scope: def.scope, permissions: defaults, builtIn: true },
          });
          continue;
        }
        const current = parsePermissions(existing.permissions);
        // Before this bookkeeping existed, what the role held counts as already applied.
        const applied = existing.defaults_applied
          ? (JSON.parse(existing.defaults_applied) as string[])
          : current;
        const next = def.locked
          ? defaults
          : [...current, ...defaults.filter((p) => !applied.includes(p) && !current.includes(p))];
        const appliedNext = [...new Set([...applied, ...defaults])];
        const permissionsChanged = JSON.stringify([...next].sort()) !== JSON.stringify([...current].sort());
        if (!permissionsChanged && JSON.stringify(appliedNext) === existing.defaults_applied) continue;
        await repo.update(trx, existing.id, {
          permissions: JSON.stringify(next),
          defaults_applied: JSON.stringify(appliedNext),
          updated_at: now,
        });
        if (permissionsChanged) {
          await this.#deps.audit.record(trx, SYSTEM_CONTEXT, {
            action: 'role.updated',
            targetType: 'role',
            targetId: existing.id,
            summary: { key: def.key, permissions: { from: current, to: next }, reason: 'built-in defaults' },
          });
        }
      }
    });
  }

  async grantsOf(db: Executor, userId: string): Promise<{ grants: Grants; roles: RoleRef[] }> {
    const roles = await repo.roleGrantsOfUser(db, userId);
    return {
      grants: grantsFromRoles(
        roles.map((r) => ({ scope: r.scope, permissions: parsePermissions(r.permissions) })),
      ),
      roles: roles.map(toRef),
    };
  }

  async rolesOfUsers(db: Executor, userIds: readonly string[]): Promise<Map<string, RoleRef[]>> {
    const out = new Map<string, RoleRef[]>();
    for (const { user_id, ...role } of await repo.roleRefsOfUsers(db, userIds)) {
      const list = out.get(user_id) ?? [];
      list.push(toRef(role));
      out.set(user_id, list);
    }
    return out;
  }

  async roleIdByKey(db: Executor, key: string): Promise<string> {
    const role = await repo.findByKey(db, key);
    if (!role) throw new Error(`built-in role ${key} is missing; run migrations`);
    return role.id;
  }

  /** Ids of everyone holding the role with this key, active or not. */
  holderIdsByKey(db: Executor, key: string): Promise<string[]> {
    return repo.holderIdsByKey(db, key);
  }

  /** Ids of the active holders of the role with this key, oldest account first. */
  async activeHolderIdsByKey(db: Executor, key: string): Promise<string[]> {
    return this.#deps.holders.activeAmong(db, await repo.holderIdsByKey(db, key));
  }

  /**
   * Active users some role gives `permission` — whoever is to be told about what the permission
   * looks after (the calendar's administrators, say). Roles are few; their permissions are JSON.
   */
  async activeUserIdsWithPermission(db: Executor, permission: Permission): Promise<string[]> {
    const roles = await repo.rolePermissions(db);
    const holding = roles
      .filter((r) => parsePermissions(r.permissions).includes(permission))
      .map((r) => r.id);
    return [...(await this.#deps.holders.activeAmong(db, await repo.holderIds(db, holding)))].sort();
  }

  /** Roles by id inside the caller's transaction (unknown ids are skipped). */
  async findMany(
    db: Executor,
    ids: readonly string[],
  ): Promise<{ id: string; name: string; permissions: Permission[] }[]> {
    const rows = await repo.findByIds(db, ids);
    return rows.map((r) => ({ id: r.id, name: r.name, permissions: parsePermissions(r.permissions) }));
  }

  async list(): Promise<Role[]> {
    const rows = await repo.listWithCounts(this.#deps.db);
    return rows.map((r) => toRole(r, r.user_count));
  }

  async get(id: string): Promise<Role> {
    const row = await repo.findById(this.#deps.db, id);
    if (!row) throw errors.notFound(text('nouns.role'));
    return toRole(row, await repo.countUsers(this.#deps.db, id));
  }

  async create(ctx: ActorContext, input: CreateRoleRequest): Promise<Role> {
    if (!canGrant(ctx.actor, input)) throw errors.forbidden(text('roles.errors.createBeyondYours'));
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      if (await repo.findByKey(trx, input.key))
        throw errors.conflict(text('roles.errors.keyTaken', { key: input.key }));
      const permissions = [...new Set(input.permissions)];
      await repo.insert(trx, {
        id,
        key: input.key,
        name: input.name,
        description: input.description ?? null,
        scope: input.scope,
        permissions: JSON.stringify(permissions),
        built_in: 0,
        locked: 0,
        defaults_applied: null,
        created_at: now,
        updated_at: now,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'role.created',
        targetType: 'role',
        targetId: id,
        summary: { key: input.key, name: input.name, scope: input.scope, permissions },
      });
    });
    return this.get(id);
  }

  async update(ctx: ActorContext, id: string, input: UpdateRoleRequest): Promise<Role> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id);
      if (!row) throw errors.notFound(text('nouns.role'));
      if (row.locked) throw errors.forbidden(text('roles.errors.locked'));
      const before = {
        name: row.name,
        description: row.description,
        scope: row.scope,
        permissions: parsePermissions(row.permissions),
      };
      const after = {
        ...before,
        ...input,
        permissions: input.permissions ? [...new Set(input.permissions)] : before.permissions,
      };
      // Changing a role hands out (or takes away) all of it: the actor must hold both versions.
      if (!canGrant(ctx.actor, before) || !canGrant(ctx.actor, after)) {
        throw errors.forbidden(text('roles.errors.changeBeyondYours'));
      }
      if (
        row.key === 'external_user' ||
        (await this.#countHolders(trx, id, (u) => u.kind === 'external')) > 0
      ) {
        const internal = after.permissions.filter((p) => !EXTERNAL_PERMISSIONS.includes(p));
        if (internal.length > 0) {
          throw errors.invalidField(
            'body.permissions',
            `external users hold this role and may not receive ${internal.join(', ')}`,
          );
        }
      }
      const diff = changes(before, after);
      if (Object.keys(diff).length === 0) return;
      await repo.update(trx, id, {
        name: after.name,
        description: after.description ?? null,
        scope: after.scope,
        permissions: JSON.stringify(after.permissions),
        updated_at: this.#deps.clock.now().toISOString(),
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'role.updated',
        targetType: 'role',
        targetId: id,
        summary: { key: row.key, ...diff },
      });
    });
    return this.get(id);
  }

  async remove(ctx: ActorContext, id: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id);
      if (!row) throw errors.notFound(text('nouns.role'));
      if (row.built_in) throw errors.conflict(text('roles.errors.builtInKept'));
      if (!canGrant(ctx.actor, { scope: row.scope, permissions: parsePermissions(row.permissions) })) {
        throw errors.forbidden(text('roles.errors.deleteBeyondYours'));
      }
      const holders = await repo.countUsers(trx, id);
      if (holders > 0) {
        throw errors.conflict(text('roles.errors.stillHeld', { count: holders }), {
          userCount: holders,
        });
      }
      await repo.remove(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'role.deleted',
        targetType: 'role',
        targetId: id,
        summary: { key: row.key, name: row.name },
      });
    });
  }

  /**
   * Replaces a user's roles inside the caller's transaction. The actor must be able to grant
   * every role added or removed, and the company must keep at least one active administrator.
   */
  async assign(
    trx: Transaction<DB>,
    ctx: ActorContext,
    userId: string,
    roleIds: readonly string[],
  ): Promise<void> {
    const wanted = [...new Set(roleIds)];
    const roles = await repo.findByIds(trx, wanted);
    if (roles.length !== wanted.length) {
      const missing = wanted.filter((id) => !roles.some((r) => r.id === id));
      throw errors.validation(missing.map((id) => ({ path: 'body.roleIds', message: `unknown role ${id}` })));
    }
    const current = (await repo.rolesOfUsers(trx, [userId])).get(userId) ?? [];
    const added = roles.filter((r) => !current.some((c) => c.id === r.id));
    const removed = current.filter((c) => !wanted.includes(c.id));
    for (const role of [...added, ...removed]) {
      if (!canGrant(ctx.actor, { scope: role.scope, permissions: parsePermissions(role.permissions) })) {
        throw errors.forbidden(text('roles.errors.grantBeyondYours', { role: role.name }));
      }
    }
    if (added.length === 0 && removed.length === 0) return;
    if (removed.some((r) => r.locked)) await this.#deps.dialect.lockNamed(trx, ADMINS_LOCK);
    await repo.replaceUserRoles(trx, userId, wanted, ctx.actor.userId, this.#deps.clock.now().toISOString());
    for (const role of removed) {
      if (role.locked && (await this.#countHolders(trx, role.id, (u) => u.status === 'active')) === 0) {
        throw errors.conflict(text('roles.errors.lastAdministrator'));
      }
    }
    await this.#deps.audit.record(trx, ctx, {
      action: 'user.roles.changed',
      targetType: 'user',
      targetId: userId,
      summary: { added: added.map((r) => r.key), removed: removed.map((r) => r.key) },
    });
  }

  /** Initial roles for a new account, without the grant check (the caller vetted the creation). */
  async assignInitial(
    trx: Executor,
    userId: string,
    roleKeys: readonly string[],
    grantedBy: string | null,
  ): Promise<void> {
    const ids: string[] = [];
    for (const key of roleKeys) ids.push(await this.roleIdByKey(trx, key));
    await repo.replaceUserRoles(trx, userId, ids, grantedBy, this.#deps.clock.now().toISOString());
  }

  async #countHolders(
    db: Executor,
    roleId: string,
    which: (user: { kind: 'employee' | 'external'; status: 'active' | 'disabled' }) => boolean,
  ): Promise<number> {
    const holders = await this.#deps.holders.facts(db, await repo.holderIds(db, [roleId]));
    return holders.filter(which).length;
  }

  /** Whether a user still holds the locked administrator role (for last-admin protection). */
  async isLastActiveAdmin(trx: Transaction<DB>, userId: string): Promise<boolean> {
    // Two administrators disabling each other at once must not both succeed.
    await this.#deps.dialect.lockNamed(trx, ADMINS_LOCK);
    const adminId = await this.roleIdByKey(trx, 'system_admin');
    const mine = (await repo.rolesOfUsers(trx, [userId])).get(userId) ?? [];
    return (
      mine.some((r) => r.id === adminId) &&
      (await this.#countHolders(trx, adminId, (u) => u.status === 'active')) <= 1
    );
  }

  /** Who holds the role with this key (any status; callers keep the active ones). */
  async holderIdsOfKey(db: Executor, key: string): Promise<string[]> {
    return (await repo.userIdsWithRoleKey(db, key).execute()).map((r) => r.user_id);
  }

  /** The role's name, for saying which role nobody holds; the key itself when there is no such role. */
  async nameOfKey(db: Executor, key: string): Promise<string> {
    return (await repo.findByKey(db, key))?.name ?? key;
  }
}

/** Stored permission keys that are still in the catalogue (a removed permission just disappears). */
function parsePermissions(json: string): Permission[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value)
    ? value.filter((v): v is Permission => typeof v === 'string' && v in PERMISSIONS)
    : [];
}

function toRef(row: Pick<repo.RoleRow, 'id' | 'key' | 'name'>): RoleRef {
  return { id: row.id, key: row.key, name: row.name };
}

function toRole(row: repo.RoleRow, userCount: number): Role {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    scope: row.scope,
    permissions: parsePermissions(row.permissions),
    builtIn: row.built_in === 1,
    locked: row.locked === 1,
    userCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
