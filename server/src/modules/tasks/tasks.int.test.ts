import type { Department, User } from '@liaison/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { buildTask, buildTeam } from '../../../test/factories/work.ts';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ session: { idleMinutes: 43_200, maxHours: 8_760 } });
});

afterAll(() => t.close());

beforeEach(() => {
  t.clock.set(sh('2026-11-23T09:00')); // Monday
});

/**
 * Each test gets its own two departments, people and project group, so it depends on no other
 * test's tasks: 市场部 (a head and two staff) and 销售部 (a head and a seller in the group).
 */
async function crew() {
  const marketing: Department = await t.buildDepartment({
    name: `市场部${Math.random().toString(36).slice(2, 6)}`,
  });
  const sales: Department = await t.buildDepartment();
  const head = await t.buildUser({ displayName: '刘洋', department: marketing, roles: ['department_head'] });
  const staff = await t.buildUser({ displayName: '杨帆', department: marketing });
  const peer = await t.buildUser({ displayName: '陈静', department: marketing });
  const seller = await t.buildUser({ displayName: '吴敏', department: sales });
  const salesHead = await t.buildUser({ displayName: '赵磊', department: sales, roles: ['department_head'] });
  const team = await buildTeam(t, {
    name: '年中大促推进组',
    kind: 'project',
    department: marketing,
    owner: head,
    members: [staff, peer, seller],
  });
  const as = async (user: User): Promise<As> => t.sessionFor(user);
  return {
    marketing,
    sales,
    head,
    staff,
    peer,
    seller,
    salesHead,
    team,
    headAs: await as(head),
    staffAs: await as(staff),
    peerAs: await as(peer),
    sellerAs: await as(seller),
    salesHeadAs: await as(salesHead),
  };
}

const ids = (body: { items: { id: string }[] }) => body.items.map((x) => x.id);

