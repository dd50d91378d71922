import type { UserRef } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../platform/db/schema.ts';
import * as repo from './users.repository.ts';

export type { UserFacts } from './users.repository.ts';

/**
 * What other modules read of people (names to show, who is active, how many belong to a
 * department or counterparty), so that no other repository reads the users table. It needs only
 * the database, so services.ts builds it first and hands it to the modules below users
 * (audit, roles, departments, counterparties), which take it as their own small interface.
 */
export class UserLookupService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** Id, username and display name of each user among `ids` that exists. */
  async refs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>> {
    const rows = await repo.factsOf(db, ids);
    return new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name }]));
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
