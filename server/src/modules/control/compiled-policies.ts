import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { ControlDirectory } from './control-directory.ts';
import * as repo from './policies.repository.ts';
import { type CompiledPolicies, compilePolicies } from './policy-engine.ts';
import { toPolicy, toSpec } from './policy-rows.ts';

/**
 * How long a node uses its compiled policies before asking the database whether they changed. A
 * change made on this node applies at once; other nodes of a cluster pick it up within this time.
 */
const RECHECK_MS = 5_000;

interface Cached {
  compiled: CompiledPolicies;
  /** What the policies and detectors looked like when compiled (see repo.signature). */
  signature: string;
  /** The paths of the departments the policies name, when compiled: a move changes a scope. */
  departmentPaths: Map<string, string>;
  checkedAt: number;
}

/**
 * The enabled policies, compiled. Compiling (automata, regular-expression analysis) is not cheap,
 * so it happens only when something changed — a policy or detector, or the path of a department a
 * policy names; while a newer set is being built, callers keep using the one they have.
 */
export class CompiledPoliciesCache {
  readonly #db: Kysely<DB>;
  readonly #directory: ControlDirectory;
  #cache: Cached | null = null;
  /** The load in progress, shared by whoever asks meanwhile. */
  #loading: Promise<CompiledPolicies> | null = null;

  constructor(db: Kysely<DB>, directory: ControlDirectory) {
    this.#db = db;
    this.#directory = directory;
  }

  get(): Promise<CompiledPolicies> {
    const cache = this.#cache;
    if (cache && Date.now() - cache.checkedAt < RECHECK_MS) return Promise.resolve(cache.compiled);
    this.#loading ??= this.#refresh().finally(() => {
      this.#loading = null;
    });
    return cache ? Promise.resolve(cache.compiled) : this.#loading;
  }

  /** After a change on this node: the next check recompiles before it answers. */
  invalidate(): void {
    this.#cache = null;
  }

  async #refresh(): Promise<CompiledPolicies> {
    const db = this.#db;
    const signature = await repo.signature(db);
    const cache = this.#cache;
    if (cache && cache.signature === signature) {
      const paths = await this.#directory.departmentPaths(db, [...cache.departmentPaths.keys()]);
      if (samePaths(paths, cache.departmentPaths)) {
        cache.checkedAt = Date.now();
        return cache.compiled;
      }
    }
    const [policyRows, detectorRows] = await Promise.all([repo.policies(db), repo.detectors(db)]);
    const policies = policyRows.map((r) => toPolicy(r));
    const departmentIds = new Set(
      policies.flatMap((p) => [...p.scope.departmentIds, ...p.rules.flatMap((r) => r.senderDepartmentIds)]),
    );
    const departmentPaths = await this.#directory.departmentPaths(db, [...departmentIds]);
    const compiled = compilePolicies(policies, detectorRows.map(toSpec), departmentPaths);
    this.#cache = { compiled, signature, departmentPaths, checkedAt: Date.now() };
    return compiled;
  }
}

function samePaths(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, path] of a) if (b.get(id) !== path) return false;
  return true;
}
