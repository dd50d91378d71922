import type { ApproverRule, SkipReason } from '@liaison/contracts';
import type { Transaction } from 'kysely';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import type * as repo from './approvals.repository.ts';

export interface ApproverResolverDeps {
  roles: RolesService;
  departments: DepartmentsService;
  users: UserLookupService;
}

/**
 * Who a template's rules name for a request — the head of the requester's department (or the next
 * head up), the division head, a named department's head, a role's holders, senior leadership,
 * named people —, asking the organisation's services; active employees only.
 */
export class ApproverResolver {
  readonly #deps: ApproverResolverDeps;

  constructor(deps: ApproverResolverDeps) {
    this.#deps = deps;
  }

  /**
   * The people the rules name, active employees only, and — for every rule that named nobody — why
   * (so a skipped step can say so on the timeline).
   */
  async resolve(
    trx: Transaction<DB>,
    rules: readonly ApproverRule[],
    request: repo.RequestRow,
  ): Promise<{ userIds: string[]; reasons: SkipReason[] }> {
    const out: string[] = [];
    const reasons: SkipReason[] = [];
    const departmentName = async (id: string | null) =>
      id ? ((await this.#department(trx, id))?.name ?? null) : null;
    for (const rule of rules) {
      let found: string[] = [];
      switch (rule.type) {
        case 'requester_head':
          found = await this.#headAbove(trx, request.department_id, request.requester_id);
          if (found.length === 0)
            reasons.push({ kind: 'no_head', department: await departmentName(request.department_id) });
          break;
        case 'division_head': {
          const dept = request.department_id ? await this.#department(trx, request.department_id) : undefined;
          const parent = dept?.parentId ? await this.#department(trx, dept.parentId) : undefined;
          if (parent?.headId && parent.headId !== request.requester_id) found = [parent.headId];
          else reasons.push({ kind: 'no_division_head', department: dept?.name ?? null });
          break;
        }
        case 'department_head': {
          const dept = await this.#department(trx, rule.departmentId);
          if (dept?.headId) found = [dept.headId];
          else reasons.push({ kind: 'no_head', department: dept?.name ?? null });
          break;
        }
        case 'role':
          found = await this.#withRole(trx, rule.roleKey, rule.sameDepartment ? request.department_id : null);
          if (found.length === 0)
            reasons.push({
              kind: 'no_role_holder',
              role: await this.#deps.roles.nameOfKey(trx, rule.roleKey),
            });
          break;
        case 'senior_leadership':
          found = await this.#withRole(trx, 'senior_leadership', null);
          if (found.length === 0) reasons.push({ kind: 'no_senior_leadership' });
          break;
        case 'users':
          found = rule.userIds;
          break;
      }
      out.push(...found);
    }
    const userIds = await this.#deps.users.activeEmployees(trx, out);
    if (userIds.length === 0 && out.length > 0) reasons.push({ kind: 'approvers_inactive' });
    return { userIds, reasons };
  }

  /**
   * The head of the department; when that is the requester themselves (or there is none), the
   * head of the department above, and so on; at the top, senior leadership.
   */
  async #headAbove(
    trx: Transaction<DB>,
    departmentId: string | null,
    requesterId: string,
  ): Promise<string[]> {
    let current = departmentId;
    for (let depth = 0; current && depth < 20; depth++) {
      const dept = await this.#department(trx, current);
      if (!dept) break;
      if (dept.headId && dept.headId !== requesterId) return [dept.headId];
      current = dept.parentId;
    }
    return (await this.#withRole(trx, 'senior_leadership', null)).filter((id) => id !== requesterId);
  }

  /** A department's name, parent and head, from the departments service. */
  async #department(db: Executor, id: string) {
    return (await this.#deps.departments.basicsOf(db, [id])).get(id);
  }

  /** Active holders of a role (of one department when given), any kind; employees are kept later. */
  async #withRole(db: Executor, roleKey: string, departmentId: string | null): Promise<string[]> {
    return this.#deps.users.active(db, await this.#deps.roles.holderIdsOfKey(db, roleKey), departmentId);
  }
}
