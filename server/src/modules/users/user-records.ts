import type { DirectoryPerson, RoleRef, User } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';
import type { CounterpartiesService } from '../counterparties/counterparties.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import * as repo from './users.repository.ts';

export type { UserJoins, UserRow, UserView, UserWithDepartment } from './users.repository.ts';

export interface UserRecordsDeps {
  departments: Pick<DepartmentsService, 'byIds'>;
  counterparties: Pick<CounterpartiesService, 'namesOf'>;
}

/**
 * Users as the rest of the code sees them: the stored row plus the name and path of their
 * department (the path decides data scope) and their counterparty's name. The users repository
 * reads only the users tables; the other two come from their own services, one batch per list.
 */
export class UserRecords {
  readonly #deps: UserRecordsDeps;

  constructor(deps: UserRecordsDeps) {
    this.#deps = deps;
  }

  async findById(db: Executor, id: string): Promise<repo.UserWithDepartment | undefined> {
    const row = await repo.findById(db, id);
    return row && (await this.join(db, [row]))[0];
  }

  async findByUsername(db: Executor, username: string): Promise<repo.UserWithDepartment | undefined> {
    const row = await repo.findByUsername(db, username);
    return row && (await this.join(db, [row]))[0];
  }

  /** Adds department name and path and counterparty name to each row: two lookups for the whole list. */
  async join<T extends Pick<repo.UserRow, 'department_id' | 'counterparty_id'>>(
    db: Executor,
    rows: readonly T[],
  ): Promise<(T & repo.UserJoins)[]> {
    if (rows.length === 0) return [];
    const departmentIds = rows.map((r) => r.department_id);
    const counterpartyIds = rows.map((r) => r.counterparty_id);
    const [departments, counterparties] = await Promise.all([
      departmentIds.some((id) => id !== null)
        ? this.#deps.departments.byIds(db, departmentIds)
        : new Map<string, { name: string; path: string }>(),
      counterpartyIds.some((id) => id !== null)
        ? this.#deps.counterparties.namesOf(db, counterpartyIds)
        : new Map<string, string>(),
    ]);
    return rows.map((r) => {
      const department = r.department_id ? departments.get(r.department_id) : undefined;
      return {
        ...r,
        department_name: department?.name ?? null,
        department_path: department?.path ?? null,
        counterparty_name: r.counterparty_id ? (counterparties.get(r.counterparty_id) ?? null) : null,
      };
    });
  }
}

export function toUser(row: repo.UserView, roles: RoleRef[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    kind: row.kind,
    status: row.status,
    email: row.email,
    title: row.title,
    employeeNo: row.employee_no,
    officePhone: row.office_phone,
    department:
      row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
    counterparty:
      row.counterparty_id && row.counterparty_name
        ? { id: row.counterparty_id, name: row.counterparty_name }
        : null,
    roles,
    locale: row.locale,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDirectoryPerson(row: repo.UserView): DirectoryPerson {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    kind: row.kind,
    title: row.title,
    department:
      row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
    counterparty:
      row.counterparty_id && row.counterparty_name
        ? { id: row.counterparty_id, name: row.counterparty_name }
        : null,
  };
}
