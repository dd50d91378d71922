import {
  type ControlPolicy,
  type Detector,
  PolicyRule,
  PolicyScope,
  type SaveDetectorRequest,
  type UserRef,
} from '@liaison/contracts';
import { errors } from '../../platform/http/errors.ts';
import { type CustomDetectorSpec, validateCustomDetector } from './detection/scanner.ts';
import type * as repo from './policies.repository.ts';

// Policy and detector rows as the API shows them, and what an audit entry keeps of them.

/** Validates a custom detector; an empty dictionary or a regular expression that is invalid or unsafe is refused. */
export function checkDetector(input: SaveDetectorRequest) {
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
export function usageOf(rows: readonly repo.PolicyRow[]): Map<string, number> {
  const usage = new Map<string, number>();
  for (const row of rows) {
    const used = new Set(toPolicy(row).rules.flatMap((r) => r.detectors));
    for (const d of used) usage.set(d, (usage.get(d) ?? 0) + 1);
  }
  return usage;
}

export function toSpec(r: repo.DetectorRow): CustomDetectorSpec {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    terms: JSON.parse(r.terms) as string[],
    pattern: r.pattern,
    caseSensitive: r.case_sensitive === 1,
  };
}

export function toDetector(r: repo.DetectorRow, usedBy: number, updatedBy: UserRef | null): Detector {
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
    updatedBy,
  };
}

export function toPolicy(r: repo.PolicyRow, updatedBy: UserRef | null = null): ControlPolicy {
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
    updatedBy,
  };
}

/** What an audit entry keeps of a detector: enough to see the change, not thousands of terms. */
export function describeDetector(d: { name: string; type: string; terms: string; pattern: string | null }) {
  const terms = JSON.parse(d.terms) as string[];
  return {
    name: d.name,
    type: d.type,
    termCount: terms.length,
    terms: terms.slice(0, 50),
    pattern: d.pattern,
  };
}

export function describePolicy(p: {
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
