import type { Department, User } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { buildChannel, buildMessage } from '../../../test/factories/messaging.ts';

let t: TestApp;
let admin: As;
let market: Department;
let marketSub: Department;
let sales: Department;
let head: User;
let staff: User;
let subStaff: User;
let seller: User;

beforeAll(async () => {
  t = await createTestApp();
  admin = t.adminSession;
  market = await t.buildDepartment({ name: '市场部' });
  marketSub = await t.buildDepartment({ name: '品牌组', parent: market });
  sales = await t.buildDepartment({ name: '销售部' });
  head = await t.buildUser({ displayName: '刘洋', roles: ['department_head'], department: market });
  staff = await t.buildUser({ displayName: '杨帆', department: market });
  subStaff = await t.buildUser({ displayName: '陈静', department: marketSub });
  seller = await t.buildUser({ displayName: '黄丽', roles: ['liaison'], department: sales });
});
afterAll(() => t.close());

const names = async (as: As) =>
  ((await t.request(as, 'GET', '/api/channels')).body.items as { name: string }[]).map((c) => c.name);

describe('department channels', () => {
  it('follow the naming rule and explain it when a name breaks it', async () => {
    const headAs = await t.sessionFor(head);
    const bad = await t.request(headAs, 'POST', '/api/channels', {
      kind: 'department',
      name: '随便聊聊',
      departmentId: market.id,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('{department}-*');
    expect(bad.body.error.message).toContain('市场部-日常工作群');
    const ok = await t.request(headAs, 'POST', '/api/channels', {
      kind: 'department',
      name: '市场部-日常工作群',
      departmentId: market.id,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      kind: 'department',
      owner: { id: head.id },
      canManage: true,
      canPost: true,
    });
  });

  it('are only created by managers whose scope covers the department', async () => {
    const headAs = await t.sessionFor(head);
    const other = await t.request(headAs, 'POST', '/api/channels', {
      kind: 'department',
      name: '销售部-日常工作群',
      departmentId: sales.id,
    });
    expect(other.status).toBe(403);
    const employee = await t.request(await t.sessionFor(staff), 'POST', '/api/channels', {
      kind: 'department',
      name: '市场部-闲聊群',
      departmentId: market.id,
    });
    expect(employee.status).toBe(403);
  });

  it('include everyone in the department subtree, and follow people who move', async () => {
    const channel = await buildChannel(t, { kind: 'department', by: head, department: market });
    const mover = await t.buildUser({ displayName: '周杰', department: marketSub });
    expect(await names(await t.sessionFor(subStaff))).toContain(channel.name);
    expect(await names(await t.sessionFor(seller))).not.toContain(channel.name);
    const moverAs = await t.sessionFor(mover);
    expect(await names(moverAs)).toContain(channel.name);
    await t.request(admin, 'PATCH', `/api/users/${mover.id}`, { departmentId: sales.id });
    expect(await names(moverAs)).not.toContain(channel.name);
    expect((await t.request(moverAs, 'GET', `/api/channels/${channel.id}`)).status).toBe(403);
    const headAs = await t.sessionFor(head);
    const members = await t.request(headAs, 'GET', `/api/channels/${channel.id}/members`);
    expect(members.body.items.map((m: { user: { id: string } }) => m.user.id).sort()).toEqual(
      [head.id, staff.id, subStaff.id].sort(),
    );
    expect((await t.request(headAs, 'GET', `/api/channels/${channel.id}`)).body.memberCount).toBe(3);
  });

  it('cannot take members by hand: they follow the organisation', async () => {
    const channel = await buildChannel(t, { kind: 'department', by: head, department: market });
    const res = await t.request(await t.sessionFor(head), 'POST', `/api/channels/${channel.id}/members`, {
      userIds: [seller.id],
    });
    expect(res.status).toBe(409);
  });
});

describe('all-hands, team and direct channels', () => {
  it('lets every employee read the all-hands group but only broadcasters post', async () => {
    const { id } = await buildChannel(t, { kind: 'all_hands', name: '华联科技全员群' });
    const staffAs = await t.sessionFor(staff);
    const seen = await t.request(staffAs, 'GET', `/api/channels/${id}`);
    expect(seen.body).toMatchObject({ isMember: true, canPost: false });
    expect(
      (await t.request(staffAs, 'POST', `/api/channels/${id}/messages`, { body: '大家好' })).status,
    ).toBe(403);
    const hr = await t.buildUser({ roles: ['hr'] });
    expect(
      (
        await t.request(await t.sessionFor(hr), 'POST', `/api/channels/${id}/messages`, {
          body: '【通知】周五消防演练',
        })
      ).status,
    ).toBe(201);
  });

  it('lets a team owner open the team channel, which follows the team', async () => {
    const team = await t.services.teams.create(t.adminCtx, {
      name: '大促推进组',
      kind: 'project',
      ownerId: staff.id,
      memberIds: [seller.id],
    });
    const channel = await buildChannel(t, { kind: 'team', by: staff, team });
    expect(channel.canManage).toBe(true);
    expect(await names(await t.sessionFor(seller))).toContain(channel.name);
    await t.services.teams.removeMember(t.adminCtx, team.id, seller.id);
    expect(await names(await t.sessionFor(seller))).not.toContain(channel.name);
  });

  it('opens one 1:1 conversation per pair, named after the other person', async () => {
    // People of their own, so no earlier conversation between them exists.
    const yang = await t.buildUser({ displayName: '杨帆', department: market });
    const huang = await t.buildUser({ displayName: '黄丽', department: sales });
    const staffAs = await t.sessionFor(yang);
    const first = await t.request(staffAs, 'POST', '/api/channels', {
      kind: 'direct',
      memberIds: [huang.id],
    });
    const again = await t.request(await t.sessionFor(huang), 'POST', '/api/channels', {
      kind: 'direct',
      memberIds: [yang.id],
    });
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body.name).toBe('黄丽');
    expect(again.body.name).toBe('杨帆');
    const outsider = await t.request(await t.sessionFor(head), 'GET', `/api/channels/${first.body.id}`);
    expect(outsider.status).toBe(403);
    const group = await buildChannel(t, { kind: 'direct', by: yang, members: [huang, head] });
    expect(group.memberCount).toBe(3);
    expect(
      (await t.request(staffAs, 'POST', `/api/channels/${group.id}/members`, { userIds: [subStaff.id] }))
        .status,
    ).toBe(200);
  });
});

describe('external channels', () => {
  it('are shared with one counterparty only, and its contacts see nothing else', async () => {
    const xinghe = await t.buildCounterparty('星河零售集团');
    const hengtong = await t.buildCounterparty('恒通物流');
    const deng = await t.buildUser({ displayName: '邓建国', kind: 'external', counterparty: xinghe });
    const cao = await t.buildUser({ displayName: '曹颖', kind: 'external', counterparty: hengtong });
    const sellerAs = await t.sessionFor(seller);
    const wrongName = await t.request(sellerAs, 'POST', '/api/channels', {
      kind: 'external',
      name: '项目群',
      counterpartyId: xinghe.id,
    });
    expect(wrongName.status).toBe(400);
    const wrongContact = await t.request(sellerAs, 'POST', '/api/channels', {
      kind: 'external',
      name: '星河零售集团-项目沟通群',
      counterpartyId: xinghe.id,
      memberIds: [cao.id],
    });
    expect(wrongContact.status).toBe(400);
    const created = await t.request(sellerAs, 'POST', '/api/channels', {
      kind: 'external',
      name: '星河零售集团-项目沟通群',
      counterpartyId: xinghe.id,
      memberIds: [deng.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.counterparty.name).toBe('星河零售集团');

    const dengAs = await t.sessionFor(deng);
    expect(await names(dengAs)).toEqual(['星河零售集团-项目沟通群']);
    expect(
      (
        await t.request(dengAs, 'POST', `/api/channels/${created.body.id}/messages`, {
          body: '您好，收到方案了',
        })
      ).status,
    ).toBe(201);
    expect((await t.request(dengAs, 'GET', '/api/departments')).status).toBe(403);
    expect((await t.request(dengAs, 'GET', '/api/users')).status).toBe(403);
    expect(
      (await t.request(dengAs, 'POST', '/api/channels', { kind: 'direct', memberIds: [seller.id] })).status,
    ).toBe(403);
    expect(
      (await t.request(sellerAs, 'POST', `/api/channels/${created.body.id}/members`, { userIds: [cao.id] }))
        .status,
    ).toBe(400);
    const employee = await t.request(await t.sessionFor(staff), 'POST', '/api/channels', {
      kind: 'external',
      name: '星河零售集团-私建群',
      counterpartyId: xinghe.id,
    });
    expect(employee.status).toBe(403);
  });
});

describe('archiving and naming rules', () => {
  it('archives a channel (no more posts) and brings it back', async () => {
    const staffAs = await t.sessionFor(staff);
    const group = await buildChannel(t, { kind: 'direct', by: staff, members: [seller, subStaff] });
    const id = group.id;
    expect(
      (await t.request(await t.sessionFor(seller), 'POST', `/api/channels/${id}/archive`, { archived: true }))
        .status,
    ).toBe(403);
    expect(
      (await t.request(staffAs, 'POST', `/api/channels/${id}/archive`, { archived: true })).body.archivedAt,
    ).not.toBeNull();
    const post = await t.request(staffAs, 'POST', `/api/channels/${id}/messages`, { body: '还在吗' });
    expect(post.status).toBe(409);
    const rename = await t.request(staffAs, 'PATCH', `/api/channels/${id}`, { topic: '已归档' });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('conflict');
    expect(await names(staffAs)).not.toContain(group.name);
    await t.request(staffAs, 'POST', `/api/channels/${id}/archive`, { archived: false });
    expect(
      (await t.request(staffAs, 'POST', `/api/channels/${id}/messages`, { body: '还在吗' })).status,
    ).toBe(201);
    const audit = await t.services.audit.list({ action: 'channel.', targetId: id, limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual([
      'channel.unarchived',
      'channel.archived',
      'channel.created',
    ]);
  });

  it('lets administrators set naming rules, refusing unknown placeholders', async () => {
    const bad = await t.request(admin, 'PUT', '/api/channels/naming-rules', { team: '{department}-推进群' });
    expect(bad.status).toBe(400);
    try {
      const ok = await t.request(admin, 'PUT', '/api/channels/naming-rules', {
        department: '{department}-日常工作群',
      });
      expect(ok.body.department).toBe('{department}-日常工作群');
      const headAs = await t.sessionFor(head);
      const refused = await t.request(headAs, 'POST', '/api/channels', {
        kind: 'department',
        name: '市场部-活动群',
        departmentId: market.id,
      });
      expect(refused.status).toBe(400);
      expect((await t.request(headAs, 'PUT', '/api/channels/naming-rules', { department: '*' })).status).toBe(
        403,
      );
    } finally {
      // The other tests name their groups by the default rule, whatever happened here.
      await t.request(admin, 'PUT', '/api/channels/naming-rules', { department: '{department}-*' });
    }
  });
});

describe('read state', () => {
  it('counts unread messages and mentions until the reader marks the channel read', async () => {
    const channel = await buildChannel(t, { kind: 'department', by: head, department: market });
    await buildMessage(t, { channel, by: head, body: '今天下午开会' });
    await buildMessage(t, { channel, by: head, body: `@${staff.username} 请准备材料` });
    const staffAs = await t.sessionFor(staff);
    const before = (await t.request(staffAs, 'GET', `/api/channels/${channel.id}`)).body;
    expect(before.unreadCount).toBe(2);
    expect(before.mentionCount).toBe(1);
    const own = (await t.request(await t.sessionFor(head), 'GET', `/api/channels/${channel.id}`)).body;
    expect(own.unreadCount).toBe(0);
    const read = await t.request(staffAs, 'POST', `/api/channels/${channel.id}/read`, {});
    expect(read.body.lastReadSeq).toBe(before.lastMessageSeq);
    const after = (await t.request(staffAs, 'GET', `/api/channels/${channel.id}`)).body;
    expect(after).toMatchObject({ unreadCount: 0, mentionCount: 0 });
  });
});

describe('leaving', () => {
  it('takes a department channel away from its former owner once they are no longer in the department', async () => {
    const dept = await t.buildDepartment({ name: '行政部' });
    const former = await t.buildUser({ displayName: '胡斌', roles: ['department_head'], department: dept });
    const next = await t.buildUser({ displayName: '郭婷', department: dept });
    const created = await buildChannel(t, { kind: 'department', by: former, department: dept });
    await t.services.channels.update(t.adminCtx, created.id, { ownerId: next.id });
    await t.request(admin, 'PATCH', `/api/users/${former.id}`, { departmentId: sales.id });
    const formerAs = await t.sessionFor(former);
    expect((await t.request(formerAs, 'GET', `/api/channels/${created.id}`)).status).toBe(403);
    expect(await names(formerAs)).not.toContain(created.name);
    const members = await t.request(await t.sessionFor(next), 'GET', `/api/channels/${created.id}/members`);
    expect(
      members.body.items
        .filter((m: { role: string }) => m.role === 'owner')
        .map((m: { user: { id: string } }) => m.user.id),
    ).toEqual([next.id]);
  });

  it('takes an external channel away from a contact who moved to another organisation', async () => {
    const a = await t.buildCounterparty('甲公司');
    const b = await t.buildCounterparty('乙公司');
    const contact = await t.buildUser({ kind: 'external', counterparty: a });
    const channel = await buildChannel(t, {
      kind: 'external',
      by: seller,
      counterparty: a,
      members: [contact],
    });
    const contactAs = await t.sessionFor(contact);
    expect((await t.request(contactAs, 'GET', `/api/channels/${channel.id}`)).status).toBe(200);
    await t.request(admin, 'PATCH', `/api/users/${contact.id}`, { counterpartyId: b.id });
    expect((await t.request(contactAs, 'GET', `/api/channels/${channel.id}`)).status).toBe(403);
    expect(await names(contactAs)).toEqual([]);
    const members = await t.request(await t.sessionFor(seller), 'GET', `/api/channels/${channel.id}/members`);
    expect(members.body.items.map((m: { user: { id: string } }) => m.user.id)).not.toContain(contact.id);
  });

  it('archives the channel of a deleted team instead of failing', async () => {
    const team = await t.services.teams.create(t.adminCtx, {
      name: '临时项目组',
      kind: 'project',
      ownerId: staff.id,
    });
    const channel = await buildChannel(t, { kind: 'team', by: staff, team });
    expect((await t.request(admin, 'DELETE', `/api/teams/${team.id}`)).status).toBe(204);
    const after = await t.request(await t.sessionFor(staff), 'GET', `/api/channels/${channel.id}`);
    expect(after.body.archivedAt).not.toBeNull();
  });

  it('hands a group conversation on when its owner leaves, and keeps one-to-one conversations whole', async () => {
    const staffAs = await t.sessionFor(staff);
    const group = await buildChannel(t, { kind: 'direct', by: staff, members: [seller, head] });
    expect((await t.request(staffAs, 'DELETE', `/api/channels/${group.id}/members/${staff.id}`)).status).toBe(
      204,
    );
    const seen = await t.request(await t.sessionFor(seller), 'GET', `/api/channels/${group.id}`);
    expect(seen.body.owner.id).not.toBe(staff.id);
    const pair = await buildChannel(t, { kind: 'direct', by: staff, members: [subStaff] });
    expect((await t.request(staffAs, 'DELETE', `/api/channels/${pair.id}/members/${staff.id}`)).status).toBe(
      409,
    );
  });
});

describe('finding people and channels', () => {
  it('searches the directory by name, pinyin and initials, employees only', async () => {
    const staffAs = await t.sessionFor(staff);
    const res = await t.request(staffAs, 'GET', `/api/directory/people?q=${encodeURIComponent('ly')}`);
    expect(res.body.items.map((p: { displayName: string }) => p.displayName)).toContain('刘洋');
    const all = await t.request(staffAs, 'GET', '/api/directory/people?limit=100');
    expect(all.body.items.every((p: { kind: string }) => p.kind === 'employee')).toBe(true);
    expect(JSON.stringify(all.body)).not.toContain('mobile');
    const cp = await t.buildCounterparty('丙公司');
    const contact = await t.buildUser({ kind: 'external', counterparty: cp });
    expect((await t.request(await t.sessionFor(contact), 'GET', '/api/directory/people')).status).toBe(403);
    const contacts = await t.request(
      await t.sessionFor(seller),
      'GET',
      `/api/counterparties/${cp.id}/contacts`,
    );
    expect(contacts.body.items.map((p: { id: string }) => p.id)).toEqual([contact.id]);
  });

  it('lists every channel for compliance officers only', async () => {
    const officer = await t.buildUser({ roles: ['compliance_officer'] });
    // Conversations the officer is not in, and one they are.
    const theirs = await buildChannel(t, { kind: 'direct', by: staff, members: [seller] });
    const others = await buildChannel(t, { kind: 'direct', by: head, members: [seller, subStaff] });
    const own = await buildChannel(t, { kind: 'direct', by: officer, members: [staff] });
    const all = await t.request(await t.sessionFor(officer), 'GET', '/api/channels?scope=all');
    const listed = new Map(
      (all.body.items as { id: string; isMember: boolean }[]).map((c) => [c.id, c.isMember]),
    );
    expect(listed.get(theirs.id)).toBe(false);
    expect(listed.get(others.id)).toBe(false);
    expect(listed.get(own.id)).toBe(true);
    expect((await t.request(await t.sessionFor(staff), 'GET', '/api/channels?scope=all')).status).toBe(403);
  });

  it('marks one-to-one conversations, where nobody moderates the other', async () => {
    const pair = await buildChannel(t, { kind: 'direct', by: head, members: [staff] });
    expect(pair).toMatchObject({ oneToOne: true, canManage: false, owner: null });
    const members = await t.request(await t.sessionFor(staff), 'GET', `/api/channels/${pair.id}/members`);
    expect(members.body.items.map((m: { role: string }) => m.role)).toEqual(['member', 'member']);
    // Members carry what a colleague needs to recognise them: their department.
    expect(members.body.items).toContainEqual(
      expect.objectContaining({ user: expect.objectContaining({ id: head.id }), organisation: '市场部' }),
    );
  });
});
