import type { Department, User } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { buildApproval, buildApprovalTemplate } from '../../../test/factories/publishing.ts';
import type { ApprovalOutcome } from './approvals.service.ts';

let t: TestApp;
let dept: Department;
let requester: User;
let head: User;
let legal1: User;
let legal2: User;
let deputy: User;
let watcher: User;
const as = new Map<string, As>();
const outcomes: [string, ApprovalOutcome][] = [];

beforeAll(async () => {
  t = await createTestApp();
  dept = await t.buildDepartment({ name: '市场部' });
  const legal = await t.buildDepartment({ name: '法务部' });
  requester = await t.buildUser({ username: 'req', displayName: '申请人', department: dept });
  head = await t.buildUser({
    username: 'head',
    displayName: '部门负责人',
    department: dept,
    roles: ['department_head'],
  });
  legal1 = await t.buildUser({
    username: 'legal1',
    displayName: '法务一',
    department: legal,
    roles: ['compliance_officer'],
  });
  legal2 = await t.buildUser({
    username: 'legal2',
    displayName: '法务二',
    department: legal,
    roles: ['compliance_officer'],
  });
  deputy = await t.buildUser({ username: 'deputy', displayName: '代理人', department: dept });
  watcher = await t.buildUser({ username: 'watcher', displayName: '抄送人', department: dept });
  await t.services.departments.update(t.adminCtx, dept.id, { headId: head.id });
  for (const u of [requester, head, legal1, legal2, deputy, watcher])
    as.set(u.username, await t.sessionFor(u));
  // A press release: the department head, then 会签 by both compliance officers when the legal flag is set.
  const saved = await t.request(t.adminSession, 'PUT', '/api/approvals/templates/press_release', {
    name: '新闻稿审批',
    steps: [
      { id: 'head', name: '部门负责人审批', approvers: [{ type: 'requester_head' }], mode: 'any' },
      {
        id: 'legal',
        name: '法务会签',
        approvers: [{ type: 'role', roleKey: 'compliance_officer' }],
        mode: 'all',
        condition: { attribute: 'legal', in: [true] },
      },
    ],
    cc: [{ type: 'users', userIds: [watcher.id] }],
  });
  expect(saved.status).toBe(200);
  expect(saved.body.version).toBe(2);
  t.services.approvals.registerSubject('press_release', {
    onOutcome: async (_trx, id, outcome) => {
      outcomes.push([id, outcome]);
    },
  });
}, 60_000);
afterAll(() => t.close());

async function submit(subjectId: string, legal: boolean) {
  return buildApproval(t, {
    subjectType: 'press_release',
    subjectId,
    title: '新品发布会新闻稿',
    requester: await t.ctxFor(requester),
    departmentId: dept.id,
    attributes: { legal },
  });
}

