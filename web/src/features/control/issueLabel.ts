import type { TFunction } from 'i18next';
import { toNamePath } from '../../app/errors.ts';

/** `body.rules.2.detectors` → 规则 3 / Rule 3, so a problem without a field of its own is still placed. */
export function issueLabel(t: TFunction, path: string): string {
  const parts = toNamePath(path);
  if (parts[0] === 'rules' && typeof parts[1] === 'number')
    return t('control.policy.ruleNumber', { number: parts[1] + 1 });
  if (parts[0] === 'scope') return t('control.policy.scope');
  return parts.length > 0 ? parts.join('.') : t('control.policy.wholePolicy');
}
