import type { Department, User } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;
let marketing: Department;
let sales: Department;
let head: User; // 市场部 head
let staff: User; // 市场部 employee
let peer: User; // 市场部 employee
let seller: User; // 销售部 employee
let salesHead: User;
let headAs: As;
let staffAs: As;
let peerAs: As;
let sellerAs: As;
let salesHeadAs: As;
let teamId: string;

beforeAll(async () => {
  t = await createTestApp({ session: { idleMinutes: 43_200, maxHours: 8_760 } });
  t.clock.set(sh('2026-11-23T09:00'));
  marketing = await t.buildDepartment({ name: '市场部' });
  sales = await t.buildDepartment({ name: '销售部' });
  head = await t.buildUser({
    username: 'liu.yang',
    displayName: '刘洋',
    department: marketing,
    roles: ['department_head'],
  });
  staff = await t.buildUser({ username: 'yang.fan', displayName: '杨帆', department: marketing });
  peer = await t.buildUser({ username: 'chen.jing', displayName: '陈静', department: marketing });
  seller = await t.buildUser({ username: 'wu.min', displayName: '吴敏', department: sales });
  salesHead = await t.buildUser({
    username: 'zhao.lei',
    displayName: '赵磊',
    department: sales,
    roles: ['department_head'],
  });
  headAs = await t.sessionFor(head);
  staffAs = await t.sessionFor(staff);
  peerAs = await t.sessionFor(peer);
  sellerAs = await t.sessionFor(seller);
  salesHeadAs = await t.sessionFor(salesHead);
  const team = await t.services.teams.create(t.adminCtx, {
    name: '年中大促推进组',
    kind: 'project',
    departmentId: marketing.id,
    ownerId: head.id,
    memberIds: [staff.id, peer.id, seller.id],
  } as never);
  teamId = team.id;
});

afterAll(() => t.close());

