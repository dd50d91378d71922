import type { DirectoryPerson, DirectoryQuery, UserListQuery, UserPage } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { type ActorContext, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { exportFileName, toSheet } from '../../platform/export/columns.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CounterpartiesService } from '../counterparties/counterparties.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import { toDirectoryPerson, toUser, type UserRecords } from './user-records.ts';
import { USER_SHEET, userColumns } from './users.export.ts';
import * as repo from './users.repository.ts';

export interface UserListsDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  roles: Pick<RolesService, 'rolesOfUsers' | 'holderIdsByKey'>;
  departments: Pick<DepartmentsService, 'resolveScope' | 'subtreeIdsOf'>;
  counterparties: Pick<CounterpartiesService, 'exists'>;
  records: UserRecords;
  timeZone: string;
}

/** The most rows one export carries; a filter narrows anything bigger. */
export const EXPORT_LIMIT = 20_000;

/** Lists of people: the user list (and its Excel export), the directory and a counterparty's contacts. */
export class UserListsService {
  readonly #deps: UserListsDeps;

  constructor(deps: UserListsDeps) {
    this.#deps = deps;
  }

  async list(ctx: ActorContext, query: UserListQuery): Promise<UserPage> {
    const { items, total } = await this.#page(ctx, query);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** The users the list would show (same filters and scope), as an Excel workbook; audited. */
  async exportXlsx(ctx: ActorContext, query: UserListQuery): Promise<{ file: Buffer; fileName: string }> {
    const { items: users, total } = await this.#page(ctx, { ...query, page: 1, pageSize: EXPORT_LIMIT });
    const { locale } = ctx.actor;
    const file = buildXlsx([toSheet(USER_SHEET, userColumns(locale), users, locale)], {
      timeZone: this.#deps.timeZone,
    });
    await this.#deps.audit.record(this.#deps.db, ctx, {
      action: 'user.exported',
      targetType: 'user',
      summary: { rows: users.length, total, filters: filtersOf(query) },
    });
    return {
      file,
      fileName: exportFileName(USER_SHEET[locale], this.#deps.clock.now(), this.#deps.timeZone),
    };
  }

  /** The directory (通讯录): employees by name, pinyin or initials, optionally within a department. */
  async directory(query: DirectoryQuery): Promise<DirectoryPerson[]> {
    const db = this.#deps.db;
    const departmentIds = query.departmentId
      ? await this.#deps.departments.subtreeIdsOf(db, query.departmentId)
      : null;
    if (query.departmentId && !departmentIds) return [];
    const rows = await repo.directory(db, { q: query.q, departmentIds, limit: query.limit });
    return (await this.#deps.records.join(db, rows)).map(toDirectoryPerson);
  }

  /** A counterparty's contacts (its external users), for opening or growing its external channels. */
  async contactsOf(counterpartyId: string): Promise<DirectoryPerson[]> {
    const db = this.#deps.db;
    if (!(await this.#deps.counterparties.exists(db, counterpartyId)))
      throw errors.notFound(text('nouns.counterparty'));
    const rows = await repo.directory(db, { counterpartyId, limit: 500 });
    return (await this.#deps.records.join(db, rows)).map(toDirectoryPerson);
  }

  async #page(ctx: ActorContext, query: UserListQuery) {
    const db = this.#deps.db;
    const scope = await this.#deps.departments.resolveScope(db, scopeFilter(ctx.actor, 'user.read'));
    let departmentIds: string[] | null = null;
    if (query.departmentId) {
      departmentIds = query.includeSubDepartments
        ? ((await this.#deps.departments.subtreeIdsOf(db, query.departmentId)) ?? [])
        : [query.departmentId];
    }
    const holderIds = query.roleKey ? await this.#deps.roles.holderIdsByKey(db, query.roleKey) : null;
    const { rows, total } = await repo.list(db, scope, query, { departmentIds, holderIds });
    const [joined, roles] = await Promise.all([
      this.#deps.records.join(db, rows),
      this.#deps.roles.rolesOfUsers(
        db,
        rows.map((r) => r.id),
      ),
    ]);
    return { items: joined.map((r) => toUser(r, roles.get(r.id) ?? [])), total };
  }
}

function filtersOf(query: UserListQuery): Record<string, unknown> {
  const { page: _p, pageSize: _s, ...filters } = query;
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
}
