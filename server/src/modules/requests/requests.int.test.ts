import type { Department, User } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';

/** A Shanghai wall-clock time as an ISO instant. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;
let marketing: Department;
let legal: Department;
let sales: Department;
let chenJing: User; // 市场部 liaison, raises the request
let maChao: User; // 法务部 head
let zhuLin: User; // 法务部 liaison, the default handler
let zhangWei: User; // senior leadership
let outsider: User; // 销售部, not involved
let chenAs: As;
let maAs: As;
let zhuAs: As;
let zhangAs: As;
let outsiderAs: As;

/** Moves the clock, and signs everyone in again (sessions expire over the days the tests skip). */
async function at(local: string) {
  t.clock.set(sh(local));
  chenAs = await t.sessionFor(chenJing);
  maAs = await t.sessionFor(maChao);
  zhuAs = await t.sessionFor(zhuLin);
  zhangAs = await t.sessionFor(zhangWei);
  outsiderAs = await t.sessionFor(outsider);
}

async function inbox(as: As) {
  const res = await t.request(as, 'GET', '/api/notifications?pageSize=100');
  expect(res.status).toBe(200);
  return res.body.items as { kind: string; title: string; link: string }[];
}

beforeAll(async () => {
  t = await createTestApp();
  marketing = await t.buildDepartment({ name: '市场部' });
  legal = await t.buildDepartment({ name: '法务部' });
  sales = await t.buildDepartment({ name: '销售部' });
  chenJing = await t.buildUser({
    username: 'chen.jing',
    displayName: '陈静',
    department: marketing,
    roles: ['liaison'],
  });
  maChao = await t.buildUser({
    username: 'ma.chao',
    displayName: '马超',
    department: legal,
    roles: ['department_head'],
  });
  zhuLin = await t.buildUser({
    username: 'zhu.lin',
    displayName: '朱琳',
    department: legal,
    roles: ['liaison'],
  });
  zhangWei = await t.buildUser({ username: 'zhang.wei', displayName: '张伟', roles: ['senior_leadership'] });
  outsider = await t.buildUser({ username: 'zhou.jie', displayName: '周杰', department: sales });
  await t.services.departments.update(t.adminCtx, legal.id, { headId: maChao.id, liaisonId: zhuLin.id });
  await t.services.departments.update(t.adminCtx, marketing.id, { liaisonId: chenJing.id });
});

afterAll(() => t.close());

