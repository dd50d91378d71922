import type { User } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { DAY } from '../../platform/clock.ts';

let t: TestApp;
let officer: User;
/** A fresh session each time: these tests move the clock by years. */
const officerAs = () => t.sessionFor(officer);
let alice: User;
let bob: User;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2024-03-10T02:00:00.000Z');
  officer = await t.buildUser({ roles: ['compliance_officer'] });
  alice = await t.buildUser({ displayName: '陈静' });
  bob = await t.buildUser({ displayName: '刘洋' });
});
afterAll(() => t.close());

async function conversation(body: string, with_: User[] = [bob, officer]) {
  const ctx = await t.ctxFor(alice);
  const channel = await t.services.channels.create(ctx, {
    kind: 'direct',
    memberIds: with_.map((u) => u.id),
  });
  await t.services.messages.post(ctx, channel.id, { body });
  return channel.id;
}

async function count(channelId: string) {
  return (
    await t.database.db.selectFrom('messages').select('id').where('channel_id', '=', channelId).execute()
  ).length;
}

describe('retention policies', () => {
  it('keep at least two years and refuse anything shorter', async () => {
    const list = await t.request(await officerAs(), 'GET', '/api/retention/policies');
    expect(list.body.items.every((p: { keepDays: number }) => p.keepDays === 730)).toBe(true);
    expect(
      (await t.request(await officerAs(), 'PUT', '/api/retention/policies/direct', { keepDays: 365 })).status,
    ).toBe(400);
    const ok = await t.request(await officerAs(), 'PUT', '/api/retention/policies/external', {
      keepDays: 1825,
    });
    expect(ok.body.items.find((p: { channelKind: string }) => p.channelKind === 'external').keepDays).toBe(
      1825,
    );
    expect((await t.request(await t.sessionFor(alice), 'GET', '/api/retention/policies')).status).toBe(403);
  });

  it('delete what is older than the policy in the daily job, except under a legal hold', async () => {
    const plain = await conversation('普通沟通记录', [officer]);
    const held = await conversation('涉诉合同沟通', [await t.buildUser({ displayName: '法务' })]);
    // Bob's side of a conversation needs the other side too: a hold on him keeps Alice's words to him.
    const withHeldUser = await conversation('合同按80万签', [bob]);
    const byHeldUser = await t.services.channels.create(await t.ctxFor(bob), {
      kind: 'direct',
      memberIds: [officer.id],
    });
    await t.services.messages.post(await t.ctxFor(bob), byHeldUser.id, { body: '离职员工的沟通' });

    const hold = await t.request(await officerAs(), 'POST', '/api/retention/holds', {
      targetType: 'channel',
      targetId: held,
      reason: '合同纠纷诉讼',
    });
    expect(hold.status).toBe(201);
    const userHold = await t.request(await officerAs(), 'POST', '/api/retention/holds', {
      targetType: 'user',
      targetId: bob.id,
      reason: '内部调查',
    });
    expect(userHold.status).toBe(201);

    t.clock.advance(729 * DAY);
    await t.services.jobs.runDue(); // plans the first daily run
    t.clock.advance(DAY);
    await t.services.jobs.runDue();
    expect(await count(plain)).toBe(1); // exactly two years: still kept
    t.clock.advance(2 * DAY);
    await t.services.jobs.runDue();
    expect(await count(plain)).toBe(0);
    expect(await count(held)).toBe(1);
    expect(await count(byHeldUser.id)).toBe(1);
    expect(await count(withHeldUser)).toBe(1);
    const runs = await t.services.audit.list({ action: 'retention.applied', limit: 10 });
    expect(runs.items.some((r) => (r.summary.deleted as Record<string, number>).direct === 1)).toBe(true);

    await t.request(await officerAs(), 'POST', `/api/retention/holds/${hold.body.id}/release`);
    t.clock.advance(DAY);
    await t.services.jobs.runDue();
    expect(await count(held)).toBe(0);
    const holds = await t.request(await officerAs(), 'GET', '/api/retention/holds');
    expect(holds.body.items.find((h: { id: string }) => h.id === hold.body.id).releasedAt).not.toBeNull();
  });
});

describe('monthly archives', () => {
  it('writes JSON Lines and CSV for a channel-month and lets compliance download them, audited', async () => {
    t.clock.set('2026-10-15T04:00:00.000Z');
    const channelId = await conversation('十月的沟通记录，含"引号"与,逗号');
    const ctx = await t.ctxFor(alice);
    const edited = await t.services.messages.post(ctx, channelId, { body: '=HYPERLINK("x")' });
    await t.services.messages.edit(ctx, channelId, edited.id, { body: '修改后的内容' });
    t.clock.set('2026-11-02T01:00:00.000Z');

    expect(
      (await t.request(await officerAs(), 'POST', '/api/archives', { channelId, month: '2026-11' })).status,
    ).toBe(400);
    expect(
      (await t.request(await officerAs(), 'POST', '/api/archives', { channelId, month: '2026-10' })).status,
    ).toBe(202);
    await t.services.jobs.runDue();
    const list = await t.request(await officerAs(), 'GET', `/api/archives?channelId=${channelId}`);
    expect(list.body.items.map((a: { format: string }) => a.format).sort()).toEqual(['csv', 'jsonl']);
    expect(list.body.items[0].messageCount).toBe(2);

    const jsonl = list.body.items.find((a: { format: string }) => a.format === 'jsonl');
    const as = await officerAs();
    const cookie = as?.kind === 'session' ? as.token : '';
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/archives/${jsonl.id}/download`,
      headers: { cookie: `liaison_session=${cookie}` },
    });
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.body)).toEqual(['十月的沟通记录，含"引号"与,逗号', '修改后的内容']);
    expect(lines[1].revisions[0]).toMatchObject({ kind: 'edit', body: '=HYPERLINK("x")' });

    const csv = list.body.items.find((a: { format: string }) => a.format === 'csv');
    const csvRes = await t.app.inject({
      method: 'GET',
      url: `/api/archives/${csv.id}/download`,
      headers: { cookie: `liaison_session=${cookie}` },
    });
    expect(csvRes.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(csvRes.body).toContain('"十月的沟通记录，含""引号""与,逗号"');
    expect(csvRes.body).toContain(`'=HYPERLINK`);
    expect(csvRes.headers['content-disposition']).toContain('.csv');
    expect((await t.services.audit.list({ action: 'archive.downloaded', limit: 5 })).items).toHaveLength(2);
    expect((await t.request(await t.sessionFor(alice), 'GET', '/api/archives')).status).toBe(403);
  });

  it('archives every active channel of the month just ended on the 1st', async () => {
    t.clock.set('2026-12-10T04:00:00.000Z');
    const channelId = await conversation('十二月的记录');
    t.clock.set('2026-12-31T20:00:00.000Z'); // 04:00 on 1 January in Shanghai
    await t.services.jobs.runDue(); // plans the monthly run for 1 January 03:00 next year… already past today
    t.clock.set('2027-01-31T20:00:00.000Z');
    await t.services.jobs.runDue();
    await t.services.jobs.runDue();
    const list = await t.services.retention.archives({ channelId });
    expect(list.map((a) => a.month)).toContain('2026-12');
  });
});
