import {
  type CreatedUser,
  type CreateUserRequest,
  EXTERNAL_PERMISSIONS,
  NewPassword,
  type UpdateUserRequest,
  type User,
  type UserRef,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import { generatePassword, hashPassword } from '../../platform/auth/passwords.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { credentialsEnded, type EventLog, membershipChanged } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { pinyinOf, searchTextOf } from '../../platform/text/chinese.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import type { CounterpartiesService } from '../counterparties/counterparties.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import { bootstrapAdmin } from './admin-bootstrap.ts';
import { toUser, type UserRecords, type UserWithDepartment } from './user-records.ts';
import { findManageable, findVisible } from './users.access.ts';
import { userRefs } from './users.refs.ts';
import * as repo from './users.repository.ts';

export type { UserWithDepartment } from './user-records.ts';
export { toUser } from './user-records.ts';

/**
 * Ends every session and API token of a user inside the caller's transaction. The auth module
 * owns them and sits above users (it signs users in), so it registers itself here in services.ts
 * instead of users importing it.
 */
export interface CredentialRevoker {
  endAllCredentials(trx: Executor, userId: string, at: string): Promise<{ sessions: number; tokens: number }>;
}

export interface UsersDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  roles: RolesService;
  departments: Pick<DepartmentsService, 'pathOf'>;
  counterparties: Pick<CounterpartiesService, 'exists'>;
  records: UserRecords;
  events: EventLog;
}

export class UsersService {
  readonly #deps: UsersDeps;
  #credentials: CredentialRevoker | null = null;

  constructor(deps: UsersDeps) {
    this.#deps = deps;
  }

  /** Wired once in services.ts, after the auth service exists. */
  setCredentials(credentials: CredentialRevoker): void {
    this.#credentials = credentials;
  }

