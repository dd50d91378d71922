import type { UserRef } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../platform/db/schema.ts';
import * as lookup from './user-lookup.repository.ts';
import * as repo from './users.repository.ts';

export type { PeopleFilter } from './user-lookup.repository.ts';
export type { UserFacts } from './users.repository.ts';

/** Active people as a subquery of (user_id, department_id): see `UserLookupService.membersQuery`. */
export type PeopleQuery = ReturnType<typeof lookup.membersQuery>;

export interface UserProfile {
  id: string;
  ref: UserRef;
  kind: 'employee' | 'external';
  active: boolean;
  departmentId: string | null;
  counterpartyId: string | null;
}

/**
 * What other modules may know about people, asked by ids in batches (one query per call, never one
 * per person): names to show, who is active, how many belong to a department or counterparty, and
 * whom a set of departments, organisations and names reaches — so that no other repository reads
 * the users table. It needs only the database, so services.ts builds it first and hands it to the
 * modules below users (audit, roles, departments, counterparties), which take it as their own small
 * interface.
 */
export class UserLookupService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** Names to show for these ids (unknown ids are left out). */
  async refs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>> {
    const wanted = unique(ids);
    if (wanted.length === 0) return new Map();
    const rows = await lookup.refs(db, wanted);
    return new Map(rows.map((r) => [r.id, toRef(r)]));
  }

  async profiles(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserProfile>> {
    const wanted = unique(ids);
    if (wanted.length === 0) return new Map();
    const rows = await lookup.profiles(db, wanted);
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

  /** Kind, status and own department of each user among `ids` that exists. */
  facts(db: Executor, ids: readonly (string | null)[]): Promise<repo.UserFacts[]> {
    return repo.factsOf(db, ids);
  }

  /** The users among `ids` that exist and are active; for validating references to people. */
  async activeUsers(
    db: Executor,
    ids: readonly string[],
  ): Promise<{ id: string; kind: 'employee' | 'external'; department_id: string | null }[]> {
    const rows = await repo.factsOf(db, ids);
    return rows
      .filter((r) => r.status === 'active')
      .map((r) => ({ id: r.id, kind: r.kind, department_id: r.department_id }));
  }

  /** The active users among `ids`, oldest account first. */
  activeAmong(db: Executor, ids: readonly string[]): Promise<string[]> {
    return repo.activeAmong(db, ids);
  }

  /** The active employees among `ids` (optionally of one department), e.g. to validate approvers. */
  async activeEmployees(
    db: Executor,
    ids: readonly string[],
    departmentId: string | null = null,
  ): Promise<string[]> {
    const wanted = unique(ids);
    if (wanted.length === 0) return [];
    return lookup.activeAmong(db, wanted, { kind: 'employee', departmentId });
  }

  /** The active people among `ids`, of any kind (optionally of one department). */
  async active(db: Executor, ids: readonly string[], departmentId: string | null = null) {
    const wanted = unique(ids);
    if (wanted.length === 0) return [];
    return lookup.activeAmong(db, wanted, { departmentId });
  }

  /** Everyone active the filter reaches, with their own department. */
  async members(db: Executor, filter: lookup.PeopleFilter) {
    const rows = await lookup.members(db, filter);
    return rows.map((r) => ({ userId: r.id, departmentId: r.department_id }));
  }

  /**
   * Everyone the filter reaches as a subquery, for a module that writes one row per person in a
   * single statement (announcement recipients). It selects from it as a derived table, so the
   * users table stays this module's business.
   */
  membersQuery(db: Executor, filter: lookup.PeopleFilter): PeopleQuery {
    return lookup.membersQuery(db, filter);
  }

  /** How many active people the filter reaches, and in how many departments. */
  countMembers(db: Executor, filter: lookup.PeopleFilter) {
    return lookup.countMembers(db, filter);
  }

  memberCountsByDepartment(db: Executor = this.#db): Promise<Map<string, number>> {
    return repo.memberCountsByDepartment(db);
  }

  countMembersOfDepartment(
    db: Executor,
    departmentId: string,
    options: { includeDisabled?: boolean } = {},
  ): Promise<number> {
    return repo.countMembersOfDepartment(db, departmentId, options);
  }

  /** Active contacts per counterparty (all, or only those of `ids`). */
  contactCounts(db: Executor, ids?: readonly string[]): Promise<Map<string, number>> {
    return repo.contactCounts(db, ids);
  }

  activeIdsInDepartments(db: Executor, departmentIds: readonly string[]): Promise<string[]> {
    return repo.activeIdsInDepartments(db, departmentIds);
  }
}

function unique(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

function toRef(r: { id: string; username: string; display_name: string }): UserRef {
  return { id: r.id, username: r.username, displayName: r.display_name || r.username };
}
