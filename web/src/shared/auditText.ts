import { AUDIT_TARGET_TYPES } from '@liaison/contracts';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../app/format.ts';
import i18n from '../app/i18n/index.ts';

/**
 * The audit log in the reader's language: what an entry is about, the names of the fields its
 * summary records and the coded values in them. Never the raw keys the server stores
 * (`auth.login.succeeded`, `subjectType: announcement`); a key without a label yet reads as words.
 */

const translate = (t: TFunction, key: string) => (t as unknown as (key: string) => string)(key);

export function targetTypeName(t: TFunction, type: string | null): string | null {
  if (!type) return null;
  const known = AUDIT_TARGET_TYPES.find((candidate) => candidate === type);
  return known ? t(`targetTypes.${known}`) : humanise(type);
}

/** A summary field's label, e.g. `needsApproval` → 需要审批 / Needs approval. */
export function fieldName(t: TFunction, field: string): string {
  const key = `auditFields.${field}`;
  return i18n.exists(key) ? translate(t, key) : humanise(field);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const TYPE_FIELDS = new Set(['subjectType', 'targetType']);

/** A recorded value as a reader reads it: yes/no, a named type or decision, a local time. */
export function valueText(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return translate(t, `auditValues.${value}`);
  if (typeof value === 'number') return value.toLocaleString();
  if (typeof value === 'string') {
    if (TYPE_FIELDS.has(field)) return targetTypeName(t, value) ?? value;
    if (INSTANT.test(value)) return formatDateTime(value);
    const key = `auditValues.${value}`;
    return /^[a-z_]+$/.test(value) && i18n.exists(key) ? translate(t, key) : value;
  }
  if (Array.isArray(value)) return value.map((item) => valueText(t, field, item)).join(listSeparator(t));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${fieldName(t, key)}: ${valueText(t, key, inner)}`)
      .join('; ');
  }
  return String(value);
}

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** Updates are recorded as field → { from, to }; everything else is a small description. */
export function splitSummary(summary: Record<string, unknown>): {
  changes: Change[];
  facts: [string, unknown][];
} {
  const changes: Change[] = [];
  const facts: [string, unknown][] = [];
  for (const [field, value] of Object.entries(summary)) {
    if (typeof value === 'object' && value !== null && ('from' in value || 'to' in value)) {
      const { from, to } = value as { from?: unknown; to?: unknown };
      changes.push({ field, from, to });
    } else {
      facts.push([field, value]);
    }
  }
  return { changes, facts };
}

/** One line for the table cell: the changed fields, then the facts, each under its label. */
export function summaryPreview(t: TFunction, summary: Record<string, unknown>): string {
  const { changes, facts } = splitSummary(summary);
  return [
    ...changes.map(
      (change) =>
        `${fieldName(t, change.field)}: ${valueText(t, change.field, change.from)} → ${valueText(t, change.field, change.to)}`,
    ),
    ...facts.map(([field, value]) => `${fieldName(t, field)}: ${valueText(t, field, value)}`),
  ].join('; ');
}

function listSeparator(t: TFunction): string {
  return t('common.listSeparator');
}

/** `needsApproval` / `dept_request` → "Needs approval" / "Dept request", for a key not labelled yet. */
function humanise(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
