import type {
  CreateDepartmentRequest,
  Department,
  UpdateDepartmentRequest,
  UserRef,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { ActorContext, ResolvedScope, ScopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { type EventLog, membershipChanged } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import * as repo from './departments.repository.ts';

export type DepartmentRow = repo.DepartmentRow;

/**
 * What departments need to know of people. The users module sits above departments (a user
 * belongs to one), so departments does not import it: services.ts passes the user lookup service,
 * which has this shape.
 */
export interface DepartmentPeople {
  refs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>>;
  activeUsers(
    db: Executor,
    ids: readonly string[],
  ): Promise<{ id: string; kind: 'employee' | 'external'; department_id: string | null }[]>;
  memberCountsByDepartment(db: Executor): Promise<Map<string, number>>;
  countMembersOfDepartment(
    db: Executor,
    departmentId: string,
    options?: { includeDisabled?: boolean },
  ): Promise<number>;
}

/**
 * Runs inside the transaction that deletes a department, before the row goes: modules above
 * departments that keep something per department (the channels module archives its department
 * group) register one in services.ts instead of departments importing them.
 */
export type DepartmentRemovalHook = (trx: Transaction<DB>, departmentId: string) => Promise<void>;

export interface DepartmentsDeps {
  db: Kysely<DB>;
  people: DepartmentPeople;
  dialect: SqlDialect;
  events: EventLog;
  clock: Clock;
  audit: AuditService;
}

const collator = new Intl.Collator('zh-CN');

/**
 * Changes to the tree take this lock first, so two concurrent moves cannot build a cycle and two
 * concurrent creations cannot give siblings the same name.
 */
const TREE_LOCK = 'department-tree';

export class DepartmentsService {
  readonly #deps: DepartmentsDeps;
  readonly #removalHooks: DepartmentRemovalHook[] = [];

  constructor(deps: DepartmentsDeps) {
    this.#deps = deps;
  }

  /** Registers what must happen in the same transaction when a department is deleted. */
  onRemove(hook: DepartmentRemovalHook): void {
    this.#removalHooks.push(hook);
  }

  /** The whole tree as a flat list in display order (parents before children, siblings by order then pinyin). */
  async list(): Promise<Department[]> {
    const db = this.#deps.db;
    const rows = await repo.listAll(db);
    const [refs, counts] = await Promise.all([
      this.#deps.people.refs(
        db,
        rows.flatMap((r) => [r.head_id, r.liaison_id]),
      ),
      this.#deps.people.memberCountsByDepartment(db),
    ]);
    return preorder(rows).map((r) => toDepartment(r, refs, counts.get(r.id) ?? 0));
  }

  async get(id: string, db: Executor = this.#deps.db): Promise<Department> {
    const row = await repo.findById(db, id);
    if (!row) throw errors.notFound(text('nouns.department'));
    const refs = await this.#deps.people.refs(db, [row.head_id, row.liaison_id]);
    return toDepartment(row, refs, await this.#deps.people.countMembersOfDepartment(db, id));
  }

  /** Path of a department (`/root/…/id/`), or null when it does not exist. */
  async pathOf(db: Executor, id: string | null): Promise<string | null> {
    if (!id) return null;
    return (await repo.findById(db, id))?.path ?? null;
  }

  async pathsOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await repo.findByIds(db, ids);
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  /** The rows of the departments among `ids` that exist (name, path, head, liaison, order), by id. */
  async byIds(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, DepartmentRow>> {
    const rows = await repo.findByIds(
      db,
      ids.filter((id): id is string => id !== null),
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Ids of every department under the path (itself included). */
  subtreeIds(db: Executor, path: string): Promise<string[]> {
    return repo.subtreeIds(db, path);
  }

  /** Ids of the department and everything under it; null when it does not exist. */
  async subtreeIdsOf(db: Executor, id: string): Promise<string[] | null> {
    const path = await this.pathOf(db, id);
    return path ? repo.subtreeIds(db, path) : null;
  }

  /**
   * A data scope with its department subtree turned into ids, for repositories of other modules
   * that filter by department without reading this module's table.
   */
  async resolveScope(db: Executor, filter: ScopeFilter): Promise<ResolvedScope> {
    if (filter.kind !== 'department') return filter;
    return {
      kind: 'department',
      departmentIds: await repo.subtreeIds(db, filter.path),
      userId: filter.userId,
    };
  }

  async create(ctx: ActorContext, input: CreateDepartmentRequest): Promise<Department> {
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, TREE_LOCK);
      const parent = input.parentId ? await repo.findById(trx, input.parentId) : null;
      if (input.parentId && !parent) throw errors.invalidField('body.parentId', 'no such department');
      await this.#checkUnique(trx, null, input.parentId ?? null, input.name, input.code ?? null);
      await this.#checkPeople(trx, input.headId, input.liaisonId);
      const row = {
        id,
        name: input.name,
        code: input.code ?? null,
        parent_id: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: (parent?.depth ?? -1) + 1,
        sort_order: input.sortOrder ?? 0,
        description: input.description ?? null,
        head_id: input.headId ?? null,
        liaison_id: input.liaisonId ?? null,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(trx, row);
      await this.#deps.audit.record(trx, ctx, {
        action: 'department.created',
        targetType: 'department',
        targetId: id,
        summary: { name: row.name, parentId: row.parent_id, headId: row.head_id, liaisonId: row.liaison_id },
      });
    });
    return this.get(id);
  }

  async update(ctx: ActorContext, id: string, input: UpdateDepartmentRequest): Promise<Department> {
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, TREE_LOCK);
      const row = await repo.findById(trx, id);
      if (!row) throw errors.notFound(text('nouns.department'));
      const parentId = input.parentId === undefined ? row.parent_id : input.parentId;
      const name = input.name ?? row.name;
      const code = input.code === undefined ? row.code : input.code;
      await this.#checkUnique(trx, id, parentId, name, code);
      await this.#checkPeople(trx, input.headId, input.liaisonId);

      const before = {
        name: row.name,
        code: row.code,
        parentId: row.parent_id,
        sortOrder: row.sort_order,
        description: row.description,
        headId: row.head_id,
        liaisonId: row.liaison_id,
      };
      const diff = changes(before, input);
      if (Object.keys(diff).length === 0) return;

      if (parentId !== row.parent_id) await this.#move(trx, row, parentId);
      await repo.update(trx, id, {
        name,
        code,
        sort_order: input.sortOrder ?? row.sort_order,
        description: input.description === undefined ? row.description : input.description,
        head_id: input.headId === undefined ? row.head_id : input.headId,
        liaison_id: input.liaisonId === undefined ? row.liaison_id : input.liaisonId,
        updated_at: this.#deps.clock.now().toISOString(),
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'department.updated',
        targetType: 'department',
        targetId: id,
        summary: { name: row.name, ...diff },
      });
    });
    this.#deps.events.committed();
    return this.get(id);
  }

  async remove(ctx: ActorContext, id: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, TREE_LOCK);
      const row = await repo.findById(trx, id);
      if (!row) throw errors.notFound(text('nouns.department'));
      const children = await repo.countChildren(trx, id);
      const members = await this.#deps.people.countMembersOfDepartment(trx, id, { includeDisabled: true });
      if (children > 0 || members > 0) {
        throw errors.conflict(text('departments.errors.notEmpty'), {
          subDepartments: children,
          members,
        });
      }
      for (const hook of this.#removalHooks) await hook(trx, id);
      await repo.remove(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'department.deleted',
        targetType: 'department',
        targetId: id,
        summary: { name: row.name, parentId: row.parent_id },
      });
    });
  }

  async #move(trx: Transaction<DB>, row: repo.DepartmentRow, parentId: string | null): Promise<void> {
    const parent = parentId ? await repo.findById(trx, parentId) : null;
    if (parentId && !parent) throw errors.invalidField('body.parentId', 'no such department');
    if (parent?.path.startsWith(row.path)) {
      throw errors.invalidField(
        'body.parentId',
        'a department cannot move under itself or its sub-departments',
      );
    }
    const newPath = `${parent?.path ?? '/'}${row.id}/`;
    await repo.rewriteSubtreePaths(trx, row.path, newPath, (parent?.depth ?? -1) + 1 - row.depth);
    await repo.update(trx, row.id, { parent_id: parent?.id ?? null });
    // Department groups follow the tree: who is in them may have changed.
    await this.#deps.events.append(trx, membershipChanged());
  }

  /** Heads and liaisons must be active employees. */
  async #checkPeople(trx: Executor, headId?: string | null, liaisonId?: string | null): Promise<void> {
    const wanted = { headId, liaisonId };
    const ids = Object.values(wanted).filter((v): v is string => typeof v === 'string');
    const found = await this.#deps.people.activeUsers(trx, ids);
    for (const [field, id] of Object.entries(wanted)) {
      if (typeof id !== 'string') continue;
      const user = found.find((u) => u.id === id);
      if (user?.kind !== 'employee') throw errors.invalidField(`body.${field}`, 'must be an active employee');
    }
  }

  async #checkUnique(
    trx: Executor,
    selfId: string | null,
    parentId: string | null,
    name: string,
    code: string | null,
  ): Promise<void> {
    const sibling = await repo.findSibling(trx, parentId, name);
    if (sibling && sibling.id !== selfId) {
      throw errors.conflict(text('departments.errors.nameTaken', { name }));
    }
    if (code) {
      const same = await repo.findByCode(trx, code);
      if (same && same.id !== selfId) throw errors.conflict(text('departments.errors.codeTaken', { code }));
    }
  }

  // ——— read helpers other modules use (audiences, approvals): by ids in one query ———

  /** Name, path, parent and head of each department among `ids` (unknown ids are left out). */
  async basicsOf(
    db: Executor,
    ids: readonly string[],
  ): Promise<
    Map<string, { id: string; name: string; path: string; parentId: string | null; headId: string | null }>
  > {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await repo.findByIds(db, wanted);
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, name: r.name, path: r.path, parentId: r.parent_id, headId: r.head_id },
      ]),
    );
  }

  /** Ids of the departments at or under any of these materialised paths (the tree is small: one read). */
  async idsUnderPaths(db: Executor, paths: readonly string[]): Promise<string[]> {
    if (paths.length === 0) return [];
    const rows = await repo.listAll(db);
    return rows.filter((r) => paths.some((p) => r.path.startsWith(p))).map((r) => r.id);
  }
}

function preorder(rows: repo.DepartmentRow[]): repo.DepartmentRow[] {
  const children = new Map<string | null, repo.DepartmentRow[]>();
  for (const r of rows) {
    const list = children.get(r.parent_id) ?? [];
    list.push(r);
    children.set(r.parent_id, list);
  }
  for (const list of children.values()) {
    list.sort((a, b) => a.sort_order - b.sort_order || collator.compare(a.name, b.name));
  }
  const out: repo.DepartmentRow[] = [];
  const visit = (parentId: string | null) => {
    for (const r of children.get(parentId) ?? []) {
      out.push(r);
      visit(r.id);
    }
  };
  visit(null);
  return out;
}

function toDepartment(row: repo.DepartmentRow, refs: Map<string, UserRef>, memberCount: number): Department {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    parentId: row.parent_id,
    sortOrder: row.sort_order,
    description: row.description,
    head: row.head_id ? (refs.get(row.head_id) ?? null) : null,
    liaison: row.liaison_id ? (refs.get(row.liaison_id) ?? null) : null,
    memberCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
