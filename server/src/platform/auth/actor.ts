import type { DataScope, Grants, Locale, Permission, User, UserKind } from '@liaison/contracts';

/** The signed-in person a request acts for, with everything access checks need. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  kind: UserKind;
  /** The language the user reads the product in; server-made documents (exports) follow it. */
  locale: Locale;
  departmentId: string | null;
  /** The materialised path of the actor's department, for department-scope checks. */
  departmentPath: string | null;
  grants: Grants;
  roleKeys: string[];
  /** The user's own record as the API presents it (answers GET /api/auth/me without another query). */
  profile: User;
  mustChangePassword: boolean;
  /** `system` is the CLI and start-up tasks acting as a named user, never an HTTP request. */
  auth:
    | { method: 'session'; sessionId: string }
    | { method: 'token'; tokenId: string }
    | { method: 'system' };
}

/** Who did it and from where: passed to every service call so audit entries can say so. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
  userAgent: string | null;
}

export type ActorContext = RequestContext & { actor: Actor };

/** For work the system does on its own (start-up, CLI, jobs): audited as `system`. */
export const SYSTEM_CONTEXT: RequestContext = { actor: null, ip: null, requestId: null, userAgent: null };

/**
 * Which records a scoped permission reaches for this actor, in a form repositories turn into a
 * WHERE clause. `none` when the permission is not granted at all.
 */
export type ScopeFilter =
  | { kind: 'all' }
  | { kind: 'department'; path: string; userId: string }
  | { kind: 'own'; userId: string }
  | { kind: 'none' };

/**
 * A ScopeFilter with the department subtree resolved to department ids (by the departments
 * service), for repositories that may not read the departments table themselves.
 */
export type ResolvedScope =
  | { kind: 'all' }
  | { kind: 'department'; departmentIds: readonly string[]; userId: string }
  | { kind: 'own'; userId: string }
  | { kind: 'none' };

export function scopeFilter(actor: Actor, permission: Permission): ScopeFilter {
  const scope: DataScope | undefined = actor.grants[permission];
  if (!scope) return { kind: 'none' };
  if (scope === 'all') return { kind: 'all' };
  // Someone with department scope but no department can still see their own records.
  if (scope === 'department' && actor.departmentPath) {
    return { kind: 'department', path: actor.departmentPath, userId: actor.userId };
  }
  return { kind: 'own', userId: actor.userId };
}

/** Whether a record with this department and these owners falls inside the filter. */
export function inScope(
  filter: ScopeFilter,
  record: { departmentPath: string | null; ownerIds: readonly (string | null)[] },
): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'department':
      // A department scope always covers the holder's own records too.
      return (
        (record.departmentPath?.startsWith(filter.path) ?? false) || record.ownerIds.includes(filter.userId)
      );
    case 'own':
      return record.ownerIds.includes(filter.userId);
    case 'none':
      return false;
  }
}
