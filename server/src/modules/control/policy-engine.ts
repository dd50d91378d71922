import {
  ACTION_SEVERITY,
  type Behaviour,
  BUILT_IN_DETECTORS,
  type BuiltInDetector,
  type ChannelKind,
  type ControlAction,
  type ControlPolicy,
  type MatchedKind,
  type RuleMatch,
} from '@liaison/contracts';
import {
  type CustomDetectorSpec,
  compileScanner,
  type DetectionMatch,
  type Scanner,
} from './detection/scanner.ts';

/**
 * The policy engine, free of I/O: compiled once whenever policies or detectors change, then asked
 * about every outgoing communication. One scanner holds every detector the enabled policies use,
 * so a message is read once however many rules there are.
 */
export interface CompiledPolicies {
  policies: readonly ControlPolicy[];
  scanner: Scanner;
  /** Detector id or built-in key → the name people read in records and refusals. */
  detectorNames: ReadonlyMap<string, string>;
  /** Department id → materialised path, for scopes and conditions on the sender's department. */
  departmentPaths: ReadonlyMap<string, string>;
}

/** What is being sent, as far as policies care. */
export interface Outgoing {
  text: string;
  direction: 'external' | 'internal';
  channelKind: ChannelKind;
  counterpartyId: string | null;
  senderDepartmentPath: string | null;
}

export interface Highlight {
  start: number;
  end: number;
  detector: string;
}

export interface Verdict {
  /** The action enforced: the strictest of the matching rules of enforcing policies; null when none. */
  action: ControlAction | null;
  /** Every matching rule, test-mode ones included. */
  matches: RuleMatch[];
  /** Where the matching rules' detectors found something (test-mode rules too), for the review screen. */
  highlights: Highlight[];
  /** What enforcing `redact` rules found: the spans to mask before delivery. */
  redactions: Highlight[];
  /** A matching `warn` rule asks the sender for a reason. */
  requireJustification: boolean;
}

/** Answers a rule's behaviour condition (flooding, repetition) from the sender's recent messages. */
export type BehaviourCheck = (behaviour: Behaviour) => Promise<boolean>;

const BUILT_INS = new Set<string>(BUILT_IN_DETECTORS);

export function isBuiltIn(detector: string): detector is BuiltInDetector {
  return BUILT_INS.has(detector);
}

export function compilePolicies(
  policies: readonly ControlPolicy[],
  detectors: readonly CustomDetectorSpec[],
  departmentPaths: ReadonlyMap<string, string>,
): CompiledPolicies {
  const enabled = policies.filter((p) => p.enabled).sort((a, b) => a.priority - b.priority);
  const used = new Set(enabled.flatMap((p) => p.rules.flatMap((r) => r.detectors)));
  const builtIns = [...used].filter(isBuiltIn);
  const custom = detectors.filter((d) => used.has(d.id));
  const detectorNames = new Map<string, string>(builtIns.map((k) => [k, k]));
  for (const d of detectors) detectorNames.set(d.id, d.name);
  return {
    policies: enabled,
    scanner: compileScanner({ builtIns, custom }),
    detectorNames,
    departmentPaths,
  };
}

export const NO_VERDICT: Verdict = {
  action: null,
  matches: [],
  highlights: [],
  redactions: [],
  requireJustification: false,
};

export async function evaluate(
  compiled: CompiledPolicies,
  outgoing: Outgoing,
  behaviourHit: BehaviourCheck,
): Promise<Verdict> {
  const applicable = compiled.policies.filter((p) => inScope(compiled, p, outgoing));
  if (applicable.length === 0) return NO_VERDICT;

  // Read the text only if some applicable rule looks at content, and then only once.
  let found: DetectionMatch[] | null = null;
  const scan = (): DetectionMatch[] => (found ??= compiled.scanner.scan(outgoing.text));
  const matches: RuleMatch[] = [];
  const highlights: Highlight[] = [];
  const redactions: Highlight[] = [];
  let action: ControlAction | null = null;
  let requireJustification = false;

  for (const policy of applicable) {
    for (const rule of policy.rules) {
      if (rule.counterpartyIds.length > 0 && !rule.counterpartyIds.includes(outgoing.counterpartyId ?? '')) {
        continue;
      }
      if (!inDepartments(compiled, rule.senderDepartmentIds, outgoing.senderDepartmentPath)) continue;
      let hits: DetectionMatch[] = [];
      if (rule.detectors.length > 0) {
        hits = scan().filter(
          (m) => rule.detectors.includes(m.detector) && m.confidence >= rule.minConfidence,
        );
        if (hits.length < rule.minCount) continue;
      } else if (!rule.behaviour) {
        continue;
      }
      if (rule.behaviour && !(await behaviourHit(rule.behaviour))) continue;

      const test = policy.mode === 'test';
      matches.push({
        policyId: policy.id,
        policyName: policy.name,
        ruleId: rule.id,
        ruleName: rule.name,
        action: rule.action,
        test,
        kinds: summarise(compiled, hits, rule.behaviour),
      });
      for (const h of hits) highlights.push({ start: h.start, end: h.end, detector: h.detector });
      if (test) continue;
      if (rule.action === 'redact') {
        for (const h of hits) redactions.push({ start: h.start, end: h.end, detector: h.detector });
      }
      if (action === null || ACTION_SEVERITY[rule.action] > ACTION_SEVERITY[action]) action = rule.action;
      if (rule.action === 'warn' && rule.requireJustification) requireJustification = true;
    }
  }
  return {
    action,
    matches,
    highlights: dedupe(highlights),
    redactions: dedupe(redactions),
    requireJustification,
  };
}

function inScope(compiled: CompiledPolicies, policy: ControlPolicy, outgoing: Outgoing): boolean {
  const { direction, channelKinds, departmentIds } = policy.scope;
  if (direction !== 'any' && direction !== outgoing.direction) return false;
  if (channelKinds.length > 0 && !channelKinds.includes(outgoing.channelKind)) return false;
  return inDepartments(compiled, departmentIds, outgoing.senderDepartmentPath);
}

/** Whether the sender sits in one of the departments (or below it); an empty list means everyone. */
function inDepartments(
  compiled: CompiledPolicies,
  departmentIds: readonly string[],
  senderPath: string | null,
): boolean {
  if (departmentIds.length === 0) return true;
  if (!senderPath) return false;
  return departmentIds.some((id) => {
    const path = compiled.departmentPaths.get(id);
    return path !== undefined && senderPath.startsWith(path);
  });
}

function summarise(
  compiled: CompiledPolicies,
  hits: readonly DetectionMatch[],
  behaviour: Behaviour | null,
): MatchedKind[] {
  const byDetector = new Map<string, MatchedKind>();
  for (const h of hits) {
    const kind = byDetector.get(h.detector);
    if (kind) {
      kind.count += 1;
      kind.confidence = Math.max(kind.confidence, h.confidence);
    } else {
      byDetector.set(h.detector, {
        detector: h.detector,
        name: compiled.detectorNames.get(h.detector) ?? h.detector,
        count: 1,
        confidence: h.confidence,
      });
    }
  }
  const kinds = [...byDetector.values()].map((k) => ({ ...k, confidence: round2(k.confidence) }));
  if (behaviour) kinds.push({ detector: behaviour.kind, name: behaviour.kind, count: 1, confidence: 1 });
  return kinds;
}

function dedupe(highlights: Highlight[]): Highlight[] {
  const seen = new Set<string>();
  return highlights
    .filter((h) => {
      const key = `${h.start}:${h.end}:${h.detector}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