describe('creating and finding tasks', () => {
  let taskId: string;

  it('assigns a task to a colleague with a checklist, collaborators and a deadline', async () => {
    const res = await t.request(headAs, 'POST', '/api/tasks', {
      title: '准备双十二活动方案',
      description: '包括预算、渠道和时间表',
      assigneeId: staff.id,
      collaboratorIds: [peer.id],
      dueAt: sh('2026-11-25T18:00'),
      priority: 'high',
      checklist: [{ text: '预算表' }, { text: '渠道清单' }],
      nextStep: '周二前与销售部对齐',
    });
    expect(res.status).toBe(201);
    taskId = res.body.id;
    expect(res.body).toMatchObject({
      number: 1,
      status: 'todo',
      priority: 'high',
      assignee: { username: 'yang.fan' },
      department: { name: '市场部' },
      collaborators: [{ username: 'chen.jing' }],
      overdue: false,
      can: { edit: true, reply: true, changeStatus: true },
    });
    expect(res.body.checklist.map((c: { text: string }) => c.text)).toEqual(['预算表', '渠道清单']);
  });

  it('shows it to the assignee and the collaborator, to the department head, and to nobody else', async () => {
    const mine = await t.request(staffAs, 'GET', '/api/tasks?view=mine');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([taskId]);
    expect(mine.body.items[0].can).toEqual({ edit: false, reply: true, changeStatus: true });
    expect((await t.request(peerAs, 'GET', '/api/tasks?view=mine')).body.total).toBe(1);
    expect((await t.request(headAs, 'GET', '/api/tasks?view=created')).body.total).toBe(1);
    expect((await t.request(headAs, 'GET', '/api/tasks?view=department')).body.total).toBe(1);
    expect((await t.request(salesHeadAs, 'GET', '/api/tasks?view=department')).body.total).toBe(0);
    expect((await t.request(sellerAs, 'GET', `/api/tasks/${taskId}`)).status).toBe(404);
    expect((await t.request(staffAs, 'GET', '/api/tasks?view=department')).status).toBe(403);
  });

  it('filters by status, priority and text, and sorts by priority', async () => {
    await t.request(headAs, 'POST', '/api/tasks', {
      title: '更新品牌手册',
      assigneeId: staff.id,
      priority: 'low',
    });
    await t.request(headAs, 'POST', '/api/tasks', {
      title: '媒体邀约',
      assigneeId: staff.id,
      priority: 'urgent',
    });
    const byPriority = await t.request(staffAs, 'GET', '/api/tasks?view=mine&sort=priority');
    expect(byPriority.body.items.map((x: { priority: string }) => x.priority)).toEqual([
      'urgent',
      'high',
      'low',
    ]);
    const text = await t.request(staffAs, 'GET', `/api/tasks?view=mine&q=${encodeURIComponent('品牌')}`);
    expect(text.body.items.map((x: { title: string }) => x.title)).toEqual(['更新品牌手册']);
    const urgent = await t.request(staffAs, 'GET', '/api/tasks?view=mine&priority=urgent,high');
    expect(urgent.body.total).toBe(2);
  });

  it('lets the assignee move it across the board and reply with progress and a file', async () => {
    const moved = await t.request(staffAs, 'PATCH', `/api/tasks/${taskId}`, { status: 'in_progress' });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('in_progress');
    // The assignee may not retitle or reassign it.
    expect((await t.request(staffAs, 'PATCH', `/api/tasks/${taskId}`, { title: '改名' })).status).toBe(403);

    const form = new FormData();
    form.append('file', new Blob(['预算：10万元\n']), '预算.txt');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const upload = await t.request(
      staffAs,
      'POST',
      `/api/tasks/${taskId}/files`,
      Buffer.from(await req.arrayBuffer()) as never,
      { 'content-type': req.headers.get('content-type')! },
    );
    expect(upload.status).toBe(201);
    const reply = await t.request(staffAs, 'POST', `/api/tasks/${taskId}/replies`, {
      body: '预算表已完成，见附件',
      status: 'blocked',
      nextStep: '等待销售部提供渠道数据',
      fileIds: [upload.body.id],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      statusChange: { from: 'in_progress', to: 'blocked' },
      nextStep: '等待销售部提供渠道数据',
      files: [{ fileName: '预算.txt' }],
    });
    // A file can be used once, and only by its uploader.
    const again = await t.request(peerAs, 'POST', `/api/tasks/${taskId}/replies`, {
      body: 'x',
      fileIds: [upload.body.id],
    });
    expect(again.status).toBe(400);
    const detail = await t.request(headAs, 'GET', `/api/tasks/${taskId}`);
    expect(detail.body.status).toBe('blocked');
    expect(detail.body.replyCount).toBe(1);
    expect(detail.body.nextStep).toBe('等待销售部提供渠道数据');
    const file = await t.request(headAs, 'GET', `/api/tasks/${taskId}/files/${upload.body.id}`);
    expect(file.status).toBe(200);
    expect(file.text).toContain('预算');
    // The creator and the collaborator heard about it; the author did not.
    const kinds = async (as: As) =>
      (await t.request(as, 'GET', '/api/notifications?pageSize=50')).body.items.map(
        (n: { kind: string }) => n.kind,
      );
    expect(await kinds(headAs)).toContain('task.replied');
    expect(await kinds(peerAs)).toContain('task.replied');
    expect(await kinds(staffAs)).not.toContain('task.replied');
  });
});

