import type {
  ControlPolicy,
  Detector,
  PolicyTestResult,
  SaveDetectorRequest,
  SavePolicyRequest,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { isUniqueViolation } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChannelsService } from '../channels/channels.service.ts';
import { CompiledPoliciesCache } from './compiled-policies.ts';
import type { ControlDirectory } from './control-directory.ts';
import { redact } from './detection/scanner.ts';
import * as repo from './policies.repository.ts';
import { type CompiledPolicies, evaluate, isBuiltIn } from './policy-engine.ts';
import {
  checkDetector,
  describeDetector,
  describePolicy,
  toDetector,
  toPolicy,
  usageOf,
} from './policy-rows.ts';

export interface PoliciesDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  /** The channel a test text is checked as if sent in. */
  channels: Pick<ChannelsService, 'byId'>;
  directory: ControlDirectory;
}

/** Custom detectors and policies (沟通控制策略): editing them, and the compiled set every check uses. */
export class PoliciesService {
  readonly #deps: PoliciesDeps;
  readonly #compiled: CompiledPoliciesCache;

  constructor(deps: PoliciesDeps) {
    this.#deps = deps;
    this.#compiled = new CompiledPoliciesCache(deps.db, deps.directory);
  }

  /** The enabled policies, compiled (see compiled-policies.ts). */
  compiled(): Promise<CompiledPolicies> {
    return this.#compiled.get();
  }

  // Detectors

