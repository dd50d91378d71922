import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { readXlsx } from '../../../test/xlsx.ts';

let t: TestApp;
let admin: As;

beforeAll(async () => {
  t = await createTestApp();
  admin = t.adminSession;
});
afterAll(() => t.close());

describe('user administration', () => {
  it('creates a user with a generated temporary password, the employee role, and an audit entry', async () => {
    const dept = await t.buildDepartment({ name: '市场部' });
    const res = await t.request(admin, 'POST', '/api/users', {
      username: 'Chen.Jing',
      displayName: '陈静',
      email: 'chen.jing@example.cn',
      title: '品牌经理',
      departmentId: dept.id,
    });
    expect(res.status).toBe(201);
    expect(res.body.user.username).toBe('chen.jing');
    expect(res.body.user.department).toEqual({ id: dept.id, name: '市场部' });
    expect(res.body.user.roles.map((r: { key: string }) => r.key)).toEqual(['employee']);
    expect(res.body.temporaryPassword).toMatch(/^.{16}$/);
    const audit = await t.services.audit.list({
      action: 'user.created',
      targetId: res.body.user.id,
      limit: 5,
    });
    expect(audit.items).toHaveLength(1);
    expect(JSON.stringify(audit.items[0])).not.toContain(res.body.temporaryPassword);
  });

  it('refuses duplicate usernames, unknown fields, bad emails and unknown departments, writing nothing', async () => {
    await t.buildUser({ username: 'dup.user' });
    const before = await t.services.users.count();
    const dup = await t.request(admin, 'POST', '/api/users', { username: 'dup.user', displayName: '重复' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    const unknown = await t.request(admin, 'POST', '/api/users', {
      username: 'x.y',
      displayName: 'X',
      isAdmin: true,
    });
    expect(unknown.status).toBe(400);
    const email = await t.request(admin, 'POST', '/api/users', {
      username: 'x.z',
      displayName: 'X',
      email: 'nope',
    });
    expect(email.status).toBe(400);
    expect(email.body.error.details[0].path).toBe('body.email');
    const dept = await t.request(admin, 'POST', '/api/users', {
      username: 'x.w',
      displayName: 'X',
      departmentId: '01a1ffc7-0000-7000-8000-000000000000',
    });
    expect(dept.status).toBe(400);
    const tooLong = await t.request(admin, 'POST', '/api/users', {
      username: 'x.v',
      displayName: '名'.repeat(65),
    });
    expect(tooLong.status).toBe(400);
    expect(await t.services.users.count()).toBe(before);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    expect((await t.request(admin, 'GET', '/api/users/not-a-uuid')).status).toBe(400);
    const missing = await t.request(admin, 'GET', '/api/users/01a1ffc7-0000-7000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('finds people by Chinese name, pinyin and initials, and sorts by pinyin', async () => {
    const dept = await t.buildDepartment({ name: '拼音测试部' });
    // Fixed usernames: a random one could contain "zw" and match the initials search.
    for (const [i, name] of ['赵六', '张伟', '阿明', '曾国藩'].entries())
      await t.buildUser({ username: `pinyin.case${i}`, displayName: name, department: dept });
    const q = async (query: string) =>
      (await t.request(admin, 'GET', `/api/users?departmentId=${dept.id}&${query}`)).body.items.map(
        (u: { displayName: string }) => u.displayName,
      );
    expect(await q('q=%E5%BC%A0')).toEqual(['张伟']); // 张
    expect(await q('q=zhangwei')).toEqual(['张伟']);
    expect(await q('q=Zhang%20Wei')).toEqual(['张伟']);
    expect(await q('q=zw')).toEqual(['张伟']);
    expect(await q('q=100%25')).toEqual([]); // % is taken literally
    expect(await q('sort=name')).toEqual(['阿明', '曾国藩', '张伟', '赵六']);
    expect(await q('sort=name&order=desc')).toEqual(['赵六', '张伟', '曾国藩', '阿明']);
  });

  it('pages with a total', async () => {
    const dept = await t.buildDepartment();
    for (let i = 0; i < 5; i++) await t.buildUser({ department: dept });
    const page = await t.request(admin, 'GET', `/api/users?departmentId=${dept.id}&pageSize=2&page=3`);
    expect(page.body.total).toBe(5);
    expect(page.body.items).toHaveLength(1);
    expect((await t.request(admin, 'GET', '/api/users?pageSize=1000')).status).toBe(400);
  });

  it('disables an account: sessions end at once, the person stays in history', async () => {
    const user = await t.buildUser();
    const as = await t.sessionFor(user);
    expect((await t.request(admin, 'DELETE', `/api/users/${user.id}`)).status).toBe(204);
    expect((await t.request(as, 'GET', '/api/auth/me')).status).toBe(401);
    const after = await t.request(admin, 'GET', `/api/users/${user.id}`);
    expect(after.body.status).toBe('disabled');
    const audit = await t.services.audit.list({ action: 'user.disabled', targetId: user.id, limit: 5 });
    expect(audit.items[0]?.summary.status).toEqual({ from: 'active', to: 'disabled' });
  });

  it('never lets the last administrator be disabled or lose the role, nor anyone disable themselves', async () => {
    const self = await t.request(admin, 'DELETE', `/api/users/${t.admin.id}`);
    expect(self.status).toBe(409);
    const roles = await t.request(admin, 'PUT', `/api/users/${t.admin.id}/roles`, { roleIds: [] });
    expect(roles.status).toBe(409);
    expect((await t.request(admin, 'GET', '/api/auth/me')).body.grants['role.manage']).toBe('all');
  });
});

describe('export', () => {
  it('exports the filtered list as an Excel workbook in the reader’s language, and audits it', async () => {
    const dept = await t.buildDepartment({ name: '导出部' });
    await t.buildUser({ displayName: '王芳', department: dept });
    await t.buildUser({ displayName: '=HYPERLINK("http://evil")', department: dept });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/users/export?departmentId=${dept.id}`,
      headers: { cookie: `liaison_session=${admin?.kind === 'session' ? admin.token : ''}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('用户')}`);
    const { sheet, rows, worksheet } = await readXlsx(res.rawPayload);
    expect(sheet).toBe('用户');
    expect(rows[0]?.slice(0, 3)).toEqual(['姓名', '用户名', '部门']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['=HYPERLINK("http://evil")', '王芳']);
    expect(rows[1]?.[2]).toBe('导出部');
    // 创建时间 is a real date: a number with a date-time format, at Shanghai wall-clock time.
    expect(rows[0]?.[11]).toBe('创建时间');
    const created = worksheet.getCell('L3');
    expect(created.type).toBe(ExcelJS.ValueType.Date);
    expect(created.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    const wang = (
      await t.request(admin, 'GET', `/api/users?departmentId=${dept.id}&q=${encodeURIComponent('王芳')}`)
    ).body.items[0];
    const shanghai = new Date(new Date(wang.createdAt).getTime() + 8 * 3_600_000);
    expect((created.value as Date).toISOString().slice(0, 19)).toBe(shanghai.toISOString().slice(0, 19));
    // Sized to content: the 部门 column fits 导出部 and its header, not a fixed width.
    expect(worksheet.getColumn(3).width).toBeLessThan(14);
    const audit = await t.services.audit.list({ action: 'user.exported', limit: 1 });
    expect(audit.items[0]?.summary).toMatchObject({ rows: 2, total: 2, filters: { departmentId: dept.id } });
  });
});

describe('data scope', () => {
  it('shows a department head only the people of their department and its sub-departments', async () => {
    const it = await t.buildDepartment({ name: '信息部' });
    const dev = await t.buildDepartment({ name: '开发组', parent: it });
    const sales = await t.buildDepartment({ name: '销售部' });
    const head = await t.buildUser({ roles: ['department_head'], department: it });
    const dev1 = await t.buildUser({ department: dev });
    const seller = await t.buildUser({ department: sales });
    const as = await t.sessionFor(head);

    const listed = await t.request(as, 'GET', '/api/users?pageSize=200');
    const ids = listed.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([head.id, dev1.id]));
    expect(ids).not.toContain(seller.id);
    expect(listed.body.total).toBe(2);
    expect((await t.request(as, 'GET', `/api/users/${dev1.id}`)).status).toBe(200);
    expect((await t.request(as, 'GET', `/api/users/${seller.id}`)).status).toBe(404);
  });

  it('keeps personal fields to HR, administrators and the person, encrypted at rest, and audits every view', async () => {
    const dept = await t.buildDepartment();
    const person = await t.buildUser({ department: dept });
    const hr = await t.buildUser({ roles: ['hr'], department: dept });
    const head = await t.buildUser({ roles: ['department_head'], department: dept });
    const hrAs = await t.sessionFor(hr);
    const written = await t.request(hrAs, 'PATCH', `/api/users/${person.id}/personal`, {
      mobile: '13800138000',
      address: '上海市黄浦区南京东路1号',
      idNumber: '11010519491231002x',
    });
    expect(written.status).toBe(200);
    expect(written.body.idNumber).toBe('11010519491231002X');

    const raw = await t.database.db
      .selectFrom('user_personal')
      .selectAll()
      .where('user_id', '=', person.id)
      .execute();
    expect(JSON.stringify(raw)).not.toContain('13800138000');
    expect(JSON.stringify(raw)).not.toContain('南京东路');

    expect((await t.request(hrAs, 'GET', `/api/users/${person.id}/personal`)).body.mobile).toBe(
      '13800138000',
    );
    expect(
      (await t.request(await t.sessionFor(head), 'GET', `/api/users/${person.id}/personal`)).status,
    ).toBe(403);
    const own = await t.request(await t.sessionFor(person), 'GET', '/api/profile');
    expect(own.body.personal.address).toBe('上海市黄浦区南京东路1号');
    expect((await t.request(await t.sessionFor(person), 'GET', `/api/users/${person.id}`)).status).toBe(403);

    const views = await t.services.audit.list({
      action: 'user.personal.viewed',
      targetId: person.id,
      limit: 5,
    });
    expect(views.items.map((v) => v.actor.id)).toContain(hr.id);
    const updates = await t.services.audit.list({
      action: 'user.personal.updated',
      targetId: person.id,
      limit: 5,
    });
    expect(JSON.stringify(updates.items)).not.toContain('13800138000');
  });

  it('stops HR from taking over an account that holds more than HR does', async () => {
    const hr = await t.buildUser({ roles: ['hr'] });
    const as = await t.sessionFor(hr);
    const reset = await t.request(as, 'POST', `/api/users/${t.admin.id}/reset-password`);
    expect(reset.status).toBe(403);
    const edit = await t.request(as, 'PATCH', `/api/users/${t.admin.id}`, { email: 'evil@example.cn' });
    expect(edit.status).toBe(403);
    const plain = await t.buildUser();
    expect((await t.request(as, 'PATCH', `/api/users/${plain.id}`, { title: '专员' })).status).toBe(200);
  });
});

describe('role assignment', () => {
  it('replaces roles, audits the change as a permission change, and refuses unknown roles', async () => {
    const user = await t.buildUser();
    const roles = (await t.request(admin, 'GET', '/api/roles')).body.items as { id: string; key: string }[];
    const id = (key: string) => roles.find((r) => r.key === key)!.id;
    const res = await t.request(admin, 'PUT', `/api/users/${user.id}/roles`, {
      roleIds: [id('employee'), id('compliance_officer')],
    });
    expect(res.status).toBe(200);
    expect(res.body.roles.map((r: { key: string }) => r.key).sort()).toEqual([
      'compliance_officer',
      'employee',
    ]);
    const audit = await t.services.audit.list({ action: 'user.roles.changed', targetId: user.id, limit: 5 });
    expect(audit.items[0]?.summary).toEqual({ added: ['compliance_officer'], removed: [] });
    const grants = (await t.request(await t.sessionFor(user), 'GET', '/api/auth/me')).body.grants;
    expect(grants['audit.read']).toBe('all');

    const bad = await t.request(admin, 'PUT', `/api/users/${user.id}/roles`, {
      roleIds: ['01a1ffc7-0000-7000-8000-000000000000'],
    });
    expect(bad.status).toBe(400);
  });

  it('keeps external users to roles without internal permissions', async () => {
    const ext = await t.buildUser({ kind: 'external' });
    const roles = (await t.request(admin, 'GET', '/api/roles')).body.items as { id: string; key: string }[];
    const res = await t.request(admin, 'PUT', `/api/users/${ext.id}/roles`, {
      roleIds: [roles.find((r) => r.key === 'hr')!.id],
    });
    expect(res.status).toBe(400);
    const me = await t.request(await t.sessionFor(ext), 'GET', '/api/departments');
    expect(me.status).toBe(403);
  });

  describe('races and edge cases', () => {
    it('answers 409, not 500, when two requests create the same username at once', async () => {
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          t.request(admin, 'POST', '/api/users', { username: 'same.time', displayName: '同时' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    });

    it('sorts people who never signed in last, in either direction', async () => {
      const dept = await t.buildDepartment();
      const seen = await t.buildUser({ displayName: '登录过', department: dept });
      await t.buildUser({ displayName: '没登录', department: dept });
      await t.services.users.touchLogin(t.database.db, seen.id, new Date().toISOString());
      for (const order of ['asc', 'desc']) {
        const res = await t.request(
          admin,
          'GET',
          `/api/users?departmentId=${dept.id}&sort=lastLoginAt&order=${order}`,
        );
        expect(res.body.items.map((u: { displayName: string }) => u.displayName)).toEqual([
          '登录过',
          '没登录',
        ]);
      }
    });

    it('counts an edit of personal data that changed nothing as a look at it', async () => {
      const person = await t.buildUser();
      const hr = await t.buildUser({ roles: ['hr'] });
      await t.request(await t.sessionFor(hr), 'PATCH', `/api/users/${person.id}/personal`, {});
      const views = await t.services.audit.list({
        action: 'user.personal.viewed',
        targetId: person.id,
        limit: 5,
      });
      expect(views.items.map((v) => v.actor.id)).toEqual([hr.id]);
    });
  });
});
