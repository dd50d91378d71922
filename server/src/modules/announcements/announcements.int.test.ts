import type { Department } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { buildAnnouncement } from '../../../test/factories/publishing.ts';
import { seedDemo } from '../demo/demo.seed.ts';

let t: TestApp;
const as = new Map<string, As>();
const ids = new Map<string, string>();
let hr: string;
let marketing: string;
let marketingDept: Department;

const who = (username: string) => as.get(username)!;

beforeAll(async () => {
  t = await createTestApp({ session: { idleMinutes: 43_200, maxHours: 8_760 } });
  // Monday 23 November 2026, 09:00 in Shanghai.
  t.clock.set('2026-11-23T01:00:00.000Z');
  expect(await seedDemo(t.services, t.database)).toBe(true);
  for (const username of [
    'gao.xiang',
    'he.jing',
    'chen.jing',
    'yang.fan',
    'liu.yang',
    'zhang.wei',
    'li.na',
    'zhao.lei',
    'huang.li',
  ]) {
    const user = (await t.services.users.findByUsername(t.database.db, username))!;
    ids.set(username, user.id);
    as.set(username, await t.sessionFor(user));
  }
  const departments = await t.services.departments.list();
  hr = departments.find((d) => d.name === '人力资源部')!.id;
  marketingDept = departments.find((d) => d.name === '市场部')!;
  marketing = marketingDept.id;
  // The demo company published its own announcements in November; this notice goes out in December.
  t.clock.set('2026-12-01T01:00:00.000Z'); // Tuesday 09:00
}, 120_000);
afterAll(() => t.close());

/** The 通知 of these tests as 人力资源部 drafts it (through the services: arrangement, not the subject). */
async function hrNotice(
  audience: { id: string; includeChildren: boolean },
  state: 'draft' | 'submitted' | 'published',
) {
  const notice = await buildAnnouncement(t, {
    author: await t.ctxFor({ id: ids.get('gao.xiang')! }),
    departmentId: hr,
    category: 'notice',
    title: '关于年度体检安排的通知',
    bodyHtml: '<p>请各位同事于<strong>12月4日</strong>前完成体检预约。</p>',
    effectiveAt: '2026-12-01T01:00:00.000Z',
    requiresAck: true,
    ackDeadline: '2026-12-03T10:00:00.000Z', // Thursday 18:00
    audience: { departments: [audience] },
    state,
  });
  return notice.id;
}

async function category(key: string): Promise<string> {
  const res = await t.request(who('gao.xiang'), 'GET', '/api/announcements/categories');
  return res.body.items.find((c: { key: string }) => c.key === key).id;
}