describe('creating and finding tasks', () => {
  it('assigns a task to a colleague with a checklist, collaborators and a deadline', async () => {
    const c = await crew();
    const res = await t.request(c.headAs, 'POST', '/api/tasks', {
      title: '准备双十二活动方案',
      description: '包括预算、渠道和时间表',
      assigneeId: c.staff.id,
      collaboratorIds: [c.peer.id],
      dueAt: sh('2026-11-25T18:00'),
      priority: 'high',
      checklist: [{ text: '预算表' }, { text: '渠道清单' }],
      nextStep: '周二前与销售部对齐',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'todo',
      priority: 'high',
      assignee: { username: c.staff.username },
      department: { name: c.marketing.name },
      collaborators: [{ username: c.peer.username }],
      overdue: false,
      can: { edit: true, reply: true, changeStatus: true },
    });
    expect(res.body.checklist.map((x: { text: string }) => x.text)).toEqual(['预算表', '渠道清单']);
    // Numbers count up, one per task.
    const next = await buildTask(t, { by: c.head, assignee: c.staff });
    expect(next.number).toBe(res.body.number + 1);
  });

  it('shows it to the assignee and the collaborator, to the department head, and to nobody else', async () => {
    const c = await crew();
    const task = await buildTask(t, { by: c.head, assignee: c.staff, collaborators: [c.peer] });
    const mine = await t.request(c.staffAs, 'GET', '/api/tasks?view=mine');
    expect(ids(mine.body)).toEqual([task.id]);
    expect(mine.body.items[0].can).toEqual({ edit: false, reply: true, changeStatus: true });
    expect(ids((await t.request(c.peerAs, 'GET', '/api/tasks?view=mine')).body)).toEqual([task.id]);
    expect(ids((await t.request(c.headAs, 'GET', '/api/tasks?view=created')).body)).toEqual([task.id]);
    expect(ids((await t.request(c.headAs, 'GET', '/api/tasks?view=department')).body)).toEqual([task.id]);
    expect(ids((await t.request(c.salesHeadAs, 'GET', '/api/tasks?view=department')).body)).not.toContain(
      task.id,
    );
    expect((await t.request(c.sellerAs, 'GET', `/api/tasks/${task.id}`)).status).toBe(404);
    expect((await t.request(c.staffAs, 'GET', '/api/tasks?view=department')).status).toBe(403);
  });

  it('filters by status, priority and text, and sorts by priority', async () => {
    const c = await crew();
    await buildTask(t, { by: c.head, assignee: c.staff, title: '准备双十二活动方案', priority: 'high' });
    await buildTask(t, { by: c.head, assignee: c.staff, title: '更新品牌手册', priority: 'low' });
    await buildTask(t, { by: c.head, assignee: c.staff, title: '媒体邀约', priority: 'urgent' });
    const byPriority = await t.request(c.staffAs, 'GET', '/api/tasks?view=mine&sort=priority');
    expect(byPriority.body.items.map((x: { priority: string }) => x.priority)).toEqual([
      'urgent',
      'high',
      'low',
    ]);
    const text = await t.request(c.staffAs, 'GET', `/api/tasks?view=mine&q=${encodeURIComponent('品牌')}`);
    expect(text.body.items.map((x: { title: string }) => x.title)).toEqual(['更新品牌手册']);
    const urgent = await t.request(c.staffAs, 'GET', '/api/tasks?view=mine&priority=urgent,high');
    expect(urgent.body.total).toBe(2);
  });

  it('lets the assignee move it across the board and reply with progress and a file', async () => {
    const c = await crew();
    const { id: taskId } = await buildTask(t, { by: c.head, assignee: c.staff, collaborators: [c.peer] });
    const moved = await t.request(c.staffAs, 'PATCH', `/api/tasks/${taskId}`, { status: 'in_progress' });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('in_progress');
    // The assignee may not retitle or reassign it.
    expect((await t.request(c.staffAs, 'PATCH', `/api/tasks/${taskId}`, { title: '改名' })).status).toBe(403);

    const form = new FormData();
    form.append('file', new Blob(['预算：10万元\n']), '预算.txt');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const upload = await t.request(
      c.staffAs,
      'POST',
      `/api/tasks/${taskId}/files`,
      Buffer.from(await req.arrayBuffer()) as never,
      { 'content-type': req.headers.get('content-type')! },
    );
    expect(upload.status).toBe(201);
    const reply = await t.request(c.staffAs, 'POST', `/api/tasks/${taskId}/replies`, {
      body: '预算表已完成，见附件',
      status: 'blocked',
      nextStep: '等待销售部提供渠道数据',
      fileIds: [upload.body.id],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      author: { username: c.staff.username },
      statusChange: { from: 'in_progress', to: 'blocked' },
      nextStep: '等待销售部提供渠道数据',
      files: [{ fileName: '预算.txt' }],
    });
    // A file can be used once, and only by its uploader.
    const again = await t.request(c.peerAs, 'POST', `/api/tasks/${taskId}/replies`, {
      body: 'x',
      fileIds: [upload.body.id],
    });
    expect(again.status).toBe(400);
    const detail = await t.request(c.headAs, 'GET', `/api/tasks/${taskId}`);
    expect(detail.body.status).toBe('blocked');
    expect(detail.body.replyCount).toBe(1);
    expect(detail.body.nextStep).toBe('等待销售部提供渠道数据');
    const file = await t.request(c.headAs, 'GET', `/api/tasks/${taskId}/files/${upload.body.id}`);
    expect(file.status).toBe(200);
    expect(file.text).toContain('预算');
    // The creator and the collaborator heard about it; the author did not.
    const kinds = async (as: As) =>
      (await t.request(as, 'GET', '/api/notifications?pageSize=50')).body.items.map(
        (n: { kind: string }) => n.kind,
      );
    expect(await kinds(c.headAs)).toContain('task.replied');
    expect(await kinds(c.peerAs)).toContain('task.replied');
    expect(await kinds(c.staffAs)).not.toContain('task.replied');
  });
});

