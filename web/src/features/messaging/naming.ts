/** Values a naming rule's placeholders stand for ({department}, {team}, {project}, {counterparty}). */
export type NamingValues = Partial<Record<'department' | 'team' | 'project' | 'counterparty', string>>;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `name` follows `pattern` — the server's rule (server/src/modules/channels/naming-rules.ts)
 * repeated so a form can say so before sending; the server still decides.
 */
export function followsRule(pattern: string, name: string, values: NamingValues): boolean {
  let regex = '';
  for (const part of pattern.split(/(\{[^}]*\}|\*)/)) {
    if (part === '*') regex += '.+';
    else if (/^\{[^}]*\}$/.test(part))
      regex += escapeRegex(values[part.slice(1, -1) as keyof NamingValues] ?? part);
    else regex += escapeRegex(part);
  }
  return new RegExp(`^${regex}$`, 'u').test(name.trim());
}

/** The pattern with its placeholders filled in and `*` replaced by `star` (e.g. 日常工作群). */
export function fillRule(pattern: string, values: NamingValues, star: string): string {
  return pattern
    .replace(/\{([^}]*)\}/g, (whole, key: string) => values[key as keyof NamingValues] ?? whole)
    .replace(/\*/g, star);
}

/** The fixed beginning of a name under the rule (up to the first `*`), to prefill the name field. */
export function rulePrefix(pattern: string, values: NamingValues): string {
  const star = pattern.indexOf('*');
  const head = star < 0 ? pattern : pattern.slice(0, star);
  if (/\{[^}]*\}/.test(fillRule(head, values, ''))) return '';
  return fillRule(head, values, '');
}