describe('the approval engine', () => {
  it('needs every approver of a 会签 step, and tells the copied people at the end', async () => {
    const subject = '0193a000-0000-7000-8000-0000000000a1';
    const { id } = await submit(subject, true);
    const decide = (who: string, decision: string, comment?: string) =>
      t.request(as.get(who)!, 'POST', `/api/approvals/${id}/decision`, { decision, comment });
    expect((await decide('head', 'approve')).body.currentStep).toBe(1);
    const half = await decide('legal1', 'approve');
    expect(half.body.status).toBe('pending');
    expect(
      half.body.steps[1].approvers.map((a: { username: string; decision: string | null }) => [
        a.username,
        a.decision,
      ]),
    ).toEqual([
      ['legal1', 'approved'],
      ['legal2', null],
    ]);
    expect((await decide('legal1', 'approve')).status).toBe(409);
    const done = await decide('legal2', 'approve');
    expect(done.body.status).toBe('approved');
    expect(outcomes).toContainEqual([subject, 'approved']);
    const cc = await t.request(as.get('watcher')!, 'GET', '/api/notifications?kind=approval.cc&pageSize=100');
    expect(cc.body.items.filter((n: { link: string }) => n.link === `/approvals/${id}`)).toHaveLength(1);
    const mine = await t.request(as.get('req')!, 'GET', '/api/approvals?box=mine&pageSize=100');
    expect(mine.body.items.find((a: { id: string }) => a.id === id)).toMatchObject({ status: 'approved' });
    const doneBox = await t.request(as.get('legal2')!, 'GET', '/api/approvals?box=done');
    expect(doneBox.body.items.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('leaves out a step whose condition does not hold, and rejects with a reason', async () => {
    const subject = '0193a000-0000-7000-8000-0000000000a2';
    const { id } = await submit(subject, false);
    const detail = await t.request(as.get('head')!, 'GET', `/api/approvals/${id}`);
    expect(detail.body.steps.map((s: { name: string }) => s.name)).toEqual(['部门负责人审批']);
    const rejected = await t.request(as.get('head')!, 'POST', `/api/approvals/${id}/decision`, {
      decision: 'reject',
      comment: '措辞需要调整',
    });
    expect(rejected.body.status).toBe('rejected');
    expect(outcomes).toContainEqual([subject, 'rejected']);
    expect(rejected.body.timeline.at(-1)).toMatchObject({ action: 'rejected', comment: '措辞需要调整' });
  });

  it('sends an away approver’s requests to their delegate', async () => {
    // A department of its own: the delegation must not reach the other tests' approvers.
    const team = await t.buildDepartment();
    const away = await t.buildUser({ department: team, roles: ['department_head'] });
    const stand = await t.buildUser({ department: team });
    const asker = await t.buildUser({ department: team });
    await t.services.departments.update(t.adminCtx, team.id, { headId: away.id });
    const awayAs = await t.sessionFor(away);
    const standAs = await t.sessionFor(stand);
    const now = t.clock.now().getTime();
    const created = await t.request(awayAs, 'POST', '/api/approvals/delegations', {
      delegateId: stand.id,
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const { id } = await buildApproval(t, {
      subjectType: 'press_release',
      requester: await t.ctxFor(asker),
      departmentId: team.id,
      attributes: { legal: false },
    });
    const detail = await t.request(standAs, 'GET', `/api/approvals/${id}`);
    expect(detail.body.steps[0].approvers).toEqual([
      expect.objectContaining({
        username: stand.username,
        onBehalfOf: expect.objectContaining({ username: away.username }),
      }),
    ]);
    expect(
      (await t.request(awayAs, 'POST', `/api/approvals/${id}/decision`, { decision: 'approve' })).status,
    ).toBe(403);
    const approved = await t.request(standAs, 'POST', `/api/approvals/${id}/decision`, {
      decision: 'approve',
    });
    expect(approved.body.status).toBe('approved');
    expect((await t.request(standAs, 'DELETE', `/api/approvals/delegations/${created.body.id}`)).status).toBe(
      404,
    );
    expect((await t.request(awayAs, 'DELETE', `/api/approvals/delegations/${created.body.id}`)).status).toBe(
      204,
    );
  });

  it('refuses a bad template and keeps people outside a request out of it', async () => {
    const bad = await t.request(t.adminSession, 'PUT', '/api/approvals/templates/press_release', {
      name: 'x',
      steps: [{ id: 'a', name: 'a', approvers: [{ type: 'nobody' }] }],
    });
    expect(bad.status).toBe(400);
    const { id } = await submit('0193a000-0000-7000-8000-0000000000a4', false);
    expect((await t.request(as.get('legal1')!, 'GET', `/api/approvals/${id}`)).status).toBe(404);
    expect((await t.request(as.get('req')!, 'GET', '/api/approvals/templates')).status).toBe(403);
    // This request's own submission is on the audit log.
    const audit = await t.request(
      t.adminSession,
      'GET',
      `/api/audit?action=approval.submitted&targetId=${id}`,
    );
    expect(audit.body.items.map((e: { targetId: string }) => e.targetId)).toEqual([id]);
  });

  it('says on the timeline why a step nobody could approve was skipped, and tells the templates’ administrators', async () => {
    // 品牌组 sits under 市场中心, which has no head: nobody to be its division head.
    const centre = await t.buildDepartment({ name: '市场中心' });
    const brand = await t.buildDepartment({ name: '品牌组', parent: centre });
    const writer = await t.buildUser({ username: 'writer', displayName: '撰稿人', department: brand });
    const brandHead = await t.buildUser({
      username: 'brand.head',
      displayName: '品牌组长',
      department: brand,
    });
    await t.services.departments.update(t.adminCtx, brand.id, { headId: brandHead.id });
    await buildApprovalTemplate(t, 'external_request', {
      name: '对外联络申请',
      steps: [
        { id: 'division', name: '分管领导审批', approvers: [{ type: 'division_head' }], mode: 'any' },
        {
          id: 'nobody',
          name: '宣传专员审批',
          approvers: [{ type: 'role', roleKey: 'press_officer_x' }],
          mode: 'any',
        },
        { id: 'head', name: '部门负责人审批', approvers: [{ type: 'requester_head' }], mode: 'any' },
      ],
      cc: [],
    });
    t.services.approvals.registerSubject('external_request', { onOutcome: async () => {} });
    const { id } = await buildApproval(t, {
      subjectType: 'external_request',
      title: '媒体采访申请',
      requester: await t.ctxFor(writer),
      departmentId: brand.id,
    });

    const detail = await t.request(await t.sessionFor(brandHead), 'GET', `/api/approvals/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.currentStep).toBe(2);
    const skipped = detail.body.timeline.filter((a: { action: string }) => a.action === 'skipped');
    expect(
      skipped.map((a: { stepIndex: number; skipReasons: unknown[] }) => [a.stepIndex, a.skipReasons]),
    ).toEqual([
      [0, [{ kind: 'no_division_head', department: '品牌组' }]],
      [1, [{ kind: 'no_role_holder', role: 'press_officer_x' }]],
    ]);

    // The administrator (approval.manage) hears of each skipped step, with the reason in words.
    const notices = await t.request(
      t.adminSession,
      'GET',
      '/api/notifications?kind=approval.skipped&pageSize=100',
    );
    expect(notices.status).toBe(200);
    const bodies = notices.body.items
      .filter((n: { link: string }) => n.link === `/approvals/${id}`)
      .map((n: { body: string }) => n.body);
    expect(bodies).toHaveLength(2);
    expect(bodies.join('\n')).toContain('部门「品牌组」没有上级负责人');
    expect(bodies.join('\n')).toContain('分管领导审批');
    // Nobody else is told: the requester's own inbox has no such notice.
    const requesterNotices = await t.request(
      await t.sessionFor(writer),
      'GET',
      '/api/notifications?kind=approval.skipped',
    );
    expect(requesterNotices.body.items).toHaveLength(0);
  });
});
