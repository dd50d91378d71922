import type { DataScope, Permission, RoleRef } from '@liaison/contracts';
import { BUILT_IN_ROLES } from '@liaison/contracts';
import type { TFunction } from 'i18next';
import i18n from '../app/i18n/index.ts';

/**
 * Built-in roles are stored with their Chinese names; translate them by key, unless an
 * administrator renamed one, in which case their name wins.
 */
export function roleName(t: TFunction, role: Pick<RoleRef, 'key' | 'name'>): string {
  const builtIn = BUILT_IN_ROLES.find((definition) => definition.key === role.key);
  if (builtIn && builtIn.name === role.name)
    return translateDynamic(t, `builtInRoles.${builtIn.key}.name`, role.name);
  return role.name;
}

export function roleDescription(
  t: TFunction,
  role: Pick<RoleRef, 'key' | 'name'> & { description: string | null },
): string | null {
  const builtIn = BUILT_IN_ROLES.find((definition) => definition.key === role.key);
  if (builtIn && builtIn.description === role.description)
    return t(`builtInRoles.${builtIn.key}.description`);
  return role.description;
}

export function permissionName(t: TFunction, permission: Permission): string {
  return translateDynamic(t, `permissions.${permission}.name`, permission);
}

export function permissionDescription(t: TFunction, permission: Permission): string {
  return translateDynamic(t, `permissions.${permission}.description`, '');
}

export function scopeName(t: TFunction, scope: DataScope): string {
  return t(`scopes.${scope}`);
}

/**
 * Translates a key built from contract data at run time rather than type-checking it: the server
 * adds audit actions, permissions and roles as modules land, and an untranslated one should show
 * its raw name, not break the web build. i18n.test.ts checks the contracts are fully translated.
 */
export function translateDynamic(t: TFunction, key: string, fallback: string): string {
  if (!i18n.exists(key)) return fallback;
  const translate = t as unknown as (key: string) => string;
  return translate(key);
}

export function actionName(t: TFunction, action: string): string {
  return translateDynamic(t, `auditActions.${action}`, action);
}

export function auditGroupName(t: TFunction, group: string): string {
  return translateDynamic(t, `auditGroups.${group}`, group);
}

export function permissionGroupName(t: TFunction, group: string): string {
  return translateDynamic(t, `permissionGroups.${group}`, group);
}