describe('assignment rules and bad input', () => {
  it('refuses a due date in the past, an unknown team and an unknown person with 400, changing nothing', async () => {
    const c = await crew();
    const past = await t.request(c.headAs, 'POST', '/api/tasks', {
      title: 'x',
      assigneeId: c.staff.id,
      dueAt: sh('2026-11-01T09:00'),
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([expect.objectContaining({ path: 'dueAt' })]);
    const team = await t.request(c.headAs, 'POST', '/api/tasks', {
      title: 'x',
      teamId: '0190f0f0-0000-7000-8000-000000000000',
    });
    expect(team.status).toBe(400);
    const nobody = await t.request(c.headAs, 'POST', '/api/tasks', { title: 'x' });
    expect(nobody.status).toBe(400);
    expect((await t.request(c.headAs, 'GET', '/api/tasks?view=created')).body.total).toBe(0);
  });

  it('refuses an assignee outside the caller’s scope with 403', async () => {
    const c = await crew();
    // An employee may assign to their own department and their team-mates, not to another department.
    const outside = await t.request(c.staffAs, 'POST', '/api/tasks', {
      title: '跨部门',
      assigneeId: c.salesHead.id,
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('forbidden');
    const colleague = await t.request(c.staffAs, 'POST', '/api/tasks', {
      title: '同部门',
      assigneeId: c.peer.id,
    });
    expect(colleague.status).toBe(201);
    const teamMate = await t.request(c.staffAs, 'POST', '/api/tasks', {
      title: '同项目组',
      assigneeId: c.seller.id,
    });
    expect(teamMate.status).toBe(201);
    // The sales head's scope is sales, not marketing.
    expect(
      (await t.request(c.salesHeadAs, 'POST', '/api/tasks', { title: 'x', assigneeId: c.staff.id })).status,
    ).toBe(403);
  });

  it('gives a team task to every member and shows it on the team board', async () => {
    const c = await crew();
    const res = await t.request(c.headAs, 'POST', '/api/tasks', {
      title: '大促复盘会',
      teamId: c.team.id,
      dueAt: sh('2026-11-27T18:00'),
    });
    expect(res.status).toBe(201);
    expect(res.body.team.name).toBe('年中大促推进组');
    const board = await t.request(c.sellerAs, 'GET', `/api/tasks?view=team&teamId=${c.team.id}&pageSize=200`);
    expect(ids(board.body)).toEqual([res.body.id]);
    expect(ids((await t.request(c.peerAs, 'GET', '/api/tasks?view=mine')).body)).toEqual([res.body.id]);
    expect((await t.request(c.salesHeadAs, 'GET', `/api/tasks?view=team&teamId=${c.team.id}`)).status).toBe(
      403,
    );
  });
});

describe('reminders', () => {
  it('reminds of a deadline four working hours before, then of the overdue task, once each', async () => {
    const c = await crew();
    t.clock.set(sh('2026-11-27T09:00')); // Friday
    // Monday 11:00 → due soon from Friday 16:00
    const { id } = await buildTask(t, { by: c.head, assignee: c.staff, dueAt: sh('2026-11-30T11:00') });
    const count = async (as: As, kind: string) =>
      (await t.request(as, 'GET', '/api/notifications?pageSize=100')).body.items.filter(
        (n: { kind: string; link: string }) => n.kind === kind && n.link === `/tasks/${id}`,
      ).length;
    t.clock.set(sh('2026-11-27T15:59'));
    await t.services.taskReminders.sweepReminders();
    expect(await count(c.staffAs, 'task.due_soon')).toBe(0);
    t.clock.set(sh('2026-11-27T16:00'));
    await t.services.taskReminders.sweepReminders();
    await t.services.taskReminders.sweepReminders();
    expect(await count(c.staffAs, 'task.due_soon')).toBe(1);
    t.clock.set(sh('2026-11-30T11:00'));
    await t.services.taskReminders.sweepReminders();
    expect(await count(c.staffAs, 'task.overdue')).toBe(1);
    expect(await count(c.headAs, 'task.overdue')).toBe(1);
    t.clock.set(sh('2026-12-15T11:00'));
    await t.services.taskReminders.sweepReminders();
    expect(await count(c.staffAs, 'task.overdue')).toBe(1);
    const overdue = await t.request(c.staffAs, 'GET', '/api/tasks?view=mine&overdue=true&pageSize=100');
    expect(ids(overdue.body)).toEqual([id]);
    // Finishing it stops everything.
    await t.request(c.staffAs, 'PATCH', `/api/tasks/${id}`, { status: 'done' });
    const done = await t.request(c.staffAs, 'GET', `/api/tasks/${id}`);
    expect(done.body.overdue).toBe(false);
    expect(done.body.completedAt).not.toBeNull();
  });
});
