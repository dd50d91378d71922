import {
  type ControlPolicy,
  type Detector,
  PolicyRule,
  PolicyScope,
  type PolicyTestResult,
  type SaveDetectorRequest,
  type SavePolicyRequest,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { isUniqueViolation } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as channelsRepo from '../channels/channels.repository.ts';
import { userRef } from '../users/user-ref.ts';
import { type CustomDetectorSpec, redact, validateCustomDetector } from './detection/scanner.ts';
import * as repo from './policies.repository.ts';
import { type CompiledPolicies, compilePolicies, evaluate, isBuiltIn } from './policy-engine.ts';

export interface PoliciesDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
}

/**
 * How long a node uses its compiled policies before asking the database whether they changed. A
 * change made on this node applies at once; other nodes of a cluster pick it up within this time.
 */
const RECHECK_MS = 5_000;

interface Cached {
  compiled: CompiledPolicies;
  /** What the policies, detectors and departments looked like when compiled (see repo.signature). */
  signature: string;
  checkedAt: number;
}

/** Custom detectors and policies (沟通控制策略): editing them, and the compiled set every check uses. */
export class PoliciesService {
  readonly #deps: PoliciesDeps;
  #cache: Cached | null = null;
  /** The load in progress, shared by whoever asks meanwhile. */
  #loading: Promise<CompiledPolicies> | null = null;

  constructor(deps: PoliciesDeps) {
    this.#deps = deps;
  }

  /**
   * The enabled policies, compiled. Compiling (automata, regular-expression analysis) is not
   * cheap, so it happens only when something changed; while a newer set is being built, callers
   * keep using the one they have.
   */
  compiled(): Promise<CompiledPolicies> {
    const cache = this.#cache;
    if (cache && Date.now() - cache.checkedAt < RECHECK_MS) return Promise.resolve(cache.compiled);
    this.#loading ??= this.#refresh().finally(() => {
      this.#loading = null;
    });
    return cache ? Promise.resolve(cache.compiled) : this.#loading;
  }

  async #refresh(): Promise<CompiledPolicies> {
    const db = this.#deps.db;
    const signature = await repo.signature(db);
    if (this.#cache && this.#cache.signature === signature) {
      this.#cache.checkedAt = Date.now();
      return this.#cache.compiled;
    }
    const [policyRows, detectorRows] = await Promise.all([repo.policies(db), repo.detectors(db)]);
    const policies = policyRows.map((r) => toPolicy(r));
    const departmentIds = new Set(
      policies.flatMap((p) => [...p.scope.departmentIds, ...p.rules.flatMap((r) => r.senderDepartmentIds)]),
    );
    const paths = await repo.departmentPaths(db, [...departmentIds]);
    const compiled = compilePolicies(
      policies,
      detectorRows.map(toSpec),
      new Map(paths.map((d) => [d.id, d.path])),
    );
    this.#cache = { compiled, signature, checkedAt: Date.now() };
    return compiled;
  }

  /** After a change on this node: the next check recompiles before it answers. */
  #invalidate(): void {
    this.#cache = null;
  }

  // Detectors

  async detectors(): Promise<Detector[]> {
    const db = this.#deps.db;
    const usage = usageOf(await repo.policies(db));
    return (await repo.detectors(db)).map((r) => toDetector(r, usage.get(r.id) ?? 0));
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
    return (await repo.policies(this.#deps.db)).map(toPolicy);
  }

  async policy(id: string): Promise<ControlPolicy> {
    const row = await repo.findPolicy(this.#deps.db, id);
    if (!row) throw errors.notFound('Policy');
    return toPolicy(row);
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
    const channel = input.channelId ? await channelsRepo.findById(this.#deps.db, input.channelId) : undefined;
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
    const found = await repo.departmentPaths(trx, [...departmentIds]);
    if (found.length !== departmentIds.size) throw errors.invalidField('body', 'a department does not exist');
    const counterpartyIds = new Set(rules.flatMap((r) => r.counterpartyIds));
    const parties = await repo.existingCounterparties(trx, [...counterpartyIds]);
    if (parties.length !== counterpartyIds.size)
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
      this.#invalidate();
    }
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}

/** Validates a custom detector; an empty dictionary or a regular expression that is invalid or unsafe is refused. */
function checkDetector(input: SaveDetectorRequest) {
  const terms =
    input.type === 'regex' ? [] : [...new Set(input.terms.map((t) => t.trim()).filter((t) => t.length > 0))];
  const spec = {
    name: input.name,
    type: input.type,
    terms,
    pattern: input.type === 'regex' ? input.pattern : null,
    caseSensitive: input.type === 'regex' ? input.caseSensitive : false,
  };
  const checked = validateCustomDetector(spec);
  if (!checked.ok)
    throw errors.invalidField(input.type === 'regex' ? 'body.pattern' : 'body.terms', checked.message);
  return {
    name: input.name,
    description: input.description ?? null,
    type: input.type,
    terms: JSON.stringify(terms),
    pattern: spec.pattern,
    case_sensitive: spec.caseSensitive ? 1 : 0,
  };
}

/** How many policies use each detector. */
function usageOf(rows: readonly repo.PolicyRow[]): Map<string, number> {
  const usage = new Map<string, number>();
  for (const row of rows) {
    const used = new Set(toPolicy(row).rules.flatMap((r) => r.detectors));
    for (const d of used) usage.set(d, (usage.get(d) ?? 0) + 1);
  }
  return usage;
}

function toSpec(r: repo.DetectorRow): CustomDetectorSpec {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    terms: JSON.parse(r.terms) as string[],
    pattern: r.pattern,
    caseSensitive: r.case_sensitive === 1,
  };
}

function toDetector(r: repo.DetectorRow, usedBy: number): Detector {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    type: r.type,
    terms: JSON.parse(r.terms) as string[],
    pattern: r.pattern,
    caseSensitive: r.case_sensitive === 1,
    usedBy,
    updatedAt: r.updated_at,
    updatedBy: userRef(r.updated_by, r.updated_by_username, r.updated_by_name),
  };
}

export function toPolicy(r: repo.PolicyRow): ControlPolicy {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    enabled: r.enabled === 1,
    mode: r.mode,
    priority: Number(r.priority),
    // Parsed through the contract so a policy saved by an older release gains new defaults.
    scope: PolicyScope.parse(JSON.parse(r.scope)),
    rules: (JSON.parse(r.rules) as unknown[]).map((rule) => {
      const parsed = PolicyRule.parse(rule);
      return { ...parsed, id: parsed.id ?? '' };
    }),
    version: Number(r.version),
    updatedAt: r.updated_at,
    updatedBy: userRef(r.updated_by, r.updated_by_username, r.updated_by_name),
  };
}

/** What an audit entry keeps of a detector: enough to see the change, not thousands of terms. */
function describeDetector(d: { name: string; type: string; terms: string; pattern: string | null }) {
  const terms = JSON.parse(d.terms) as string[];
  return {
    name: d.name,
    type: d.type,
    termCount: terms.length,
    terms: terms.slice(0, 50),
    pattern: d.pattern,
  };
}

function describePolicy(p: {
  name: string;
  enabled: number;
  mode: string;
  priority: number;
  scope: string;
  rules: string;
}) {
  return {
    name: p.name,
    enabled: p.enabled === 1,
    mode: p.mode,
    priority: Number(p.priority),
    scope: JSON.parse(p.scope) as unknown,
    rules: JSON.parse(p.rules) as unknown,
  };
}
