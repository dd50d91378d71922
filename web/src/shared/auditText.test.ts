import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import i18n from '../app/i18n/index.ts';
import '../app/language.ts';
import { actionName } from '../components/labels.ts';
import { fieldName, splitSummary, summaryPreview, targetTypeName, valueText } from './auditText.ts';

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en-US');
const SERVER = fileURLToPath(new URL('../../../server/src', import.meta.url));

/** The server's source files that are not tests. */
function serverSources(): string[] {
  return readdirSync(SERVER, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.includes('.test.'))
    .map((file) => readFileSync(join(SERVER, file), 'utf8'));
}

/** The keys of every `summary: { … }` literal the server writes into the audit log (top level). */
function recordedSummaryFields(): Set<string> {
  const fields = new Set<string>();
  for (const source of serverSources()) {
    for (const match of source.matchAll(/summary:\s*\{/g)) {
      let depth = 1;
      let top = '';
      for (let i = match.index + match[0].length; i < source.length && depth > 0; i++) {
        const ch = source[i]!;
        if ('{[('.includes(ch)) depth++;
        else if ('}])'.includes(ch)) depth--;
        else if (depth === 1) top += ch;
      }
      for (const key of top.matchAll(/(?:^|,)\s*([A-Za-z_]\w*)\s*(?=:|,|$)/g)) fields.add(key[1]!);
    }
  }
  return fields;
}

describe('the audit log in the reader’s language', () => {
  it.each([
    ['zh-CN', zh],
    ['en-US', en],
  ] as const)('%s names every action, object type and recorded field', (language, t) => {
    const missing: string[] = [];
    for (const action of AUDIT_ACTIONS) {
      if (!i18n.exists(`auditActions.${action}`, { lng: language })) missing.push(`auditActions.${action}`);
      expect(actionName(t, action)).not.toContain('.');
    }
    for (const type of AUDIT_TARGET_TYPES) {
      if (!i18n.exists(`targetTypes.${type}`, { lng: language })) missing.push(`targetTypes.${type}`);
    }
    const fields = recordedSummaryFields();
    // The scan finds the fields (a broken scan would pass vacuously).
    expect(fields).toContain('needsApproval');
    expect(fields).toContain('subjectType');
    for (const field of fields) {
      if (!i18n.exists(`auditFields.${field}`, { lng: language })) missing.push(`auditFields.${field}`);
    }
    expect(missing).toEqual([]);
  });

  it('reads an approval submission without a raw key', () => {
    const summary = { subjectType: 'announcement', needsApproval: true };
    expect(summaryPreview(zh, summary)).toBe('事项类型: 公告; 需要审批: 是');
    expect(summaryPreview(en, summary)).toBe('Subject type: Announcement; Needs approval: yes');
  });

  it('labels changes and facts, translates coded values and lists, and formats instants', () => {
    const summary = { name: { from: '市场部', to: '品牌部' }, username: 'admin', decision: 'approve' };
    expect(splitSummary(summary)).toEqual({
      changes: [{ field: 'name', from: '市场部', to: '品牌部' }],
      facts: [
        ['username', 'admin'],
        ['decision', 'approve'],
      ],
    });
    expect(summaryPreview(zh, summary)).toBe('名称: 市场部 → 品牌部; 用户名: admin; 决定: 同意');
    expect(valueText(en, 'roles', ['hr', 'employee'])).toBe('hr, employee');
    expect(valueText(zh, 'kinds', ['block', 'warn'])).toBe('拦截、提醒确认');
    const instant = valueText(zh, 'expiresAt', '2026-03-01T02:00:00.000Z');
    expect(instant).toMatch(/2026/);
    expect(instant).not.toContain('T02');
    expect(valueText(en, 'filters', { departmentId: null, status: 'active' })).toBe(
      'Department: —; Status: active',
    );
  });

  it('reads a key that has no label yet as words, never as the raw key', () => {
    expect(fieldName(en, 'someNewField')).toBe('Some new field');
    expect(targetTypeName(en, 'press_release')).toBe('Press release');
    expect(targetTypeName(zh, 'announcement')).toBe('公告');
  });
});
