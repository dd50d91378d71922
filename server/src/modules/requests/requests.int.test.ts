import type { User } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { buildRequest } from '../../../test/factories/work.ts';

/** A Shanghai wall-clock time as an ISO instant. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(() => t.close());

/**
 * Each test builds its own 市场部, 法务部 and 销售部 with their people, so it reads no state another
 * test left: 陈静 (市场部 liaison) raises requests, 马超 heads 法务部, 朱琳 is its liaison (the
 * default handler), 张伟 is senior leadership and 周杰 (销售部) is not involved.
 */
async function crew() {
  const tag = Math.random().toString(36).slice(2, 6);
  const marketing = await t.buildDepartment({ name: `市场部${tag}` });
  const legal = await t.buildDepartment({ name: `法务部${tag}` });
  const sales = await t.buildDepartment({ name: `销售部${tag}` });
  const chen = await t.buildUser({ displayName: '陈静', department: marketing, roles: ['liaison'] });
  const ma = await t.buildUser({ displayName: '马超', department: legal, roles: ['department_head'] });
  const zhu = await t.buildUser({ displayName: '朱琳', department: legal, roles: ['liaison'] });
  const zhang = await t.buildUser({ displayName: '张伟', roles: ['senior_leadership'] });
  const outsider = await t.buildUser({ displayName: '周杰', department: sales });
  await t.services.departments.update(t.adminCtx, legal.id, { headId: ma.id, liaisonId: zhu.id });
  await t.services.departments.update(t.adminCtx, marketing.id, { liaisonId: chen.id });
  const people = { chen, ma, zhu, zhang, outsider };
  /** Sessions for everyone at the current time (sessions expire over the days the tests skip). */
  const as = async () => {
    const out = {} as Record<keyof typeof people, As>;
    for (const [k, u] of Object.entries(people) as [keyof typeof people, User][])
      out[k] = await t.sessionFor(u);
    return out;
  };
  return { marketing, legal, sales, ...people, as };
}

/** What one person was told about one request. */
async function told(as: As, requestId: string, kind?: string) {
  const res = await t.request(as, 'GET', '/api/notifications?pageSize=100');
  expect(res.status).toBe(200);
  return (res.body.items as { kind: string; title: string; link: string }[]).filter(
    (n) => n.link === `/requests/${requestId}` && (kind === undefined || n.kind === kind),
  );
}

const sweepAt = async (local: string) => {
  t.clock.set(sh(local));
  await t.services.requestEscalations.sweep();
};