  async detectors(): Promise<Detector[]> {
    const db = this.#deps.db;
    const usage = usageOf(await repo.policies(db));
    const rows = await repo.detectors(db);
    const people = await this.#deps.directory.people(
      db,
      rows.map((r) => r.updated_by),
    );
    return rows.map((r) =>
      toDetector(r, usage.get(r.id) ?? 0, r.updated_by ? (people.get(r.updated_by) ?? null) : null),
    );
  }

  async createDetector(ctx: ActorContext, input: SaveDetectorRequest): Promise<Detector> {
    const fields = checkDetector(input);
    const id = newId();
    const now = this.#now();
    await this.#write(async (trx) => {
      await repo.insertDetector(trx, {
        id,
        ...fields,
        created_at: now,
        updated_at: now,
        updated_by: ctx.actor.userId,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'control.detector.created',
        targetType: 'control_detector',
        targetId: id,
        summary: { after: describeDetector(fields) },
      });
    }, 'A detector with this name already exists.');
    return this.#detector(id);
  }

  async updateDetector(ctx: ActorContext, id: string, input: SaveDetectorRequest): Promise<Detector> {
    const fields = checkDetector(input);
    await this.#write(async (trx) => {
      const before = await repo.findDetector(trx, id);
      if (!before) throw errors.notFound('Detector');
      await repo.updateDetector(trx, id, {
        ...fields,
        updated_at: this.#now(),
        updated_by: ctx.actor.userId,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'control.detector.updated',
        targetType: 'control_detector',
        targetId: id,
        summary: { before: describeDetector(before), after: describeDetector(fields) },
      });
    }, 'A detector with this name already exists.');
    return this.#detector(id);
  }

  async deleteDetector(ctx: ActorContext, id: string): Promise<void> {
    await this.#write(async (trx) => {
      const before = await repo.findDetector(trx, id);
      if (!before) throw errors.notFound('Detector');
      const users = usageOf(await repo.policies(trx)).get(id) ?? 0;
      if (users > 0)
        throw errors.conflict(`This detector is used by ${users} polic${users === 1 ? 'y' : 'ies'}.`);
      await repo.deleteDetector(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'control.detector.deleted',
        targetType: 'control_detector',
        targetId: id,
        summary: { before: describeDetector(before) },
      });
    });
  }

  async #detector(id: string): Promise<Detector> {
    const found = (await this.detectors()).find((d) => d.id === id);
    if (!found) throw errors.notFound('Detector');
    return found;
  }

  // Policies

  async policies(): Promise<ControlPolicy[]> {
    return this.#present(await repo.policies(this.#deps.db));
  }

  async policy(id: string): Promise<ControlPolicy> {
    const row = await repo.findPolicy(this.#deps.db, id);
    if (!row) throw errors.notFound('Policy');
    return (await this.#present([row]))[0]!;
  }

  async #present(rows: readonly repo.PolicyRow[]): Promise<ControlPolicy[]> {
    const people = await this.#deps.directory.people(
      this.#deps.db,
      rows.map((r) => r.updated_by),
    );
    return rows.map((r) => toPolicy(r, r.updated_by ? (people.get(r.updated_by) ?? null) : null));
  }

  async createPolicy(ctx: ActorContext, input: SavePolicyRequest): Promise<ControlPolicy> {
    const id = newId();
    const now = this.#now();
    await this.#write(async (trx) => {
      const fields = await this.#checkPolicy(trx, input, []);
      await repo.insertPolicy(trx, {
        id,
        ...fields,
        version: 1,
        created_at: now,
        updated_at: now,
        updated_by: ctx.actor.userId,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'control.policy.created',
        targetType: 'control_policy',
        targetId: id,
        summary: { after: describePolicy(fields) },
      });
    }, 'A policy with this name already exists.');
    return this.policy(id);
  }

  async updatePolicy(ctx: ActorContext, id: string, input: SavePolicyRequest): Promise<ControlPolicy> {
    await this.#write(async (trx) => {
      const before = await repo.findPolicy(trx, id);
      if (!before) throw errors.notFound('Policy');
      const fields = await this.#checkPolicy(
        trx,
        input,
        toPolicy(before).rules.map((r) => r.id),
      );
      await repo.updatePolicy(trx, id, {
        ...fields,
        version: Number(before.version) + 1,
        updated_at: this.#now(),
        updated_by: ctx.actor.userId,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'control.policy.updated',
        targetType: 'control_policy',
        targetId: id,
        summary: { before: describePolicy(before), after: describePolicy(fields) },
      });
    }, 'A policy with this name already exists.');
    return this.policy(id);
  }

  async deletePolicy(ctx: ActorContext, id: string): Promise<void> {
    await this.#write(async (trx) => {
      const before = await repo.findPolicy(trx, id);
      if (!before) throw errors.notFound('Policy');
      await repo.deletePolicy(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'control.policy.deleted',
        targetType: 'control_policy',
        targetId: id,
        summary: { before: describePolicy(before) },
      });
    });
  }

  /** Runs text through the enabled policies (test-mode ones too) without sending or recording it. */
  async test(ctx: ActorContext, input: { text: string; channelId?: string }): Promise<PolicyTestResult> {
    const channel = input.channelId
      ? await this.#deps.channels.byId(this.#deps.db, input.channelId)
      : undefined;
    if (input.channelId && !channel) throw errors.invalidField('body.channelId', 'no such channel');
    const verdict = await evaluate(
      await this.compiled(),
      {
        text: input.text,
        direction: !channel || channel.kind === 'external' ? 'external' : 'internal',
        channelKind: channel?.kind ?? 'external',
        counterpartyId: channel?.counterparty_id ?? null,
        senderDepartmentPath: ctx.actor.departmentPath,
      },
      // Behaviour depends on what was sent before; a sample text has no history.
      async () => false,
    );
    return {
      action: verdict.action,
      rules: verdict.matches,
      highlights: verdict.highlights,
      redacted: redact(input.text, verdict.highlights),
    };
  }

  /** Checks references, keeps the ids of rules that already had them, gives new rules theirs. */
  async #checkPolicy(trx: Executor, input: SavePolicyRequest, knownRuleIds: readonly string[]) {
    const detectorIds = new Set((await repo.detectors(trx)).map((d) => d.id));
    const seen = new Set<string>();
    const rules = input.rules.map((rule, i) => {
      const path = `body.rules.${i}`;
      if (rule.detectors.length === 0 && !rule.behaviour) {
        throw errors.invalidField(path, 'a rule needs at least one detector or a behaviour condition');
      }
      for (const d of rule.detectors) {
        if (!isBuiltIn(d) && !detectorIds.has(d))
          throw errors.invalidField(`${path}.detectors`, `no such detector ${d}`);
      }
      const id = rule.id && knownRuleIds.includes(rule.id) && !seen.has(rule.id) ? rule.id : newId();
      seen.add(id);
      return { ...rule, id, detectors: [...new Set(rule.detectors)] };
    });
    const departmentIds = new Set([
      ...input.scope.departmentIds,
      ...rules.flatMap((r) => r.senderDepartmentIds),
    ]);
    const { directory } = this.#deps;
    const found = await directory.departmentPaths(trx, [...departmentIds]);
    if (found.size !== departmentIds.size) throw errors.invalidField('body', 'a department does not exist');
    const counterpartyIds = new Set(rules.flatMap((r) => r.counterpartyIds));
    const parties = await directory.counterpartyNames(trx, [...counterpartyIds]);
    if (parties.size !== counterpartyIds.size)
      throw errors.invalidField('body', 'a counterparty does not exist');
    return {
      name: input.name,
      description: input.description ?? null,
      enabled: input.enabled ? 1 : 0,
      mode: input.mode,
      priority: input.priority,
      scope: JSON.stringify(input.scope),
      rules: JSON.stringify(rules),
    };
  }

  /** A change in one transaction; a taken name is a conflict; compiled policies reload after. */
  async #write(work: (trx: Executor) => Promise<void>, nameTaken?: string): Promise<void> {
    try {
      await this.#deps.db.transaction().execute(work);
    } catch (err) {
      if (nameTaken && isUniqueViolation(err)) throw errors.conflict(nameTaken);
      throw err;
    } finally {
      this.#compiled.invalidate();
    }
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}