  async #endCredentials(
    trx: Executor,
    userId: string,
    at: string,
  ): Promise<{ sessions: number; tokens: number }> {
    if (!this.#credentials) throw new Error('users: no credential revoker wired (see services.ts)');
    return this.#credentials.endAllCredentials(trx, userId, at);
  }

  /** A user the actor may read (`user.read` in scope, or themselves); others look like they don't exist. */
  async get(ctx: ActorContext, id: string): Promise<User> {
    const row = await findVisible(this.#deps.records, this.#deps.db, ctx, id, 'user.read');
    return this.#present(this.#deps.db, row);
  }

  /**
   * A user inside the actor's `user.manage` scope, for acts that give the actor nothing (such as
   * lifting a sign-in wait); others look like they don't exist.
   */
  inManageScope(db: Executor, ctx: ActorContext, id: string): Promise<UserWithDepartment> {
    return findVisible(this.#deps.records, db, ctx, id, 'user.manage');
  }

  async create(ctx: ActorContext, input: CreateUserRequest): Promise<CreatedUser> {
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    const temporaryPassword = input.password ? null : generatePassword();
    const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
    const db = this.#deps.db;
    await db.transaction().execute(async (trx) => {
      const departmentPath = await this.#departmentPath(trx, input.departmentId ?? null);
      const manage = scopeFilter(ctx.actor, 'user.manage');
      if (!inScope(manage, { departmentPath, ownerIds: [] })) {
        throw errors.forbidden(text('users.errors.addOutOfScope'));
      }
      if (input.kind === 'external' && input.departmentId) {
        throw errors.invalidField('body.departmentId', 'external users do not belong to a department');
      }
      await this.#checkCounterparty(trx, input.kind, input.counterpartyId ?? null);
      if (await repo.findByUsername(trx, input.username)) {
        throw errors.conflict(text('users.errors.usernameTaken', { username: input.username }));
      }
      const { sortKey } = pinyinOf(input.displayName);
      await repo.insert(trx, {
        id,
        username: input.username,
        display_name: input.displayName,
        kind: input.kind,
        status: 'active',
        email: input.email ?? null,
        title: input.title ?? null,
        employee_no: input.employeeNo ?? null,
        office_phone: input.officePhone ?? null,
        department_id: input.departmentId ?? null,
        counterparty_id: input.counterpartyId ?? null,
        locale: input.locale ?? 'zh-CN',
        password_hash: passwordHash,
        must_change_password: temporaryPassword ? 1 : 0,
        search_text: searchTextOf(input.displayName, [input.username, input.email, input.employeeNo]),
        sort_key: sortKey,
        last_login_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      });
      const roleKey = input.kind === 'external' ? 'external_user' : 'employee';
      await this.#deps.roles.assignInitial(trx, id, [roleKey], ctx.actor.userId);
      await this.#deps.audit.record(trx, ctx, {
        action: 'user.created',
        targetType: 'user',
        targetId: id,
        summary: {
          username: input.username,
          displayName: input.displayName,
          kind: input.kind,
          departmentId: input.departmentId ?? null,
          roles: [roleKey],
          passwordGenerated: temporaryPassword !== null,
        },
      });
    });
    return { user: await this.#present(db, (await this.#deps.records.findById(db, id))!), temporaryPassword };
  }

  async update(ctx: ActorContext, id: string, input: UpdateUserRequest): Promise<User> {
    const db = this.#deps.db;
    await db.transaction().execute(async (trx) => {
      const row = await findManageable(this.#deps.records, trx, ctx, id, this.#deps.roles);
      if (input.departmentId !== undefined && input.departmentId !== row.department_id) {
        const path = await this.#departmentPath(trx, input.departmentId);
        if (!inScope(scopeFilter(ctx.actor, 'user.manage'), { departmentPath: path, ownerIds: [] })) {
          throw errors.forbidden(text('users.errors.moveOutOfScope'));
        }
        if (row.kind === 'external' && input.departmentId) {
          throw errors.invalidField('body.departmentId', 'external users do not belong to a department');
        }
      }
      if (input.counterpartyId !== undefined && input.counterpartyId !== row.counterparty_id) {
        await this.#checkCounterparty(trx, row.kind, input.counterpartyId);
      }
      if (input.status === 'disabled' && row.status === 'active') await this.#checkCanDisable(trx, ctx, row);

      const before = {
        displayName: row.display_name,
        email: row.email,
        title: row.title,
        employeeNo: row.employee_no,
        officePhone: row.office_phone,
        departmentId: row.department_id,
        counterpartyId: row.counterparty_id,
        locale: row.locale,
        status: row.status,
      };
      const diff = changes(before, input);
      if (Object.keys(diff).length === 0) return;
      const after = { ...before, ...input };
      const now = this.#deps.clock.now().toISOString();
      await repo.update(trx, id, {
        display_name: after.displayName,
        email: after.email ?? null,
        title: after.title ?? null,
        employee_no: after.employeeNo ?? null,
        office_phone: after.officePhone ?? null,
        department_id: after.departmentId ?? null,
        counterparty_id: after.counterpartyId ?? null,
        locale: after.locale,
        status: after.status,
        search_text: searchTextOf(after.displayName, [row.username, after.email, after.employeeNo]),
        sort_key: pinyinOf(after.displayName).sortKey,
        updated_at: now,
      });
      if (['departmentId', 'status', 'counterpartyId'].some((field) => field in diff)) {
        // Department groups follow the department; a disabled account leaves them all.
        await this.#deps.events.append(trx, membershipChanged([id]));
      }
      if (after.status === 'disabled' && row.status === 'active') {
        // A disabled account must stop working at once, on every device and integration.
        await this.#endCredentials(trx, id, now);
        await this.#deps.events.append(trx, credentialsEnded(id, { sessionIds: 'all', tokenIds: 'all' }));
      }
      const action =
        after.status === 'disabled' && row.status === 'active' ? 'user.disabled' : 'user.updated';
      await this.#deps.audit.record(trx, ctx, {
        action,
        targetType: 'user',
        targetId: id,
        summary: { username: row.username, ...diff },
      });
    });
    this.#deps.events.committed();
    return this.#present(db, (await this.#deps.records.findById(db, id))!);
  }

  async disable(ctx: ActorContext, id: string): Promise<void> {
    await this.update(ctx, id, { status: 'disabled' });
  }

  /**
   * Sets a new password and ends the user's sessions. Without `chosen`, a temporary password is
   * generated (returned once) that must be changed at the next sign-in.
   */
  async resetPassword(
    ctx: ActorContext,
    id: string,
    chosen?: string,
  ): Promise<{ temporaryPassword: string }> {
    if (chosen !== undefined) {
      const check = NewPassword.safeParse(chosen);
      if (!check.success) throw errors.invalidField('password', check.error.issues[0]?.message ?? 'too weak');
    }
    const password = chosen ?? generatePassword();
    const hash = await hashPassword(password);
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await findManageable(this.#deps.records, trx, ctx, id, this.#deps.roles);
      const now = this.#deps.clock.now().toISOString();
      await repo.update(trx, id, {
        password_hash: hash,
        must_change_password: chosen === undefined ? 1 : 0,
        password_changed_at: now,
        updated_at: now,
      });
      // A reset usually means the account may be in the wrong hands: end every way in.
      const { sessions, tokens } = await this.#endCredentials(trx, id, now);
      await this.#deps.events.append(trx, credentialsEnded(id, { sessionIds: 'all', tokenIds: 'all' }));
      await this.#deps.audit.record(trx, ctx, {
        action: 'user.password.reset',
        targetType: 'user',
        targetId: id,
        summary: {
          username: row.username,
          temporary: chosen === undefined,
          sessionsEnded: sessions,
          tokensRevoked: tokens,
        },
      });
    });
    this.#deps.events.committed();
    return { temporaryPassword: password };
  }

  /** Every active administrator: who is told of security events such as a burst of failed sign-ins. */
  activeAdministrators(db: Executor): Promise<string[]> {
    return this.#deps.roles.activeHolderIdsByKey(db, 'system_admin');
  }

  /** The earliest-created active administrator, whom the CLI acts as. */
  async firstActiveAdministrator(db: Executor): Promise<string | null> {
    return (await this.#deps.roles.activeHolderIdsByKey(db, 'system_admin'))[0] ?? null;
  }

  async setRoles(ctx: ActorContext, id: string, roleIds: readonly string[]): Promise<User> {
    const db = this.#deps.db;
    await db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id);
      if (!row) throw errors.notFound(text('nouns.user'));
      if (row.kind === 'external') await this.#checkExternalRoles(trx, roleIds);
      await this.#deps.roles.assign(trx, ctx, id, roleIds);
    });
    return this.#present(db, (await this.#deps.records.findById(db, id))!);
  }

  /** On first start with no users, the `admin` account (see admin-bootstrap.ts). */
  bootstrapAdmin(password: string | null): Promise<{ created: boolean; generatedPassword: string | null }> {
    return bootstrapAdmin(this.#deps, password);
  }

  /** Records a successful sign-in (called inside the sign-in transaction). */
  async touchLogin(trx: Executor, id: string, at: string): Promise<void> {
    await repo.update(trx, id, { last_login_at: at });
  }

  /** Stores a password the user chose themselves, clearing any must-change flag. */
  async setPassword(trx: Executor, id: string, hash: string, at: string): Promise<void> {
    await repo.update(trx, id, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: at,
      updated_at: at,
    });
  }

  /** For sign-in and the CLI: the stored row (with its department) by username. */
  findByUsername(db: Executor, username: string): Promise<UserWithDepartment | undefined> {
    return this.#deps.records.findByUsername(db, username);
  }

  /** People by id as references, for modules that show who wrote or did something (one query). */
  refs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>> {
    return userRefs(db, ids);
  }

  /** Accounts by username (for @mentions). */
  idsByUsernames(db: Executor, usernames: readonly string[]): Promise<{ id: string; username: string }[]> {
    return repo.idsByUsernames(db, usernames);
  }

  findById(db: Executor, id: string): Promise<UserWithDepartment | undefined> {
    return this.#deps.records.findById(db, id);
  }

  /** An active user with their department, for authenticating a session or token. */
  async findActive(db: Executor, id: string): Promise<UserWithDepartment | undefined> {
    const row = await repo.findById(db, id);
    if (row?.status !== 'active') return undefined;
    return (await this.#deps.records.join(db, [row]))[0];
  }

  count(db: Executor = this.#deps.db) {
    return repo.count(db);
  }

  async present(db: Executor, row: UserWithDepartment): Promise<User> {
    return this.#present(db, row);
  }

  async #present(db: Executor, row: UserWithDepartment): Promise<User> {
    const roles = await this.#deps.roles.rolesOfUsers(db, [row.id]);
    return toUser(row, roles.get(row.id) ?? []);
  }

  async #checkCanDisable(trx: Transaction<DB>, ctx: ActorContext, row: repo.UserRow): Promise<void> {
    if (row.id === ctx.actor.userId) throw errors.conflict(text('users.errors.cannotDisableSelf'));
    if (await this.#deps.roles.isLastActiveAdmin(trx, row.id)) {
      throw errors.conflict(text('users.errors.lastAdministrator'));
    }
  }

  /** Only external users belong to a counterparty, and it must exist. */
  async #checkCounterparty(
    trx: Executor,
    kind: 'employee' | 'external',
    counterpartyId: string | null,
  ): Promise<void> {
    if (!counterpartyId) return;
    if (kind !== 'external') {
      throw errors.invalidField('body.counterpartyId', 'only external users belong to a counterparty');
    }
    if (!(await this.#deps.counterparties.exists(trx, counterpartyId))) {
      throw errors.invalidField('body.counterpartyId', 'no such counterparty');
    }
  }

  async #checkExternalRoles(trx: Executor, roleIds: readonly string[]): Promise<void> {
    for (const role of await this.#deps.roles.findMany(trx, roleIds)) {
      if (!role.permissions.every((p) => EXTERNAL_PERMISSIONS.includes(p))) {
        throw errors.invalidField(
          'body.roleIds',
          `${role.name} gives internal permissions an external user may not hold`,
        );
      }
    }
  }

  async #departmentPath(trx: Executor, departmentId: string | null): Promise<string | null> {
    if (!departmentId) return null;
    const path = await this.#deps.departments.pathOf(trx, departmentId);
    if (!path) throw errors.invalidField('body.departmentId', 'no such department');
    return path;
  }
}
