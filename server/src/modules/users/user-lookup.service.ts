import type { UserRef } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';
import * as repo from './user-lookup.repository.ts';

export type { PeopleFilter } from './user-lookup.repository.ts';

/** Active people as a subquery of (user_id, department_id): see `UserLookupService.membersQuery`. */
export type PeopleQuery = ReturnType<typeof repo.membersQuery>;

export interface UserProfile {
  id: string;
  ref: UserRef;
  kind: 'employee' | 'external';
  active: boolean;
  departmentId: string | null;
  counterpartyId: string | null;
}

/**
 * What other modules may know about people, asked by ids in batches (one query per call, never
 * one per person): names to show, who is active, and whom a set of departments, organisations and
 * names reaches. Modules call this instead of reading the users table.
 */
export class UserLookupService {
  /** Names to show for these ids (unknown ids are left out). */
  async refs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>> {
    const wanted = unique(ids);
    if (wanted.length === 0) return new Map();
    const rows = await repo.refs(db, wanted);
    return new Map(rows.map((r) => [r.id, toRef(r)]));
  }

  async profiles(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserProfile>> {
    const wanted = unique(ids);
    if (wanted.length === 0) return new Map();
    const rows = await repo.profiles(db, wanted);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          ref: toRef(r),
          kind: r.kind,
          active: r.status === 'active',
          departmentId: r.department_id,
          counterpartyId: r.counterparty_id,
        },
      ]),
    );
  }

  /** The active employees among `ids` (optionally of one department), e.g. to validate approvers. */
  async activeEmployees(
    db: Executor,
    ids: readonly string[],
    departmentId: string | null = null,
  ): Promise<string[]> {
    const wanted = unique(ids);
    if (wanted.length === 0) return [];
    return repo.activeAmong(db, wanted, { kind: 'employee', departmentId });
  }

  /** The active people among `ids`, of any kind (optionally of one department). */
  async active(db: Executor, ids: readonly string[], departmentId: string | null = null) {
    const wanted = unique(ids);
    if (wanted.length === 0) return [];
    return repo.activeAmong(db, wanted, { departmentId });
  }

  /** Everyone active the filter reaches, with their own department. */
  async members(db: Executor, filter: repo.PeopleFilter) {
    const rows = await repo.members(db, filter);
    return rows.map((r) => ({ userId: r.id, departmentId: r.department_id }));
  }

  /**
   * Everyone the filter reaches as a subquery, for a module that writes one row per person in a
   * single statement (announcement recipients). It selects from it as a derived table, so the
   * users table stays this module's business.
   */
  membersQuery(db: Executor, filter: repo.PeopleFilter): PeopleQuery {
    return repo.membersQuery(db, filter);
  }

  /** How many active people the filter reaches, and in how many departments. */
  countMembers(db: Executor, filter: repo.PeopleFilter) {
    return repo.countMembers(db, filter);
  }
}

function unique(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

function toRef(r: { id: string; username: string; display_name: string }): UserRef {
  return { id: r.id, username: r.username, displayName: r.display_name || r.username };
}
