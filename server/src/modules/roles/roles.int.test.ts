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
    const created = await t.services.audit.list({ action: 'role.created', limit: 50 });
    expect(
      created.items
        .filter((e) => e.summary.builtIn)
        .map((e) => e.summary.key)
        .sort(),
    ).toEqual([...BUILT_IN_ROLE_KEYS].sort());
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

  it('keeps internal permissions away from external users, whichever way the role is edited', async () => {
    const ext = await t.buildUser({ kind: 'external' });
    const empty = await t.request(admin, 'POST', '/api/roles', {
      key: 'partner_empty',
      name: '伙伴空角色',
      scope: 'own',
      permissions: [],
    });
    const externalRole = (await t.services.roles.list()).find((r) => r.key === 'external_user')!;
    expect(
      (
        await t.request(admin, 'PUT', `/api/users/${ext.id}/roles`, {
          roleIds: [externalRole.id, empty.body.id],
        })
      ).status,
    ).toBe(200);
    const widen = await t.request(admin, 'PATCH', `/api/roles/${empty.body.id}`, {
      scope: 'all',
      permissions: ['user.read', 'user.personal.read'],
    });
    expect(widen.status).toBe(400);
    const builtIn = await t.request(admin, 'PATCH', `/api/roles/${externalRole.id}`, {
      permissions: ['user.read'],
    });
    expect(builtIn.status).toBe(400);
    expect((await t.request(await t.sessionFor(ext), 'GET', '/api/users')).status).toBe(403);
  });

  it('stops a role manager from changing or deleting roles that hold more than they do', async () => {
    const limited = await t.request(admin, 'POST', '/api/roles', {
      key: 'role_clerk',
      name: '角色管理员（受限）',
      scope: 'own',
      permissions: ['role.read', 'role.manage', 'directory.read'],
    });
    const clerk = await t.buildUser();
    const employee = (await t.services.roles.list()).find((r) => r.key === 'employee')!;
    await t.request(admin, 'PUT', `/api/users/${clerk.id}/roles`, {
      roleIds: [employee.id, limited.body.id],
    });
    const as = await t.sessionFor(clerk);
    const compliance = (await t.services.roles.list()).find((r) => r.key === 'compliance_officer')!;
    const strip = await t.request(as, 'PATCH', `/api/roles/${compliance.id}`, {
      permissions: ['directory.read'],
    });
    expect(strip.status).toBe(403);
    const rich = await t.request(admin, 'POST', '/api/roles', {
      key: 'rich_role',
      name: '富角色',
      scope: 'all',
      permissions: ['audit.read'],
    });
    expect((await t.request(as, 'DELETE', `/api/roles/${rich.body.id}`)).status).toBe(403);
  });

  it('keeps one administrator when two remove each other at the same moment', async () => {
    // The test administrator steps down here: on an app of its own, so no other test loses its
    // administrator whichever order they run in.
    const own = await createTestApp();
    try {
      const adminRole = (await own.services.roles.list()).find((r) => r.key === 'system_admin')!;
      const employee = (await own.services.roles.list()).find((r) => r.key === 'employee')!;
      const other = await own.buildUser({ roles: ['system_admin'] });
      // The test administrator steps down first, leaving exactly two: `other` and `third`.
      const third = await own.buildUser({ roles: ['system_admin'] });
      await own.request(await own.sessionFor(other), 'PUT', `/api/users/${own.admin.id}/roles`, {
        roleIds: [employee.id],
      });
      const [a, b] = await Promise.all([
        own.request(await own.sessionFor(other), 'PUT', `/api/users/${third.id}/roles`, {
          roleIds: [employee.id],
        }),
        own.request(await own.sessionFor(third), 'PUT', `/api/users/${other.id}/roles`, {
          roleIds: [employee.id],
        }),
      ]);
      // One wins; the other is refused: 409 (it would leave no administrator) or 403 (by the time it
      // was authenticated, its sender had already lost the role).
      const statuses = [a.status, b.status].sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      expect((await own.services.roles.get(adminRole.id)).userCount).toBe(1);
    } finally {
      await own.close();
    }
  });
});
