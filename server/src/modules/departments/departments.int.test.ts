import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let admin: As;

beforeAll(async () => {
  t = await createTestApp();
  admin = t.adminSession;
});
afterAll(() => t.close());

const list = async () =>
  (await t.request(admin, 'GET', '/api/departments')).body.items as {
    id: string;
    name: string;
    parentId: string | null;
    memberCount: number;
  }[];

describe('department tree', () => {
  it('lists parents before children, siblings by order and then pinyin', async () => {
    const root = await t.request(admin, 'POST', '/api/departments', { name: '总公司', code: 'HQ' });
    expect(root.status).toBe(201);
    const parentId = root.body.id;
    for (const name of ['销售部', '采购部', '法务部']) {
      expect((await t.request(admin, 'POST', '/api/departments', { name, parentId })).status).toBe(201);
    }
    const names = (await list()).filter((d) => d.parentId === parentId).map((d) => d.name);
    expect(names).toEqual(['采购部', '法务部', '销售部']); // cai, fa, xiao
    const all = await list();
    expect(all.findIndex((d) => d.id === parentId)).toBeLessThan(all.findIndex((d) => d.name === '采购部'));
  });

  it('sets a head and a liaison, who must be active employees', async () => {
    const dept = await t.buildDepartment({ name: '行政部' });
    const head = await t.buildUser({ displayName: '胡斌', department: dept });
    const liaison = await t.buildUser({ displayName: '郭婷', department: dept });
    const external = await t.buildUser({ kind: 'external' });
    const res = await t.request(admin, 'PATCH', `/api/departments/${dept.id}`, {
      headId: head.id,
      liaisonId: liaison.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.head.displayName).toBe('胡斌');
    expect(res.body.liaison.displayName).toBe('郭婷');
    expect(res.body.memberCount).toBe(2);
    const bad = await t.request(admin, 'PATCH', `/api/departments/${dept.id}`, { liaisonId: external.id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.liaisonId');
    const audit = await t.services.audit.list({ action: 'department.updated', targetId: dept.id, limit: 5 });
    expect(audit.items[0]?.summary.headId).toEqual({ from: null, to: head.id });
  });

  it('moves a subtree, carrying its people into the new parent’s scope, and refuses cycles', async () => {
    const a = await t.buildDepartment({ name: '甲' });
    const b = await t.buildDepartment({ name: '乙', parent: a });
    const c = await t.buildDepartment({ name: '丙', parent: b });
    const other = await t.buildDepartment({ name: '丁' });
    const worker = await t.buildUser({ department: c });
    const head = await t.buildUser({ roles: ['department_head'], department: other });

    const cycle = await t.request(admin, 'PATCH', `/api/departments/${a.id}`, { parentId: c.id });
    expect(cycle.status).toBe(400);
    const self = await t.request(admin, 'PATCH', `/api/departments/${a.id}`, { parentId: a.id });
    expect(self.status).toBe(400);

    const headAs = await t.sessionFor(head);
    expect((await t.request(headAs, 'GET', `/api/users/${worker.id}`)).status).toBe(404);
    expect((await t.request(admin, 'PATCH', `/api/departments/${b.id}`, { parentId: other.id })).status).toBe(
      200,
    );
    expect((await t.request(headAs, 'GET', `/api/users/${worker.id}`)).status).toBe(200);
    const paths = await t.database.db.selectFrom('departments').select(['id', 'path', 'depth']).execute();
    const pathOf = (id: string) => paths.find((p) => p.id === id)!;
    expect(pathOf(c.id).path).toBe(`/${other.id}/${b.id}/${c.id}/`);
    expect(pathOf(c.id).depth).toBe(2);
  });

  it('refuses to delete a department that still has sub-departments or members', async () => {
    const parent = await t.buildDepartment();
    const child = await t.buildDepartment({ parent });
    const blocked = await t.request(admin, 'DELETE', `/api/departments/${parent.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details).toEqual({ subDepartments: 1, members: 0 });
    const member = await t.buildUser({ department: child });
    expect((await t.request(admin, 'DELETE', `/api/departments/${child.id}`)).status).toBe(409);
    await t.request(admin, 'PATCH', `/api/users/${member.id}`, { departmentId: null });
    expect((await t.request(admin, 'DELETE', `/api/departments/${child.id}`)).status).toBe(204);
    expect((await t.request(admin, 'DELETE', `/api/departments/${parent.id}`)).status).toBe(204);
    expect((await t.request(admin, 'GET', `/api/departments/${parent.id}`)).status).toBe(404);
  });

  it('keeps sibling names and codes unique', async () => {
    const parent = await t.buildDepartment();
    await t.request(admin, 'POST', '/api/departments', { name: '同名', parentId: parent.id, code: 'SAME' });
    const dupName = await t.request(admin, 'POST', '/api/departments', { name: '同名', parentId: parent.id });
    expect(dupName.status).toBe(409);
    const dupCode = await t.request(admin, 'POST', '/api/departments', { name: '别名', code: 'SAME' });
    expect(dupCode.status).toBe(409);
    const badCode = await t.request(admin, 'POST', '/api/departments', { name: '坏', code: '空 格' });
    expect(badCode.status).toBe(400);
  });

  it('lets every employee read the tree but only HR and administrators change it', async () => {
    const employee = await t.buildUser();
    const as = await t.sessionFor(employee);
    expect((await t.request(as, 'GET', '/api/departments')).status).toBe(200);
    expect((await t.request(as, 'POST', '/api/departments', { name: '私设部门' })).status).toBe(403);
  });

  it('lets only one of two crossing moves through, so the tree never gets a cycle', async () => {
    const a = await t.buildDepartment({ name: '交叉甲' });
    const b = await t.buildDepartment({ name: '交叉乙' });
    const results = await Promise.all([
      t.request(admin, 'PATCH', `/api/departments/${a.id}`, { parentId: b.id }),
      t.request(admin, 'PATCH', `/api/departments/${b.id}`, { parentId: a.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const names = (await list()).map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['交叉甲', '交叉乙']));
  });

  it('finds a department by an id typed in capitals', async () => {
    const d = await t.buildDepartment();
    expect((await t.request(admin, 'GET', `/api/departments/${d.id.toUpperCase()}`)).status).toBe(200);
  });
});
