import { AUDIT_ACTIONS, BUILT_IN_ROLES, ERROR_CODES, PERMISSION_KEYS, PERMISSIONS } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import enUS from './en-US.ts';
import zhCN from './zh-CN.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const languages = { 'zh-CN': leaves(zhCN), 'en-US': leaves(enUS) };
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has the same keys and interpolation variables in both languages', () => {
    const zh = languages['zh-CN'];
    const en = languages['en-US'];
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of zh) expect(variables(en.get(key) ?? ''), key).toEqual(variables(text));
  });

  it('has no empty strings', () => {
    for (const [language, map] of Object.entries(languages)) {
      for (const [key, text] of map) expect(text.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it.each(Object.entries(languages))('%s names every audit action and action group', (_language, map) => {
    for (const action of AUDIT_ACTIONS) {
      expect(map.has(`auditActions.${action}`), action).toBe(true);
      expect(map.has(`auditGroups.${action.split('.')[0]}`), action).toBe(true);
    }
  });

  it.each(Object.entries(languages))(
    '%s names every permission, group and built-in role',
    (_language, map) => {
      for (const permission of PERMISSION_KEYS) {
        expect(map.has(`permissions.${permission}.name`), permission).toBe(true);
        expect(map.has(`permissions.${permission}.description`), permission).toBe(true);
        expect(map.has(`permissionGroups.${PERMISSIONS[permission].group}`), permission).toBe(true);
      }
      for (const role of BUILT_IN_ROLES) {
        expect(map.has(`builtInRoles.${role.key}.name`), role.key).toBe(true);
        expect(map.has(`builtInRoles.${role.key}.description`), role.key).toBe(true);
      }
    },
  );

  it.each(Object.entries(languages))('%s explains every error code', (_language, map) => {
    for (const code of ERROR_CODES) expect(map.has(`errors.${code}`), code).toBe(true);
  });

  it('keeps the stored Chinese role names, so renamed roles are recognised', () => {
    for (const role of BUILT_IN_ROLES) {
      expect(languages['zh-CN'].get(`builtInRoles.${role.key}.name`)).toBe(role.name);
      expect(languages['zh-CN'].get(`builtInRoles.${role.key}.description`)).toBe(role.description);
    }
  });
});
