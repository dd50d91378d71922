import type { ValidationIssue } from '@liaison/contracts';
import type { FormInstance } from 'antd';
import { toNamePath } from '../../app/errors.ts';

type NamePath = (string | number)[];

/**
 * Which form field each server issue belongs to: the longest registered field its path starts with
 * (`terms.3` → the terms box). Issues about something without a field of its own (a whole rule)
 * are returned apart, to be shown above the form.
 */
export function placeIssues(
  issues: readonly ValidationIssue[],
  fields: readonly NamePath[],
  /** Fields that show no error of their own (a Form.List): nothing is placed on them. */
  skip: readonly NamePath[] = [],
): { placed: { name: NamePath; message: string }[]; unplaced: ValidationIssue[] } {
  const skipped = new Set(skip.map((name) => JSON.stringify(name)));
  const candidates = fields.filter((field) => !skipped.has(JSON.stringify(field)));
  const placed: { name: NamePath; message: string }[] = [];
  const unplaced: ValidationIssue[] = [];
  for (const issue of issues) {
    const path = toNamePath(issue.path);
    let best: NamePath | null = null;
    for (const field of candidates) {
      const prefix =
        field.length <= path.length && field.every((part, i) => String(part) === String(path[i]));
      if (prefix && field.length > 0 && (!best || field.length > best.length)) best = field;
    }
    if (best) placed.push({ name: best, message: issue.message });
    else unplaced.push(issue);
  }
  return { placed, unplaced };
}

/** Puts the server's field problems next to the fields; returns the rest. */
export function showIssues(
  form: FormInstance,
  issues: readonly ValidationIssue[],
  skip: readonly NamePath[] = [],
): ValidationIssue[] {
  const fields = form.getFieldsError().map((f) => f.name as NamePath);
  const { placed, unplaced } = placeIssues(issues, fields, skip);
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const p of placed) {
    const key = JSON.stringify(p.name);
    const entry = byField.get(key) ?? { name: p.name, errors: [] };
    entry.errors.push(p.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unplaced;
}
