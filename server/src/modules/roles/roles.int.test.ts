import { BUILT_IN_ROLE_KEYS, PERMISSION_KEYS } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let admin: As;

beforeAll(async () => {
  t = await createTestApp();
  admin = t.adminSession;
});
afterAll(() => t.close());

describe('roles', () => {
  it('ships the eight built-in roles; the administrator holds every permission and is locked', async () => {
    const roles = (await t.request(admin, 'GET', '/api/roles')).body.items as {
      id: string;
      key: string;
      locked: boolean;
      permissions: string[];
    }[];
    expect(roles.map((r) => r.key).sort()).toEqual([...BUILT_IN_ROLE_KEYS].sort());
    const sysadmin = roles.find((r) => r.key === 'system_admin')!;
    expect(sysadmin.locked).toBe(true);
    expect(sysadmin.permissions.sort()).toEqual([...PERMISSION_KEYS].sort());
    const edit = await t.request(admin, 'PATCH', `/api/roles/${sysadmin.id}`, { permissions: [] });
    expect(edit.status).toBe(403);
    const del = await t.request(admin, 'DELETE', `/api/roles/${roles.find((r) => r.key === 'employee')!.id}`);
    expect(del.status).toBe(409);
  });

  it('creates a custom role, audits permission changes, and refuses to delete it while held', async () => {
    const created = await t.request(admin, 'POST', '/api/roles', {
      key: 'auditor_lite',
      name: '审计查看员',
      scope: 'department',
      permissions: ['audit.read', 'user.read'],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const updated = await t.request(admin, 'PATCH', `/api/roles/${id}`, { permissions: ['audit.read'] });
    expect(updated.body.permissions).toEqual(['audit.read']);
    const audit = await t.services.audit.list({ action: 'role.updated', targetId: id, limit: 5 });
    expect(audit.items[0]?.summary.permissions).toEqual({
      from: ['audit.read', 'user.read'],
      to: ['audit.read'],
    });

    const holder = await t.buildUser();
    const employee = (await t.services.roles.list()).find((r) => r.key === 'employee')!;
    await t.request(admin, 'PUT', `/api/users/${holder.id}/roles`, { roleIds: [employee.id, id] });
    expect((await t.request(await t.sessionFor(holder), 'GET', '/api/audit')).status).toBe(200);
    expect((await t.request(admin, 'DELETE', `/api/roles/${id}`)).status).toBe(409);
    await t.request(admin, 'PUT', `/api/users/${holder.id}/roles`, { roleIds: [employee.id] });
    expect((await t.request(admin, 'DELETE', `/api/roles/${id}`)).status).toBe(204);
  });

  it('rejects unknown permissions and duplicate keys', async () => {
    const bad = await t.request(admin, 'POST', '/api/roles', {
      key: 'bad_role',
      name: '坏角色',
      scope: 'all',
      permissions: ['root.everything'],
    });
    expect(bad.status).toBe(400);
    const dup = await t.request(admin, 'POST', '/api/roles', {
      key: 'employee',
      name: 'x',
      scope: 'own',
      permissions: [],
    });
    expect(dup.status).toBe(409);
  });
});
