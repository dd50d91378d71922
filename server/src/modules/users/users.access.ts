import { type Permission, SCOPE_RANK } from '@liaison/contracts';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { UserRecords, UserWithDepartment } from './user-records.ts';

/**
 * A user the actor may read with `permission` (inside its data scope), or the actor themselves.
 * Anyone else looks as if they did not exist.
 */
export async function findVisible(
  records: UserRecords,
  db: Executor,
  ctx: ActorContext,
  id: string,
  permission: Permission,
): Promise<UserWithDepartment> {
  const row = await records.findById(db, id);
  if (!row) throw errors.notFound(text('nouns.user'));
  const self = row.id === ctx.actor.userId;
  const reachable = inScope(scopeFilter(ctx.actor, permission), {
    departmentPath: row.department_path,
    ownerIds: [row.id],
  });
  if (!self && !reachable) throw errors.notFound(text('nouns.user'));
  return row;
}

/**
 * A user the actor may change: inside their `user.manage` scope, and holding no permission beyond
 * the actor's own (so HR cannot take over an administrator's account).
 */
export async function findManageable(
  records: UserRecords,
  trx: Executor,
  ctx: ActorContext,
  id: string,
  roles: RolesService,
): Promise<UserWithDepartment> {
  const row = await records.findById(trx, id);
  const filter = scopeFilter(ctx.actor, 'user.manage');
  if (!row || !inScope(filter, { departmentPath: row.department_path, ownerIds: [row.id] })) {
    throw errors.notFound(text('nouns.user'));
  }
  const { grants } = await roles.grantsOf(trx, id);
  const exceeds = Object.entries(grants).some(([permission, scope]) => {
    const held = ctx.actor.grants[permission as Permission];
    return !held || SCOPE_RANK[held] < SCOPE_RANK[scope];
  });
  if (exceeds) throw errors.forbidden(text('users.errors.holdsMoreThanYou'));
  return row;
}