describe('assignment rules and bad input', () => {
  it('refuses a due date in the past, an unknown team and an unknown person with 400, changing nothing', async () => {
    const before = (await t.request(headAs, 'GET', '/api/tasks?view=created')).body.total;
    const past = await t.request(headAs, 'POST', '/api/tasks', {
      title: 'x',
      assigneeId: staff.id,
      dueAt: sh('2026-11-01T09:00'),
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([expect.objectContaining({ path: 'dueAt' })]);
    const team = await t.request(headAs, 'POST', '/api/tasks', {
      title: 'x',
      teamId: '0190f0f0-0000-7000-8000-000000000000',
    });
    expect(team.status).toBe(400);
    const nobody = await t.request(headAs, 'POST', '/api/tasks', { title: 'x' });
    expect(nobody.status).toBe(400);
    expect((await t.request(headAs, 'GET', '/api/tasks?view=created')).body.total).toBe(before);
  });

  it('refuses an assignee outside the caller’s scope with 403', async () => {
    // An employee may assign to their own department and their team-mates, not to another department.
    const outside = await t.request(staffAs, 'POST', '/api/tasks', {
      title: '跨部门',
      assigneeId: salesHead.id,
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('forbidden');
    const colleague = await t.request(staffAs, 'POST', '/api/tasks', {
      title: '同部门',
      assigneeId: peer.id,
    });
    expect(colleague.status).toBe(201);
    const teamMate = await t.request(staffAs, 'POST', '/api/tasks', {
      title: '同项目组',
      assigneeId: seller.id,
    });
    expect(teamMate.status).toBe(201);
    // The sales head's scope is sales, not marketing.
    expect(
      (await t.request(salesHeadAs, 'POST', '/api/tasks', { title: 'x', assigneeId: staff.id })).status,
    ).toBe(403);
  });

  it('gives a team task to every member and shows it on the team board', async () => {
    const res = await t.request(headAs, 'POST', '/api/tasks', {
      title: '大促复盘会',
      teamId,
      dueAt: sh('2026-11-27T18:00'),
    });
    expect(res.status).toBe(201);
    expect(res.body.team.name).toBe('年中大促推进组');
    const board = await t.request(sellerAs, 'GET', `/api/tasks?view=team&teamId=${teamId}&pageSize=200`);
    expect(board.body.items.map((x: { title: string }) => x.title)).toContain('大促复盘会');
    expect((await t.request(salesHeadAs, 'GET', `/api/tasks?view=team&teamId=${teamId}`)).status).toBe(403);
  });
});

describe('reminders', () => {
  it('reminds of a deadline four working hours before, then of the overdue task, once each', async () => {
    t.clock.set(sh('2026-11-27T09:00')); // Friday
    const res = await t.request(headAs, 'POST', '/api/tasks', {
      title: '提交周报',
      assigneeId: staff.id,
      dueAt: sh('2026-11-30T11:00'), // Monday 11:00 → due soon from Friday 16:00
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id;
    const count = async (as: As, kind: string) =>
      (await t.request(as, 'GET', '/api/notifications?pageSize=100')).body.items.filter(
        (n: { kind: string; link: string }) => n.kind === kind && n.link === `/tasks/${id}`,
      ).length;
    t.clock.set(sh('2026-11-27T15:59'));
    await t.services.tasks.sweepReminders();
    expect(await count(staffAs, 'task.due_soon')).toBe(0);
    t.clock.set(sh('2026-11-27T16:00'));
    await t.services.tasks.sweepReminders();
    await t.services.tasks.sweepReminders();
    expect(await count(staffAs, 'task.due_soon')).toBe(1);
    t.clock.set(sh('2026-11-30T11:00'));
    await t.services.tasks.sweepReminders();
    expect(await count(staffAs, 'task.overdue')).toBe(1);
    expect(await count(headAs, 'task.overdue')).toBe(1);
    t.clock.set(sh('2026-12-15T11:00'));
    await t.services.tasks.sweepReminders();
    expect(await count(staffAs, 'task.overdue')).toBe(1);
    const overdue = await t.request(staffAs, 'GET', '/api/tasks?view=mine&overdue=true&pageSize=100');
    expect(overdue.body.items.map((x: { id: string }) => x.id)).toContain(id);
    // Finishing it stops everything.
    await t.request(staffAs, 'PATCH', `/api/tasks/${id}`, { status: 'done' });
    const done = await t.request(staffAs, 'GET', `/api/tasks/${id}`);
    expect(done.body.overdue).toBe(false);
    expect(done.body.completedAt).not.toBeNull();
  });
});