describe('a 通知 from 人力资源部 requiring acknowledgement', () => {
  it('is drafted with its body sanitised', async () => {
    const res = await t.request(who('gao.xiang'), 'POST', '/api/announcements', {
      categoryId: await category('notice'),
      title: '关于年度体检安排的通知',
      bodyHtml:
        '<p>请各位同事于<strong>12月4日</strong>前完成体检预约。</p><script>alert(1)</script><img src=x onerror=alert(1)>',
      publishingDepartmentId: hr,
      ownerId: ids.get('gao.xiang'),
      effectiveAt: '2026-12-01T01:00:00.000Z',
      requiresAck: true,
      ackDeadline: '2026-12-03T10:00:00.000Z', // Thursday 18:00
      audience: { departments: [{ id: marketing, includeChildren: true }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('draft');
    expect(res.body.bodyHtml).toBe('<p>请各位同事于<strong>12月4日</strong>前完成体检预约。</p>');
    // 市场部's own three people (other tests add sub-departments under it).
    const preview = await t.request(who('gao.xiang'), 'POST', '/api/announcements/audience/preview', {
      departments: [{ id: marketing, includeChildren: false }],
    });
    expect(preview.body).toEqual({ recipients: 3, departments: 1 });
  });

  it('goes to the head of 人力资源部 for approval; nobody reads it yet', async () => {
    t.clock.set('2026-12-01T01:00:00.000Z');
    const notice = await hrNotice({ id: marketing, includeChildren: true }, 'draft');
    const res = await t.request(who('gao.xiang'), 'POST', `/api/announcements/${notice}/submit`, {});
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('in_approval');
    const approval = await t.request(who('he.jing'), 'GET', `/api/approvals/${res.body.approvalId}`);
    expect(approval.status).toBe(200);
    // Department head; the division step has nobody above 人力资源部 and is skipped on the record;
    // no leadership step for an ordinary notice.
    expect(approval.body.steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['部门负责人审批', 'active'],
      ['分管领导审批', 'skipped'],
    ]);
    expect(approval.body.steps[0].approvers.map((a: { username: string }) => a.username)).toEqual([
      'he.jing',
    ]);
    // The skipped step says why on the timeline.
    const skipped = approval.body.timeline.find((a: { action: string }) => a.action === 'skipped');
    expect(skipped.skipReasons).toEqual([{ kind: 'no_division_head', department: '人力资源部' }]);
    // The approver sees the announcement itself: what it is, for whom, and what it says.
    expect(approval.body.subject).toMatchObject({
      title: '关于年度体检安排的通知',
      bodyHtml: '<p>请各位同事于<strong>12月4日</strong>前完成体检预约。</p>',
      files: [],
    });
    expect(approval.body.subject.fields).toEqual(
      expect.arrayContaining([
        { key: 'category', text: '通知' },
        { key: 'publishingDepartment', text: '人力资源部' },
        { key: 'importance', code: 'normal' },
        { key: 'audienceDepartments', text: '市场部' },
        { key: 'requiresAck', code: 'yes' },
        { key: 'ackDeadline', instant: '2026-12-03T10:00:00.000Z' },
      ]),
    );
    const todo = await t.request(who('he.jing'), 'GET', '/api/approvals?box=todo');
    expect(todo.body.items.map((a: { subjectId: string }) => a.subjectId)).toContain(notice);
    expect((await t.request(who('chen.jing'), 'GET', `/api/announcements/${notice}`)).status).toBe(404);
    // Someone who is not an approver of the step cannot decide it.
    expect(
      (
        await t.request(who('huang.li'), 'POST', `/api/approvals/${res.body.approvalId}/decision`, {
          decision: 'approve',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request(who('gao.xiang'), 'POST', `/api/approvals/${res.body.approvalId}/decision`, {
          decision: 'approve',
        })
      ).status,
    ).toBe(403);
  });

  it('reaches exactly 市场部 once approved, live', async () => {
    t.clock.set('2026-12-01T01:00:00.000Z');
    const notice = await hrNotice({ id: marketing, includeChildren: true }, 'submitted');
    const draft = await t.request(who('gao.xiang'), 'GET', `/api/announcements/${notice}`);
    const seqBefore = await t.services.events.latestSeq();
    const approved = await t.request(
      who('he.jing'),
      'POST',
      `/api/approvals/${draft.body.approvalId}/decision`,
      {
        decision: 'approve',
        comment: '同意发布',
      },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.timeline.map((a: { action: string }) => a.action)).toEqual([
      'submitted',
      'skipped',
      'approved',
    ]);
    const published = await t.request(who('gao.xiang'), 'GET', `/api/announcements/${notice}`);
    expect(published.body.status).toBe('published');
    // 市场部 and whatever sub-departments it has now.
    const subtree = await t.services.departments.idsUnderPaths(t.database.db, [
      (await t.services.departments.pathOf(t.database.db, marketing))!,
    ]);
    const expected = (
      await t.database.db
        .selectFrom('users')
        .select('id')
        .where('department_id', 'in', subtree)
        .where('status', '=', 'active')
        .execute()
    )
      .map((u) => u.id)
      .sort();
    const recipients = (
      await t.database.db
        .selectFrom('announcement_recipients')
        .select('user_id')
        .where('announcement_id', '=', notice)
        .execute()
    )
      .map((r) => r.user_id)
      .sort();
    expect(recipients).toEqual(expected);
    expect(published.body.recipientCount).toBe(expected.length);
    const live = await t.services.events.since(seqBefore, 100);
    expect(
      live.some((e) => e.payload.type === 'announcement.changed' && e.payload.announcementId === notice),
    ).toBe(true);
    const feed = await t.request(who('chen.jing'), 'GET', '/api/announcements?view=feed');
    const item = feed.body.items.find((a: { id: string }) => a.id === notice);
    expect(item).toMatchObject({ me: { readAt: null, ackedAt: null, recipient: true } });
    // Pinned on top, then unread first.
    const unpinned = feed.body.items.filter((a: { pinned: boolean }) => !a.pinned);
    const unread = unpinned.map((a: { me: { readAt: string | null } }) => a.me.readAt === null);
    expect(unread.indexOf(false) === -1 || unread.lastIndexOf(true) < unread.indexOf(false)).toBe(true);
    expect(
      (await t.request(who('huang.li'), 'GET', '/api/announcements?view=feed')).body.items.map(
        (a: { id: string }) => a.id,
      ),
    ).not.toContain(notice);
    expect((await t.request(who('huang.li'), 'GET', `/api/announcements/${notice}`)).status).toBe(404);
    const inbox = await t.request(
      who('chen.jing'),
      'GET',
      '/api/notifications?kind=announcement.published&pageSize=100',
    );
    expect(
      inbox.body.items.filter((n: { link: string }) => n.link === `/announcements/${notice}`),
    ).toHaveLength(1);
  });

  it('counts reads and acknowledgements, late ones as late, per department and per month', async () => {
    // A group of its own under 市场部 (so its head sees it), so no other test's readers count.
    const group = await t.buildDepartment({ parent: marketingDept });
    const [first, second, third] = [
      await t.buildUser({ department: group }),
      await t.buildUser({ department: group }),
      // The group's head: a reader like the others, who also sees the group's receipts.
      await t.buildUser({ department: group, roles: ['department_head'] }),
    ];
    for (const u of [first!, second!, third!]) {
      ids.set(u.username, u.id);
      as.set(u.username, await t.sessionFor(u));
    }
    t.clock.set('2026-12-01T01:00:00.000Z');
    const notice = await hrNotice({ id: group.id, includeChildren: false }, 'published');
    const kpiQuery = `departmentId=${group.id}`;
    t.clock.set('2026-12-01T03:00:00.000Z');
    expect(
      (await t.request(who(first!.username), 'POST', `/api/announcements/${notice}/read`, {})).status,
    ).toBe(200);
    expect(
      (await t.request(who(first!.username), 'POST', `/api/announcements/${notice}/ack`, {})).status,
    ).toBe(200);
    // Two days before the deadline the two who have not acknowledged still have time: they are
    // shown apart as not yet due, and the rate counts only who is settled.
    const early = await t.request(who('gao.xiang'), 'GET', `/api/announcements/${notice}/stats`);
    expect(early.body.totals).toEqual({
      recipients: 3,
      read: 1,
      acknowledged: 1,
      overdue: 0,
      onTime: 1,
      late: 0,
      pending: 2,
    });
    expect(early.body.onTimeRate).toBe(1);
    const earlyKpi = await t.request(
      who('liu.yang'),
      'GET',
      `/api/announcements/kpi/on-time?from=2026-12&to=2026-12&${kpiQuery}`,
    );
    expect(earlyKpi.body.months[0]).toMatchObject({ recipients: 3, onTime: 1, late: 0, pending: 2, rate: 1 });
    expect(earlyKpi.body.departments).toEqual([
      {
        department: { id: group.id, name: group.name },
        recipients: 3,
        onTime: 1,
        late: 0,
        pending: 2,
        rate: 1,
      },
    ]);
    // The automatic reminder goes four working hours before the deadline, to those who have not acknowledged.
    const reminders = async (username: string) =>
      (
        await t.request(who(username), 'GET', '/api/notifications?kind=announcement.reminder&pageSize=100')
      ).body.items.filter((n: { link: string }) => n.link === `/announcements/${notice}`);
    t.clock.set('2026-12-03T05:59:00.000Z');
    await t.services.announcementPublishing.sweep();
    expect(await reminders(second!.username)).toHaveLength(0);
    t.clock.set('2026-12-03T06:00:00.000Z'); // Thursday 14:00
    await t.services.announcementPublishing.sweep();
    await t.services.announcementPublishing.sweep();
    expect(await reminders(second!.username)).toHaveLength(1);
    expect(await reminders(first!.username)).toHaveLength(0);
    t.clock.set('2026-12-04T02:00:00.000Z'); // Friday, after the deadline
    await t.request(who(second!.username), 'POST', `/api/announcements/${notice}/ack`, {});

    const stats = await t.request(who('gao.xiang'), 'GET', `/api/announcements/${notice}/stats`);
    expect(stats.status).toBe(200);
    // After the deadline: one acknowledged late, one never did — both late.
    expect(stats.body.totals).toEqual({
      recipients: 3,
      read: 2,
      acknowledged: 2,
      overdue: 1,
      onTime: 1,
      late: 2,
      pending: 0,
    });
    expect(stats.body.departments).toEqual([
      {
        department: { id: group.id, name: group.name },
        recipients: 3,
        read: 2,
        acknowledged: 2,
        overdue: 1,
        onTime: 1,
        late: 2,
        pending: 0,
      },
    ]);
    expect(stats.body.onTimeRate).toBeCloseTo(1 / 3);
    const notRead = await t.request(
      who(third!.username),
      'GET',
      `/api/announcements/${notice}/not-read?which=unacknowledged`,
    );
    expect(notRead.body.items.map((e: { user: { username: string } }) => e.user.username)).toEqual([
      third!.username,
    ]);
    // 销售部's head sees nothing of 市场部's people.
    const sales = await t.request(who('zhao.lei'), 'GET', `/api/announcements/${notice}/stats`);
    expect(sales.status).toBe(404);
    const reminded = await t.request(who('gao.xiang'), 'POST', `/api/announcements/${notice}/remind`, {
      which: 'unacknowledged',
    });
    expect(reminded.body.reminded).toBe(1);

    const kpi = await t.request(
      who('liu.yang'),
      'GET',
      `/api/announcements/kpi/on-time?from=2026-12&to=2027-01&${kpiQuery}`,
    );
    expect(kpi.status).toBe(200);
    expect(kpi.body.target).toBe(0.95);
    expect(kpi.body.months).toEqual([
      {
        month: '2026-12',
        recipients: 3,
        onTime: 1,
        late: 2,
        pending: 0,
        rate: 1 / 3,
        announcements: 1,
        // 市场部's head sees 市场部's readers, but accuracy belongs to the publishing department.
        corrected: 0,
        accuracyRate: null,
      },
      {
        month: '2027-01',
        recipients: 0,
        onTime: 0,
        late: 0,
        pending: 0,
        rate: null,
        announcements: 0,
        corrected: 0,
        accuracyRate: null,
      },
    ]);
  });

  it('keeps corrections as revisions with a note', async () => {
    // Published by a group of its own under 人力资源部, so the month's accuracy is this notice's alone.
    const departments = await t.services.departments.list();
    const desk = await t.buildDepartment({ parent: departments.find((d) => d.id === hr)! });
    t.clock.set('2026-12-01T01:00:00.000Z');
    const notice = (
      await buildAnnouncement(t, {
        author: await t.ctxFor({ id: ids.get('gao.xiang')! }),
        departmentId: desk.id,
        audience: { departments: [{ id: marketing, includeChildren: false }] },
        state: 'published',
      })
    ).id;
    const res = await t.request(who('gao.xiang'), 'POST', `/api/announcements/${notice}/correct`, {
      bodyHtml: '<p>请各位同事于<strong>12月5日</strong>前完成体检预约。</p>',
      note: '截止日期更正为12月5日',
    });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(2);
    // Counted against information accuracy for the month it was published in.
    const kpi = await t.request(
      who('he.jing'),
      'GET',
      `/api/announcements/kpi/on-time?from=2026-12&to=2026-12&departmentId=${desk.id}`,
    );
    expect(kpi.body.months[0]).toMatchObject({ corrected: 1, accuracyRate: 0 });
    expect(
      res.body.revisions.map((r: { revision: number; note: string | null }) => [r.revision, r.note]),
    ).toEqual([
      [1, null],
      [2, '截止日期更正为12月5日'],
    ]);
  });
});

describe('a major announcement', () => {
  it('also needs senior leadership', async () => {
    t.clock.set('2026-12-04T02:00:00.000Z'); // its effective date: published once approved
    const created = await t.request(who('gao.xiang'), 'POST', '/api/announcements', {
      categoryId: await category('policy'),
      title: '员工手册（2027版）发布',
      bodyHtml: '<p>新版员工手册自2027年1月1日起施行。</p>',
      publishingDepartmentId: hr,
      ownerId: ids.get('he.jing'),
      effectiveAt: '2026-12-04T02:00:00.000Z',
      importance: 'major',
      audience: { everyone: true },
    });
    const submitted = await t.request(
      who('gao.xiang'),
      'POST',
      `/api/announcements/${created.body.id}/submit`,
      {},
    );
    const approvalId = submitted.body.approvalId;
    const detail = await t.request(who('he.jing'), 'GET', `/api/approvals/${approvalId}`);
    expect(detail.body.steps.map((s: { name: string }) => s.name)).toEqual([
      '部门负责人审批',
      '分管领导审批',
      '高层领导审批',
    ]);
    await t.request(who('he.jing'), 'POST', `/api/approvals/${approvalId}/decision`, { decision: 'approve' });
    expect(
      (await t.request(who('gao.xiang'), 'GET', `/api/announcements/${created.body.id}`)).body.status,
    ).toBe('in_approval');
    const leaders = (await t.request(who('zhang.wei'), 'GET', `/api/approvals/${approvalId}`)).body.steps[2]
      .approvers;
    expect(leaders.map((a: { username: string }) => a.username).sort()).toEqual(['li.na', 'zhang.wei']);
    await t.request(who('zhang.wei'), 'POST', `/api/approvals/${approvalId}/decision`, {
      decision: 'approve',
    });
    const done = await t.request(who('gao.xiang'), 'GET', `/api/announcements/${created.body.id}`);
    expect(done.body.status).toBe('published');
    const employees = await t.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'employee')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(done.body.recipientCount).toBe(Number(employees.n));
  });

  it('returned for changes, corrected and resubmitted, goes round again', async () => {
    const created = await t.request(who('gao.xiang'), 'POST', '/api/announcements', {
      categoryId: await category('notice'),
      title: '关于调整考勤制度的通知',
      bodyHtml: '<p>草稿</p>',
      publishingDepartmentId: hr,
      ownerId: ids.get('gao.xiang'),
      effectiveAt: '2026-12-04T02:00:00.000Z',
      audience: { departments: [{ id: hr, includeChildren: false }] },
    });
    const submitted = await t.request(
      who('gao.xiang'),
      'POST',
      `/api/announcements/${created.body.id}/submit`,
      {},
    );
    const noReason = await t.request(
      who('he.jing'),
      'POST',
      `/api/approvals/${submitted.body.approvalId}/decision`,
      { decision: 'return' },
    );
    expect(noReason.status).toBe(400);
    await t.request(who('he.jing'), 'POST', `/api/approvals/${submitted.body.approvalId}/decision`, {
      decision: 'return',
      comment: '请补充生效日期',
    });
    const returned = await t.request(who('gao.xiang'), 'GET', `/api/announcements/${created.body.id}`);
    expect(returned.body.status).toBe('returned');
    await t.request(who('gao.xiang'), 'PATCH', `/api/announcements/${created.body.id}`, {
      bodyHtml: '<p>自12月1日起生效。</p>',
    });
    const again = await t.request(
      who('gao.xiang'),
      'POST',
      `/api/announcements/${created.body.id}/submit`,
      {},
    );
    expect(again.body.status).toBe('in_approval');
    const detail = await t.request(who('he.jing'), 'GET', `/api/approvals/${again.body.approvalId}`);
    expect(detail.body.round).toBe(2);
    expect(detail.body.timeline.map((a: { action: string }) => a.action)).toContain('resubmitted');
  });
});

describe('bad input', () => {
  it('refuses an audience that reaches nobody, an expiry before the effective date, and acting on a withdrawn request', async () => {
    const nobody = await t.request(who('gao.xiang'), 'POST', '/api/announcements', {
      categoryId: await category('general'),
      title: '空受众',
      bodyHtml: '<p>内容</p>',
      publishingDepartmentId: hr,
      ownerId: ids.get('gao.xiang'),
      effectiveAt: '2026-12-04T02:00:00.000Z',
      audience: { users: [] },
    });
    expect(nobody.status).toBe(201);
    const submit = await t.request(
      who('gao.xiang'),
      'POST',
      `/api/announcements/${nobody.body.id}/submit`,
      {},
    );
    expect(submit.status).toBe(400);
    expect(submit.body.error.details).toEqual([expect.objectContaining({ path: 'audience' })]);
    expect(
      (await t.request(who('gao.xiang'), 'GET', `/api/announcements/${nobody.body.id}`)).body.status,
    ).toBe('draft');

    const backwards = await t.request(who('gao.xiang'), 'POST', '/api/announcements', {
      categoryId: await category('general'),
      title: '倒置日期',
      bodyHtml: '<p>内容</p>',
      publishingDepartmentId: hr,
      ownerId: ids.get('gao.xiang'),
      effectiveAt: '2026-12-20T02:00:00.000Z',
      expiresAt: '2026-12-10T02:00:00.000Z',
      audience: { everyone: true },
    });
    expect(backwards.status).toBe(400);

    const other = await t.request(who('gao.xiang'), 'POST', '/api/announcements', {
      categoryId: await category('notice'),
      title: '撤回测试',
      bodyHtml: '<p>内容</p>',
      publishingDepartmentId: hr,
      ownerId: ids.get('gao.xiang'),
      effectiveAt: '2026-12-04T02:00:00.000Z',
      audience: { everyone: true },
    });
    const sub = await t.request(who('gao.xiang'), 'POST', `/api/announcements/${other.body.id}/submit`, {});
    const withdrawn = await t.request(
      who('gao.xiang'),
      'POST',
      `/api/approvals/${sub.body.approvalId}/withdraw`,
      { comment: null },
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    const late = await t.request(who('he.jing'), 'POST', `/api/approvals/${sub.body.approvalId}/decision`, {
      decision: 'approve',
    });
    expect(late.status).toBe(409);
    expect(
      (await t.request(who('gao.xiang'), 'GET', `/api/announcements/${other.body.id}`)).body.status,
    ).toBe('draft');
  });

  it('lets only publishers publish, and only for their own department', async () => {
    const body = {
      categoryId: await category('general'),
      title: 'x',
      bodyHtml: '<p>x</p>',
      publishingDepartmentId: hr,
      ownerId: ids.get('yang.fan'),
      effectiveAt: '2026-12-04T02:00:00.000Z',
      audience: { everyone: true },
    };
    expect((await t.request(who('yang.fan'), 'POST', '/api/announcements', body)).status).toBe(403);
    expect((await t.request(who('liu.yang'), 'POST', '/api/announcements', body)).status).toBe(403);
  });
});

describe('someone joining an audience department later', () => {
  it('sees the announcement and is counted from then on', async () => {
    const team = await t.buildDepartment();
    await t.buildUser({ department: team });
    await t.buildUser({ department: team });
    await t.buildUser({ department: team });
    const notice = (
      await buildAnnouncement(t, {
        audience: { departments: [{ id: team.id, includeChildren: true }] },
        requiresAck: true,
        state: 'published',
      })
    ).id;
    const author = await t.sessionFor({ id: t.adminCtx.actor.userId });
    // Three of the team acknowledge; then someone joins.
    for (const member of (
      await t.services.announcementReceipts.notDone(t.adminCtx, notice, {
        which: 'unacknowledged',
        page: 1,
        pageSize: 10,
      })
    ).items)
      await t.request(await t.sessionFor(member.user), 'POST', `/api/announcements/${notice}/ack`, {});
    const user = await t.buildUser({ department: team });
    const newAs = await t.sessionFor(user);
    const feed = await t.request(newAs, 'GET', '/api/announcements?view=feed');
    expect(feed.body.items.map((a: { id: string }) => a.id)).toContain(notice);
    const before = await t.request(author, 'GET', `/api/announcements/${notice}/stats`);
    expect(before.body.totals.recipients).toBe(4);
    await t.request(newAs, 'POST', `/api/announcements/${notice}/ack`, {});
    const stats = await t.request(author, 'GET', `/api/announcements/${notice}/stats`);
    expect(stats.body.totals.recipients).toBe(4);
    expect(stats.body.totals.acknowledged).toBe(4);
  });
});
