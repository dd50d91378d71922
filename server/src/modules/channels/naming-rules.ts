import type { ChannelKind, NamingRules } from '@liaison/contracts';

/** Until an administrator sets them: the department, team or counterparty name, a dash, anything. */
export const DEFAULT_NAMING_RULES: NamingRules = {
  department: '{department}-*',
  team: '{team}-*',
  all_hands: '*',
  external: '{counterparty}-*',
};

/** The placeholders each kind's rule may use. */
export const PLACEHOLDERS: Record<keyof NamingRules, readonly string[]> = {
  department: ['department'],
  team: ['team', 'project'],
  all_hands: [],
  external: ['counterparty'],
};

export type NamingValues = Partial<Record<'department' | 'team' | 'project' | 'counterparty', string>>;

/** Placeholders a rule uses that its kind does not offer (a rule is refused when it has any). */
export function unknownPlaceholders(kind: keyof NamingRules, pattern: string): string[] {
  const used = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  return used.filter((p) => !PLACEHOLDERS[kind].includes(p));
}

/**
 * Whether `name` follows `pattern`: placeholders stand for the given values, `*` for any text
 * (at least one character), everything else must match literally. `市场部-日常工作群` follows
 * `{department}-日常工作群` for the 市场部 department.
 */
export function followsRule(pattern: string, name: string, values: NamingValues): boolean {
  let regex = '';
  for (const part of pattern.split(/(\{[^}]*\}|\*)/)) {
    if (part === '*') regex += '.+';
    else if (/^\{[^}]*\}$/.test(part))
      regex += escapeRegex(values[part.slice(1, -1) as keyof NamingValues] ?? part);
    else regex += escapeRegex(part);
  }
  return new RegExp(`^${regex}$`, 'u').test(name);
}

/** An example name for error messages: the pattern with its values filled in and `*` as 日常工作群. */
export function exampleName(pattern: string, values: NamingValues, kind: ChannelKind): string {
  return pattern
    .replace(/\{([^}]*)\}/g, (_, key: string) => values[key as keyof NamingValues] ?? key)
    .replace(/\*/g, kind === 'external' ? '项目沟通群' : kind === 'team' ? '推进群' : '日常工作群');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
