import type { Permission } from '@liaison/contracts';

/**
 * Every route declares who may call it in `config.access`; a route without one cannot be
 * registered (deny by default). Data-scope checks on individual records happen in services.
 */
export type AccessRule =
  | { public: true }
  | { authenticated: true; allowPendingPasswordChange?: boolean }
  | { permission: Permission | readonly Permission[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

export function describeAccess(rule: AccessRule): string {
  if ('public' in rule) return 'public';
  if ('authenticated' in rule) return 'authenticated';
  return [rule.permission].flat().join(' + ');
}

export function requiredPermissions(rule: AccessRule): readonly Permission[] {
  return 'permission' in rule ? [rule.permission].flat() : [];
}
