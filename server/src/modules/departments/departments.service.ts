import type {
  CreateDepartmentRequest,
  Department,
  UpdateDepartmentRequest,
  UserRef,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { type EventLog, membershipChanged } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import type { ChannelsService } from '../channels/channels.service.ts';
import {
  activeUsers,
  countMembersOfDepartment,
  memberCountsByDepartment,
  userRefs,
} from '../users/users.refs.ts';
import * as repo from './departments.repository.ts';

export interface DepartmentsDeps {
  db: Kysely<DB>;
  channels: Pick<ChannelsService, 'archiveFor'>;
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

  constructor(deps: DepartmentsDeps) {
    this.#deps = deps;
  }

  /** The whole tree as a flat list in display order (parents before children, siblings by order then pinyin). */
  async list(): Promise<Department[]> {
    const db = this.#deps.db;
    const rows = await repo.listAll(db);
    const [refs, counts] = await Promise.all([
      userRefs(
        db,
        rows.flatMap((r) => [r.head_id, r.liaison_id]),
      ),
      memberCountsByDepartment(db),
    ]);
    return preorder(rows).map((r) => toDepartment(r, refs, counts.get(r.id) ?? 0));
  }

  async get(id: string, db: Executor = this.#deps.db): Promise<Department> {
    const row = await repo.findById(db, id);
    if (!row) throw errors.notFound('Department');
    const refs = await userRefs(db, [row.head_id, row.liaison_id]);
    return toDepartment(row, refs, await countMembersOfDepartment(db, id));
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

  async create(ctx: ActorContext, input: CreateDepartmentRequest): Promise<Department> {
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, TREE_LOCK);
      const parent = input.parentId ? await repo.findById(trx, input.parentId) : null;
      if (input.parentId && !parent) throw errors.invalidField('body.parentId', 'no such department');
      await this.#checkUnique(trx, null, input.parentId ?? null, input.name, input.code ?? null);
      await checkPeople(trx, input.headId, input.liaisonId);
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
      if (!row) throw errors.notFound('Department');
      const parentId = input.parentId === undefined ? row.parent_id : input.parentId;
      const name = input.name ?? row.name;
      const code = input.code === undefined ? row.code : input.code;
      await this.#checkUnique(trx, id, parentId, name, code);
      await checkPeople(trx, input.headId, input.liaisonId);

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
      if (!row) throw errors.notFound('Department');
      const children = await repo.countChildren(trx, id);
      const members = await countMembersOfDepartment(trx, id, { includeDisabled: true });
      if (children > 0 || members > 0) {
        throw errors.conflict(
          'Move the sub-departments and members elsewhere before deleting this department.',
          {
            subDepartments: children,
            members,
          },
        );
      }
      await this.#deps.channels.archiveFor(trx, { departmentId: id });
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

  async #checkUnique(
    trx: Executor,
    selfId: string | null,
    parentId: string | null,
    name: string,
    code: string | null,
  ): Promise<void> {
    const sibling = await repo.findSibling(trx, parentId, name);
    if (sibling && sibling.id !== selfId) {
      throw errors.conflict(`A department named ${name} already exists at this level.`);
    }
    if (code) {
      const same = await repo.findByCode(trx, code);
      if (same && same.id !== selfId) throw errors.conflict(`The department code ${code} is already used.`);
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

/** Heads and liaisons must be active employees. */
async function checkPeople(trx: Executor, headId?: string | null, liaisonId?: string | null): Promise<void> {
  const wanted = { headId, liaisonId };
  const ids = Object.values(wanted).filter((v): v is string => typeof v === 'string');
  const found = await activeUsers(trx, ids);
  for (const [field, id] of Object.entries(wanted)) {
    if (typeof id !== 'string') continue;
    const user = found.find((u) => u.id === id);
    if (user?.kind !== 'employee') throw errors.invalidField(`body.${field}`, 'must be an active employee');
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
