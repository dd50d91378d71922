import {
  BUILT_IN_DETECTORS,
  type BuiltInDetector,
  type MatchedKind,
  PolicyRefusal,
  type RuleMatch,
} from '@liaison/contracts';
import type { TFunction } from 'i18next';

const BUILT_INS = new Set<string>(BUILT_IN_DETECTORS);
const BEHAVIOURS = new Set(['flooding', 'repetition']);

export function isBuiltInDetector(detector: string): detector is BuiltInDetector {
  return BUILT_INS.has(detector);
}

function isBehaviour(detector: string): detector is 'flooding' | 'repetition' {
  return BEHAVIOURS.has(detector);
}

/**
 * What a matched kind is called for people: built-in types by their own name (身份证号码), behaviour
 * conditions by what they watch (刷屏), custom detectors by the name their author gave them.
 */
export function kindName(t: TFunction, kind: Pick<MatchedKind, 'detector' | 'name'>): string {
  if (isBuiltInDetector(kind.detector)) return t(`control.builtIn.${kind.detector}`);
  if (isBehaviour(kind.detector)) return t(`control.behaviours.${kind.detector}`);
  return kind.name;
}

/** A detector a rule refers to (built-in key or custom id), named from the known custom detectors. */
export function detectorName(t: TFunction, ref: string, custom: ReadonlyMap<string, string>): string {
  if (isBuiltInDetector(ref)) return t(`control.builtIn.${ref}`);
  return custom.get(ref) ?? ref;
}

/** 身份证号码、银行卡号 / ID card number, bank card number. */
export function joinNames(t: TFunction, names: readonly string[]): string {
  return names.join(t('control.separator'));
}

/** The distinct rule names and kind names of some matches, in the order they matched. */
export function matchNames(t: TFunction, rules: readonly RuleMatch[]): { rules: string[]; kinds: string[] } {
  const ruleNames = [...new Set(rules.map((r) => r.ruleName))];
  const kinds = [...new Set(rules.flatMap((r) => r.kinds.map((k) => kindName(t, k))))];
  return { rules: ruleNames, kinds };
}

/** The refusal a 409/422 carries in `details`; an unexpected shape still gives a usable one. */
export function toRefusal(details: unknown, fallback: PolicyRefusal['action']): PolicyRefusal {
  const parsed = PolicyRefusal.safeParse(details);
  return parsed.success ? parsed.data : { action: fallback, rules: [], requireJustification: false };
}

/**
 * The question of the warning dialog: 该内容包含机密关键词，是否继续对外发送？ A warning raised only
 * by behaviour (repeating oneself) names the rule instead of content kinds.
 */
export function confirmQuestion(t: TFunction, refusal: PolicyRefusal, external: boolean): string {
  const contentKinds = refusal.rules.flatMap((r) => r.kinds).filter((k) => !isBehaviour(k.detector));
  const { rules } = matchNames(t, refusal.rules);
  if (contentKinds.length === 0) {
    return rules.length > 0
      ? t('messaging.control.confirmBehaviour', { rules: joinNames(t, rules) })
      : t('messaging.control.confirmGeneric');
  }
  const kinds = [...new Set(contentKinds.map((k) => kindName(t, k)))];
  return t(external ? 'messaging.control.confirmExternal' : 'messaging.control.confirmInternal', {
    kinds: joinNames(t, kinds),
  });
}

/** The error under the composer when a policy refused a message; never the matched text itself. */
export function blockedText(t: TFunction, refusal: PolicyRefusal): string {
  const { rules, kinds } = matchNames(t, refusal.rules);
  if (rules.length === 0) return t('messaging.control.blockedUnknown');
  return kinds.length > 0
    ? t('messaging.control.blocked', { rules: joinNames(t, rules), kinds: joinNames(t, kinds) })
    : t('messaging.control.blockedNoKinds', { rules: joinNames(t, rules) });
}

/** Confidence 0.87 → "87%". */
export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
