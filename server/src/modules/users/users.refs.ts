import type { UserRef } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';
import * as repo from './users.repository.ts';

/**
 * Kept for callers not yet moved to `UserLookupService` (user-lookup.service.ts), which is what
 * other modules should ask: these functions only forward to it, so no SQL lives outside the users
 * repository.
 */
export async function userRefs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>> {
  const rows = await repo.factsOf(db, ids);
  return new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name }]));
}

/** The users among `ids` that exist and are active; for validating references to people. */
export async function activeUsers(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; kind: 'employee' | 'external'; department_id: string | null }[]> {
  const rows = await repo.factsOf(db, ids);
  return rows
    .filter((r) => r.status === 'active')
    .map((r) => ({ id: r.id, kind: r.kind, department_id: r.department_id }));
}