describe('a request from 市场部 to 法务部 that nobody answers', () => {
  let id: string;

  it('is due 24 working hours later, across the National Day holiday, on the adjusted Saturday', async () => {
    // Wednesday 30 September 10:00; 1–7 October are holidays, Saturday 10 October is worked.
    await at('2026-09-30T10:00');
    await t.services.jobs.runDue(); // the scheduler plans its sweeps from now
    const res = await t.request(chenAs, 'POST', '/api/requests', {
      toDepartmentId: legal.id,
      title: '审核新品发布会合作协议',
      body: '请法务部审核附件中的合作协议条款，周五前给出意见。',
    });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body.fromDepartment.name).toBe('市场部');
    expect(res.body.handler.username).toBe('zhu.lin');
    expect(res.body.responseDueAt).toBe(sh('2026-10-10T10:00'));
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['raised']);
    expect((await inbox(zhuAs)).map((n) => n.kind)).toEqual(['request.received']);
    // The receiving side sees it in its inbox; an unrelated department does not see it at all.
    const incoming = await t.request(zhuAs, 'GET', '/api/requests?box=incoming');
    expect(incoming.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await t.request(outsiderAs, 'GET', `/api/requests/${id}`)).status).toBe(404);
  });

  it('reminds the handler four working hours before the deadline, not earlier', async () => {
    await at('2026-10-09T14:59');
    await t.services.jobs.runDue();
    expect((await inbox(zhuAs)).map((n) => n.kind)).not.toContain('request.due_soon');
    await at('2026-10-09T15:00');
    await t.services.jobs.runDue();
    expect((await inbox(zhuAs)).map((n) => n.kind)).toContain('request.due_soon');
  });

  it('escalates to the head of 法务部 when the deadline passes', async () => {
    await at('2026-10-10T09:59');
    await t.services.jobs.runDue();
    expect((await inbox(maAs)).map((n) => n.kind)).not.toContain('request.escalated');
    await at('2026-10-10T10:00');
    await t.services.jobs.runDue();
    const head = await inbox(maAs);
    expect(head.filter((n) => n.kind === 'request.escalated')).toHaveLength(1);
    expect(head[0]!.title).toContain('部门负责人');
    const detail = await t.request(chenAs, 'GET', `/api/requests/${id}`);
    expect(detail.body.escalationLevel).toBe(1);
    expect(detail.body.overdue).toBe(true);
    const escalated = detail.body.events.filter((e: { type: string }) => e.type === 'escalated');
    expect(escalated).toEqual([
      expect.objectContaining({ level: 1, target: expect.objectContaining({ username: 'ma.chao' }) }),
    ]);
    // Senior leadership is not told yet; the raiser is.
    expect((await inbox(zhangAs)).map((n) => n.kind)).not.toContain('request.escalated');
    expect((await inbox(chenAs)).map((n) => n.kind)).toContain('request.escalated');
    const audit = await t.request(t.adminSession, 'GET', '/api/audit?action=request.escalated');
    expect(audit.body.items).toHaveLength(1);
  });

  it('escalates to senior leadership another 24 working hours later, skipping Sunday', async () => {
    // Saturday 10 October 10:00 + 24 h: 7 h on Saturday, Sunday off, Monday 8, Tuesday 8, 1 h on Wednesday.
    expect((await t.request(chenAs, 'GET', `/api/requests/${id}`)).body.nextStepAt).toBe(
      sh('2026-10-14T10:00'),
    );
    await at('2026-10-14T09:59');
    await t.services.jobs.runDue();
    expect((await inbox(zhangAs)).map((n) => n.kind)).not.toContain('request.escalated');
    await at('2026-10-14T10:00');
    await t.services.jobs.runDue();
    expect((await inbox(zhangAs)).filter((n) => n.kind === 'request.escalated')).toHaveLength(1);
    const detail = await t.request(chenAs, 'GET', `/api/requests/${id}`);
    expect(detail.body.escalationLevel).toBe(2);
    expect(detail.body.nextStepAt).toBeNull();
    // Nothing further happens however long it waits.
    await at('2026-10-30T10:00');
    await t.services.jobs.runDue();
    expect((await inbox(zhangAs)).filter((n) => n.kind === 'request.escalated')).toHaveLength(1);
  });

  it('records a late first response as late, and the report shows it', async () => {
    const res = await t.request(zhuAs, 'POST', `/api/requests/${id}/replies`, {
      body: '已收到，本周内给出审核意见。',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('in_progress');
    expect(res.body.respondedInTime).toBe(false);
    expect(res.body.events.map((e: { type: string }) => e.type)).toContain('responded');
    expect((await inbox(chenAs)).map((n) => n.kind)).toContain('request.responded');
  });
});

describe('a request answered in time', () => {
  it('stops its reminders and counts as on time in the report', async () => {
    // Friday 20 November 17:00: due Wednesday 25th 17:00 (one hour Friday, then Mon, Tue, 7 h Wed).
    await at('2026-11-20T17:00');
    const res = await t.request(chenAs, 'POST', '/api/requests', {
      toDepartmentId: legal.id,
      title: '商标续展事宜',
      body: '请协助确认商标续展材料。',
    });
    expect(res.body.responseDueAt).toBe(sh('2026-11-25T17:00'));
    await at('2026-11-23T10:00');
    const answered = await t.request(maAs, 'POST', `/api/requests/${res.body.id}/replies`, {
      body: '已安排朱琳跟进。',
    });
    expect(answered.body.respondedInTime).toBe(true);
    expect(answered.body.nextStepAt).toBeNull();
    await at('2026-12-01T10:00');
    await t.services.jobs.runDue();
    expect((await inbox(maAs)).filter((n) => n.kind === 'request.escalated')).toHaveLength(1);

    const report = await t.request(
      maAs,
      'GET',
      `/api/requests/report?from=${encodeURIComponent(sh('2026-09-01T00:00'))}&to=${encodeURIComponent(sh('2026-12-31T00:00'))}`,
    );
    expect(report.status).toBe(200);
    expect(report.body.rows).toEqual([
      expect.objectContaining({
        department: { id: legal.id, name: '法务部' },
        received: 2,
        responded: 2,
        respondedInTime: 1,
        escalated: 1,
        onTimeRate: 0.5,
      }),
    ]);
    // An employee without request.read has no report.
    expect(
      (
        await t.request(
          outsiderAs,
          'GET',
          '/api/requests/report?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
        )
      ).status,
    ).toBe(403);
  });
});

