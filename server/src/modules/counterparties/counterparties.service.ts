import type { Counterparty, CreateCounterpartyRequest, UpdateCounterpartyRequest } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { pinyinOf } from '../../platform/text/chinese.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import * as repo from './counterparties.repository.ts';

/**
 * How many active contacts each counterparty has. Users sit above counterparties (an external
 * user belongs to one), so services.ts passes the user lookup service, which has this shape.
 */
export interface CounterpartyContacts {
  contactCounts(db: Executor, ids?: readonly string[]): Promise<Map<string, number>>;
}

export interface CounterpartiesDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  contacts: CounterpartyContacts;
}

/**
 * The organisations the company communicates with (客户、供应商、合作伙伴、政府、媒体…). External
 * users belong to one, and an external channel is shared with one. The full relationship record
 * (tiers, cadence, contacts, timeline) grows here with the external-relations module.
 */
export class CounterpartiesService {
  readonly #deps: CounterpartiesDeps;

  constructor(deps: CounterpartiesDeps) {
    this.#deps = deps;
  }

  /** Sorted by pinyin, as a Chinese reader expects. */
  async list(): Promise<Counterparty[]> {
    const rows = await repo.list(this.#deps.db);
    const counts = await this.#deps.contacts.contactCounts(this.#deps.db);
    return rows
      .sort((a, b) => pinyinOf(a.name).sortKey.localeCompare(pinyinOf(b.name).sortKey))
      .map((r) => toCounterparty(r, counts.get(r.id) ?? 0));
  }

  async get(id: string, db: Executor = this.#deps.db): Promise<Counterparty> {
    const row = await repo.findById(db, id);
    if (!row) throw errors.notFound(text('nouns.counterparty'));
    const counts = await this.#deps.contacts.contactCounts(db, [id]);
    return toCounterparty(row, counts.get(id) ?? 0);
  }

  async create(ctx: ActorContext, input: CreateCounterpartyRequest): Promise<Counterparty> {
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      if (await repo.findByName(trx, input.name))
        throw errors.conflict(text('counterparties.errors.nameTaken', { name: input.name }));
      await repo.insert(trx, {
        id,
        name: input.name,
        kind: input.kind,
        description: input.description ?? null,
        created_at: now,
        updated_at: now,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'counterparty.created',
        targetType: 'counterparty',
        targetId: id,
        summary: { name: input.name, kind: input.kind },
      });
    });
    return this.get(id);
  }

  async update(ctx: ActorContext, id: string, input: UpdateCounterpartyRequest): Promise<Counterparty> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id);
      if (!row) throw errors.notFound(text('nouns.counterparty'));
      if (input.name && input.name !== row.name && (await repo.findByName(trx, input.name))) {
        throw errors.conflict(text('counterparties.errors.nameTaken', { name: input.name }));
      }
      const diff = changes({ name: row.name, kind: row.kind, description: row.description }, input);
      if (Object.keys(diff).length === 0) return;
      await repo.update(trx, id, {
        name: input.name ?? row.name,
        kind: input.kind ?? row.kind,
        description: input.description === undefined ? row.description : input.description,
        updated_at: this.#deps.clock.now().toISOString(),
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'counterparty.updated',
        targetType: 'counterparty',
        targetId: id,
        summary: { name: row.name, ...diff },
      });
    });
    return this.get(id);
  }

  /** Names by id, one query; unknown ids (and nulls) are absent. */
  async namesOf(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    return new Map((await repo.findByIds(db, wanted)).map((r) => [r.id, r.name]));
  }

  async exists(db: Executor, id: string): Promise<boolean> {
    return (await repo.findById(db, id)) !== undefined;
  }
}

function toCounterparty(row: repo.CounterpartyRow, contactCount: number): Counterparty {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    contactCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
