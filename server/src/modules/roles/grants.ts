import {
  BUILT_IN_ROLES,
  type DataScope,
  type Grants,
  PERMISSIONS,
  type Permission,
  SCOPE_RANK,
} from '@liaison/contracts';
import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Folds a user's roles into grants: each permission at the widest scope any role gives it.
 * Unscoped permissions are company-wide by definition; keys no longer in the catalogue are dropped.
 */
export function grantsFromRoles(
  roles: readonly { scope: DataScope; permissions: readonly string[] }[],
): Grants {
  const grants: Grants = {};
  for (const role of roles) {
    for (const key of role.permissions) {
      if (!(key in PERMISSIONS)) continue;
      const permission = key as Permission;
      const scope: DataScope = PERMISSIONS[permission].scoped ? role.scope : 'all';
      const held = grants[permission];
      if (!held || SCOPE_RANK[scope] > SCOPE_RANK[held]) grants[permission] = scope;
    }
  }
  return grants;
}

/**
 * Nobody may hand out more than they hold: every permission of the role, at no wider scope than
 * the actor's own. This is what stops a role manager from minting an administrator.
 */
export function canGrant(actor: Actor, role: { scope: DataScope; permissions: readonly string[] }): boolean {
  const wanted = grantsFromRoles([role]);
  return Object.entries(wanted).every(([permission, scope]) => {
    const held = actor.grants[permission as Permission];
    return held !== undefined && SCOPE_RANK[held] >= SCOPE_RANK[scope];
  });
}

export function builtInDefinition(key: string) {
  return BUILT_IN_ROLES.find((r) => r.key === key);
}