describe('a request not yet due', () => {
  it('is shown apart in the report until its deadline, and late once it passes unanswered', async () => {
    await at('2026-12-01T10:00');
    const res = await t.request(chenAs, 'POST', '/api/requests', {
      toDepartmentId: sales.id,
      title: '年终客户拜访安排',
      body: '请提供年终重点客户拜访名单。',
    });
    expect(res.status).toBe(201);
    const salesRow = async () => {
      const report = await t.request(
        t.adminSession,
        'GET',
        `/api/requests/report?from=${encodeURIComponent(sh('2026-12-01T00:00'))}&to=${encodeURIComponent(sh('2027-01-01T00:00'))}`,
      );
      expect(report.status).toBe(200);
      return report.body.rows.find((r: { department: { id: string } }) => r.department.id === sales.id);
    };
    expect(await salesRow()).toMatchObject({
      received: 1,
      responded: 0,
      overdueOpen: 0,
      pending: 1,
      onTimeRate: null,
    });
    const detail = await t.request(chenAs, 'GET', `/api/requests/${res.body.id}`);
    expect(detail.body).toMatchObject({ respondedInTime: null, overdue: false });

    t.clock.set(res.body.responseDueAt);
    chenAs = await t.sessionFor(chenJing);
    expect(await salesRow()).toMatchObject({ received: 1, overdueOpen: 1, pending: 0, onTimeRate: 0 });
    const late = await t.request(chenAs, 'GET', `/api/requests/${res.body.id}`);
    expect(late.body).toMatchObject({ respondedInTime: false, overdue: true });
  });
});

describe('bad input', () => {
  beforeAll(() => at('2026-12-01T10:00'));

  it('refuses a request to one’s own department, an unknown department and a past wanted-by date, changing nothing', async () => {
    const before = (await t.request(chenAs, 'GET', '/api/requests?box=outgoing')).body.total;
    const own = await t.request(chenAs, 'POST', '/api/requests', {
      toDepartmentId: marketing.id,
      title: 'x',
      body: 'y',
    });
    expect(own.status).toBe(400);
    expect(own.body.error.code).toBe('validation_failed');
    const unknown = await t.request(chenAs, 'POST', '/api/requests', {
      toDepartmentId: '0190f0f0-0000-7000-8000-000000000000',
      title: 'x',
      body: 'y',
    });
    expect(unknown.status).toBe(400);
    const past = await t.request(chenAs, 'POST', '/api/requests', {
      toDepartmentId: legal.id,
      title: 'x',
      body: 'y',
      wantedBy: '2020-01-01T00:00:00.000Z',
    });
    expect(past.status).toBe(400);
    const foreign = await t.request(outsiderAs, 'POST', '/api/requests', {
      fromDepartmentId: marketing.id,
      toDepartmentId: legal.id,
      title: 'x',
      body: 'y',
    });
    expect(foreign.status).toBe(403);
    expect((await t.request(chenAs, 'GET', '/api/requests?box=outgoing')).body.total).toBe(before);
  });

  it('lets only the requesting side withdraw, and nothing acts on a withdrawn request', async () => {
    const res = await t.request(chenAs, 'POST', '/api/requests', {
      toDepartmentId: legal.id,
      title: '撤回测试',
      body: '内容',
    });
    expect((await t.request(zhuAs, 'POST', `/api/requests/${res.body.id}/withdraw`, {})).status).toBe(403);
    const withdrawn = await t.request(chenAs, 'POST', `/api/requests/${res.body.id}/withdraw`, {});
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.nextStepAt).toBeNull();
    const reply = await t.request(zhuAs, 'POST', `/api/requests/${res.body.id}/replies`, {
      body: '迟到的回复',
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('conflict');
  });

  it('hands a request only to a member of the receiving department', async () => {
    const res = await t.request(chenAs, 'POST', '/api/requests', {
      toDepartmentId: legal.id,
      title: '转派测试',
      body: '内容',
    });
    const wrong = await t.request(maAs, 'POST', `/api/requests/${res.body.id}/assign`, {
      handlerId: outsider.id,
    });
    expect(wrong.status).toBe(400);
    const right = await t.request(maAs, 'POST', `/api/requests/${res.body.id}/assign`, {
      handlerId: maChao.id,
    });
    expect(right.body.handler.username).toBe('ma.chao');
    expect(
      (await t.request(chenAs, 'POST', `/api/requests/${res.body.id}/assign`, { handlerId: zhuLin.id }))
        .status,
    ).toBe(403);
  });
});
