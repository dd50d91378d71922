import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { inScope, scopeFilter } from '../../platform/auth/actor.ts';
import { canGrant, grantsFromRoles } from './grants.ts';

const actor = (grants: Actor['grants'], departmentPath: string | null = '/a/b/'): Actor => ({
  userId: 'u1',
  username: 'u1',
  displayName: 'U1',
  kind: 'employee',
  locale: 'zh-CN',
  departmentId: 'b',
  departmentPath,
  grants,
  roleKeys: [],
  profile: {} as Actor['profile'],
  mustChangePassword: false,
  auth: { method: 'system' },
});

describe('grants', () => {
  it('takes the widest scope any role gives; unscoped permissions are company-wide', () => {
    const grants = grantsFromRoles([
      { scope: 'own', permissions: ['user.read', 'directory.read'] },
      { scope: 'department', permissions: ['user.read', 'team.manage', 'no.such.permission'] },
    ]);
    expect(grants).toEqual({
      'user.read': 'department',
      'directory.read': 'all',
      'team.manage': 'department',
    });
  });

  it('lets nobody grant more than they hold, in permissions or in scope', () => {
    const hr = actor({ 'user.read': 'all', 'user.manage': 'all' });
    expect(canGrant(hr, { scope: 'all', permissions: ['user.read'] })).toBe(true);
    expect(canGrant(hr, { scope: 'all', permissions: ['role.manage'] })).toBe(false);
    const head = actor({ 'user.read': 'department' });
    expect(canGrant(head, { scope: 'department', permissions: ['user.read'] })).toBe(true);
    expect(canGrant(head, { scope: 'all', permissions: ['user.read'] })).toBe(false);
  });

  it('turns a scope into a record filter', () => {
    const head = actor({ 'user.read': 'department' });
    const filter = scopeFilter(head, 'user.read');
    expect(inScope(filter, { departmentPath: '/a/b/c/', ownerIds: [] })).toBe(true);
    expect(inScope(filter, { departmentPath: '/a/x/', ownerIds: [] })).toBe(false);
    expect(inScope(filter, { departmentPath: '/a/x/', ownerIds: ['u1'] })).toBe(true);
    expect(scopeFilter(head, 'audit.read')).toEqual({ kind: 'none' });
    const homeless = actor({ 'user.read': 'department' }, null);
    expect(scopeFilter(homeless, 'user.read')).toEqual({ kind: 'own', userId: 'u1' });
  });
});
