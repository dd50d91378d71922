import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let admin: As;

beforeAll(async () => {
  t = await createTestApp();
  admin = t.adminSession;
});
afterAll(() => t.close());

describe('teams and project groups', () => {
  it('creates a project group with its owner as a member, then adds and removes members', async () => {
    const dept = await t.buildDepartment({ name: '信息部' });
    const owner = await t.buildUser({ displayName: '林峰', department: dept });
    const a = await t.buildUser({ displayName: '梁宇' });
    const b = await t.buildUser({ displayName: '黄丽' });
    const created = await t.request(admin, 'POST', '/api/teams', {
      name: 'CRM升级项目组',
      kind: 'project',
      departmentId: dept.id,
      ownerId: owner.id,
      memberIds: [a.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.kind).toBe('project');
    expect(
      created.body.members.map((m: { user: { displayName: string } }) => m.user.displayName).sort(),
    ).toEqual(['林峰', '梁宇'].sort());
    const id = created.body.id;
    const added = await t.request(admin, 'POST', `/api/teams/${id}/members`, { userIds: [b.id, a.id] });
    expect(added.body.memberCount).toBe(3);
    const removed = await t.request(admin, 'DELETE', `/api/teams/${id}/members/${a.id}`);
    expect(removed.body.memberCount).toBe(2);
    expect((await t.request(admin, 'DELETE', `/api/teams/${id}/members/${owner.id}`)).status).toBe(409);

    const mine = await t.request(admin, 'GET', `/api/teams?memberId=${b.id}`);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([id]);
    const search = await t.request(admin, 'GET', `/api/teams?q=crm`);
    expect(search.body.items.map((x: { id: string }) => x.id)).toEqual([id]);
    const audit = await t.services.audit.list({ action: 'team.', targetId: id, limit: 10 });
    expect(audit.items.map((e) => e.action).sort()).toEqual([
      'team.created',
      'team.members.added',
      'team.members.removed',
    ]);
  });

  it('refuses external users and unknown people as members', async () => {
    const ext = await t.buildUser({ kind: 'external' });
    const res = await t.request(admin, 'POST', '/api/teams', { name: '外部组', memberIds: [ext.id] });
    expect(res.status).toBe(400);
    expect((await t.request(admin, 'GET', '/api/teams?q=外部组')).body.items).toHaveLength(0);
  });

  it('lets a department head manage only teams of their own department', async () => {
    const mine = await t.buildDepartment({ name: '市场部' });
    const theirs = await t.buildDepartment({ name: '销售部' });
    const head = await t.buildUser({ roles: ['department_head'], department: mine });
    const as = await t.sessionFor(head);
    const ok = await t.request(as, 'POST', '/api/teams', {
      name: '大促推进组',
      kind: 'project',
      departmentId: mine.id,
    });
    expect(ok.status).toBe(201);
    const no = await t.request(as, 'POST', '/api/teams', { name: '越权组', departmentId: theirs.id });
    expect(no.status).toBe(403);
    const foreign = await t.request(admin, 'POST', '/api/teams', { name: '销售组', departmentId: theirs.id });
    expect((await t.request(as, 'PATCH', `/api/teams/${foreign.body.id}`, { name: '改名' })).status).toBe(
      403,
    );
    expect((await t.request(as, 'DELETE', `/api/teams/${ok.body.id}`)).status).toBe(204);
  });

  it('finds teams by pinyin and initials as well as by name', async () => {
    await t.request(admin, 'POST', '/api/teams', { name: '新闻发言组', kind: 'team' });
    for (const q of ['发言', 'xinwen', 'xwfyz', 'XinWen']) {
      const res = await t.request(admin, 'GET', `/api/teams?q=${encodeURIComponent(q)}`);
      expect(
        res.body.items.map((x: { name: string }) => x.name),
        q,
      ).toEqual(['新闻发言组']);
    }
  });

  it('still edits a team whose owner has left the company', async () => {
    const owner = await t.buildUser();
    const team = await t.request(admin, 'POST', '/api/teams', { name: '遗留组', ownerId: owner.id });
    await t.services.users.disable(t.adminCtx, owner.id);
    const res = await t.request(admin, 'PATCH', `/api/teams/${team.body.id}`, { description: '交接中' });
    expect(res.status).toBe(200);
  });
});