describe('a request from 市场部 to 法务部 that nobody answers', () => {
  /** Wednesday 30 September 10:00; 1–7 October are holidays, Saturday 10 October is worked. */
  async function unanswered() {
    const c = await crew();
    t.clock.set(sh('2026-09-30T10:00'));
    const request = await buildRequest(t, {
      by: c.chen,
      to: c.legal,
      title: '审核新品发布会合作协议',
      body: '请法务部审核附件中的合作协议条款，周五前给出意见。',
    });
    return { c, id: request.id };
  }

  it('is due 24 working hours later, across the National Day holiday, on the adjusted Saturday', async () => {
    const c = await crew();
    t.clock.set(sh('2026-09-30T10:00'));
    const as = await c.as();
    const res = await t.request(as.chen, 'POST', '/api/requests', {
      toDepartmentId: c.legal.id,
      title: '审核新品发布会合作协议',
      body: '请法务部审核附件中的合作协议条款，周五前给出意见。',
    });
    expect(res.status).toBe(201);
    const id = res.body.id;
    expect(res.body.fromDepartment.name).toBe(c.marketing.name);
    expect(res.body.handler.username).toBe(c.zhu.username);
    expect(res.body.responseDueAt).toBe(sh('2026-10-10T10:00'));
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['raised']);
    expect((await told(as.zhu, id)).map((n) => n.kind)).toEqual(['request.received']);
    // The receiving side sees it in its inbox; an unrelated department does not see it at all.
    const incoming = await t.request(as.zhu, 'GET', '/api/requests?box=incoming');
    expect(incoming.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await t.request(as.outsider, 'GET', `/api/requests/${id}`)).status).toBe(404);
  });

  it('reminds the handler four working hours before the deadline, not earlier', async () => {
    const { c, id } = await unanswered();
    await sweepAt('2026-10-09T14:59');
    expect(await told((await c.as()).zhu, id, 'request.due_soon')).toHaveLength(0);
    await sweepAt('2026-10-09T15:00');
    expect(await told((await c.as()).zhu, id, 'request.due_soon')).toHaveLength(1);
  });

  it('escalates to the head of 法务部 when the deadline passes', async () => {
    const { c, id } = await unanswered();
    await sweepAt('2026-10-09T15:00'); // the reminder comes first
    await sweepAt('2026-10-10T09:59');
    expect(await told((await c.as()).ma, id, 'request.escalated')).toHaveLength(0);
    await sweepAt('2026-10-10T10:00');
    const as = await c.as();
    const head = await told(as.ma, id, 'request.escalated');
    expect(head).toHaveLength(1);
    expect(head[0]!.title).toContain('部门负责人');
    const detail = await t.request(as.chen, 'GET', `/api/requests/${id}`);
    expect(detail.body.escalationLevel).toBe(1);
    expect(detail.body.overdue).toBe(true);
    const escalated = detail.body.events.filter((e: { type: string }) => e.type === 'escalated');
    expect(escalated).toEqual([
      expect.objectContaining({ level: 1, target: expect.objectContaining({ username: c.ma.username }) }),
    ]);
    // Senior leadership is not told yet; the raiser is.
    expect(await told(as.zhang, id, 'request.escalated')).toHaveLength(0);
    expect(await told(as.chen, id, 'request.escalated')).toHaveLength(1);
    const audit = await t.request(
      t.adminSession,
      'GET',
      `/api/audit?action=request.escalated&targetId=${id}`,
    );
    expect(audit.body.items).toHaveLength(1);
  });

  it('escalates to senior leadership another 24 working hours later, skipping Sunday', async () => {
    const { c, id } = await unanswered();
    await sweepAt('2026-10-09T15:00');
    await sweepAt('2026-10-10T10:00');
    // Saturday 10 October 10:00 + 24 h: 7 h on Saturday, Sunday off, Monday 8, Tuesday 8, 1 h on Wednesday.
    expect((await t.request((await c.as()).chen, 'GET', `/api/requests/${id}`)).body.nextStepAt).toBe(
      sh('2026-10-14T10:00'),
    );
    await sweepAt('2026-10-14T09:59');
    expect(await told((await c.as()).zhang, id, 'request.escalated')).toHaveLength(0);
    await sweepAt('2026-10-14T10:00');
    const as = await c.as();
    expect(await told(as.zhang, id, 'request.escalated')).toHaveLength(1);
    const detail = await t.request(as.chen, 'GET', `/api/requests/${id}`);
    expect(detail.body.escalationLevel).toBe(2);
    expect(detail.body.nextStepAt).toBeNull();
    // Nothing further happens however long it waits.
    await sweepAt('2026-10-30T10:00');
    expect(await told((await c.as()).zhang, id, 'request.escalated')).toHaveLength(1);
  });

  it('records a late first response as late', async () => {
    const { c, id } = await unanswered();
    t.clock.set(sh('2026-10-12T10:00'));
    const as = await c.as();
    const res = await t.request(as.zhu, 'POST', `/api/requests/${id}/replies`, {
      body: '已收到，本周内给出审核意见。',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('in_progress');
    expect(res.body.respondedInTime).toBe(false);
    expect(res.body.events.map((e: { type: string }) => e.type)).toContain('responded');
    expect(await told(as.chen, id, 'request.responded')).toHaveLength(1);
  });
});

describe('the escalation sweep', () => {
  it('runs from the job queue every few minutes', async () => {
    const c = await crew();
    // Later than any other test's clock, so the queue plans its sweeps from here whatever ran before.
    t.clock.set(sh('2027-03-01T09:00'));
    await t.services.jobs.runDue(); // the scheduler plans its sweeps from now
    const request = await buildRequest(t, { by: c.chen, to: c.legal });
    t.clock.set(new Date(Date.parse(request.nextStepAt!) + 5 * 60_000).toISOString());
    await t.services.jobs.runDue();
    expect(await told((await c.as()).zhu, request.id, 'request.due_soon')).toHaveLength(1);
  });
});

describe('a request answered in time', () => {
  it('stops its reminders and counts as on time in the report', async () => {
    const c = await crew();
    // One answered late, after escalating once, for the report to compare with.
    t.clock.set(sh('2026-09-30T10:00'));
    const late = await buildRequest(t, { by: c.chen, to: c.legal });
    await sweepAt('2026-10-09T15:00');
    await sweepAt('2026-10-10T10:00');
    t.clock.set(sh('2026-10-12T10:00'));
    await t.request((await c.as()).zhu, 'POST', `/api/requests/${late.id}/replies`, { body: '已收到。' });

    // Friday 20 November 17:00: due Wednesday 25th 17:00 (one hour Friday, then Mon, Tue, 7 h Wed).
    t.clock.set(sh('2026-11-20T17:00'));
    const res = await t.request((await c.as()).chen, 'POST', '/api/requests', {
      toDepartmentId: c.legal.id,
      title: '商标续展事宜',
      body: '请协助确认商标续展材料。',
    });
    expect(res.body.responseDueAt).toBe(sh('2026-11-25T17:00'));
    t.clock.set(sh('2026-11-23T10:00'));
    const answered = await t.request((await c.as()).ma, 'POST', `/api/requests/${res.body.id}/replies`, {
      body: '已安排朱琳跟进。',
    });
    expect(answered.body.respondedInTime).toBe(true);
    expect(answered.body.nextStepAt).toBeNull();
    await sweepAt('2026-12-01T10:00');
    const as = await c.as();
    expect(await told(as.ma, res.body.id, 'request.escalated')).toHaveLength(0);

    const report = await t.request(
      as.ma,
      'GET',
      `/api/requests/report?from=${encodeURIComponent(sh('2026-09-01T00:00'))}&to=${encodeURIComponent(sh('2026-12-31T00:00'))}`,
    );
    expect(report.status).toBe(200);
    expect(report.body.rows).toEqual([
      expect.objectContaining({
        department: { id: c.legal.id, name: c.legal.name },
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
          as.outsider,
          'GET',
          '/api/requests/report?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
        )
      ).status,
    ).toBe(403);
  });
});

describe('a request not yet due', () => {
  it('is shown apart in the report until its deadline, and late once it passes unanswered', async () => {
    const c = await crew();
    t.clock.set(sh('2026-12-01T10:00'));
    const request = await buildRequest(t, {
      by: c.chen,
      to: c.sales,
      title: '年终客户拜访安排',
      body: '请提供年终重点客户拜访名单。',
    });
    const salesRow = async () => {
      const report = await t.request(
        t.adminSession,
        'GET',
        `/api/requests/report?from=${encodeURIComponent(sh('2026-12-01T00:00'))}&to=${encodeURIComponent(sh('2027-01-01T00:00'))}`,
      );
      expect(report.status).toBe(200);
      return report.body.rows.find((r: { department: { id: string } }) => r.department.id === c.sales.id);
    };
    expect(await salesRow()).toMatchObject({
      received: 1,
      responded: 0,
      overdueOpen: 0,
      pending: 1,
      onTimeRate: null,
    });
    const detail = await t.request((await c.as()).chen, 'GET', `/api/requests/${request.id}`);
    expect(detail.body).toMatchObject({ respondedInTime: null, overdue: false });

    t.clock.set(request.responseDueAt);
    expect(await salesRow()).toMatchObject({ received: 1, overdueOpen: 1, pending: 0, onTimeRate: 0 });
    const late = await t.request((await c.as()).chen, 'GET', `/api/requests/${request.id}`);
    expect(late.body).toMatchObject({ respondedInTime: false, overdue: true });
  });
});

describe('bad input', () => {
  it('refuses a request to one’s own department, an unknown department and a past wanted-by date, changing nothing', async () => {
    const c = await crew();
    t.clock.set(sh('2026-12-01T10:00'));
    const as = await c.as();
    const own = await t.request(as.chen, 'POST', '/api/requests', {
      toDepartmentId: c.marketing.id,
      title: 'x',
      body: 'y',
    });
    expect(own.status).toBe(400);
    expect(own.body.error.code).toBe('validation_failed');
    const unknown = await t.request(as.chen, 'POST', '/api/requests', {
      toDepartmentId: '0190f0f0-0000-7000-8000-000000000000',
      title: 'x',
      body: 'y',
    });
    expect(unknown.status).toBe(400);
    const past = await t.request(as.chen, 'POST', '/api/requests', {
      toDepartmentId: c.legal.id,
      title: 'x',
      body: 'y',
      wantedBy: '2020-01-01T00:00:00.000Z',
    });
    expect(past.status).toBe(400);
    const foreign = await t.request(as.outsider, 'POST', '/api/requests', {
      fromDepartmentId: c.marketing.id,
      toDepartmentId: c.legal.id,
      title: 'x',
      body: 'y',
    });
    expect(foreign.status).toBe(403);
    expect((await t.request(as.chen, 'GET', '/api/requests?box=outgoing')).body.total).toBe(0);
  });

  it('lets only the requesting side withdraw, and nothing acts on a withdrawn request', async () => {
    const c = await crew();
    t.clock.set(sh('2026-12-01T10:00'));
    const as = await c.as();
    const request = await buildRequest(t, { by: c.chen, to: c.legal, title: '撤回测试' });
    expect((await t.request(as.zhu, 'POST', `/api/requests/${request.id}/withdraw`, {})).status).toBe(403);
    const withdrawn = await t.request(as.chen, 'POST', `/api/requests/${request.id}/withdraw`, {});
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.nextStepAt).toBeNull();
    const reply = await t.request(as.zhu, 'POST', `/api/requests/${request.id}/replies`, {
      body: '迟到的回复',
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('conflict');
  });

  it('hands a request only to a member of the receiving department', async () => {
    const c = await crew();
    t.clock.set(sh('2026-12-01T10:00'));
    const as = await c.as();
    const request = await buildRequest(t, { by: c.chen, to: c.legal, title: '转派测试' });
    const wrong = await t.request(as.ma, 'POST', `/api/requests/${request.id}/assign`, {
      handlerId: c.outsider.id,
    });
    expect(wrong.status).toBe(400);
    const right = await t.request(as.ma, 'POST', `/api/requests/${request.id}/assign`, {
      handlerId: c.ma.id,
    });
    expect(right.body.handler.username).toBe(c.ma.username);
    expect(
      (await t.request(as.chen, 'POST', `/api/requests/${request.id}/assign`, { handlerId: c.zhu.id }))
        .status,
    ).toBe(403);
  });
});
