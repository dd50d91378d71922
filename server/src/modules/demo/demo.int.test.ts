import { DeptRequestListQuery, TaskListQuery } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import type { ActorContext } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { seedDemo } from './demo.seed.ts';

let t: TestApp;
const ctx = new Map<string, ActorContext>();

/** What a service call was refused with, by error code. */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'accepted';
}

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemo(t.services, t.database)).toBe(true);
  for (const username of ['huang.li', 'deng.jianguo', 'zhu.lin', 'liang.yu']) {
    const user = await t.services.users.findByUsername(t.database.db, username);
    ctx.set(username, await t.ctxFor(user!));
  }
}, 60_000);
afterAll(() => t.close());

async function channelNamed(username: string, name: string): Promise<string> {
  const channels = await t.services.channels.list(ctx.get(username)!, false);
  return channels.find((c) => c.name === name)!.id;
}

describe("the demo company's communication control", () => {
  it('blocks a valid ID card number to a counterparty, lets a wrong check character through, warns on a confidential word, and holds a bank card until approved', async () => {
    const huang = ctx.get('huang.li')!;
    const channelId = await channelNamed('huang.li', '星河零售集团-项目沟通群');
    const send = (body: string, extra: object = {}) =>
      t.services.messages.send(huang, channelId, { body, ...extra });

    expect(await refusal(send('邓总，我的身份证号 11010519491231002X'))).toBe('policy_blocked');
    expect((await send('订单号 110105194912310021 已发货')).status).toBe('created');
    expect(await refusal(send('投标底价下周确认'))).toBe('policy_confirmation_required');
    const confirmed = await send('投标底价下周确认', { confirm: true, justification: '客户已签保密协议' });
    expect(confirmed.status).toBe('created');

    const held = await send('货款请打到银行卡 6222021234567890128');
    expect(held.status).toBe('held');
    const deng = ctx.get('deng.jianguo')!;
    const seen = async () =>
      (await t.services.messages.list(deng, channelId, { limit: 50 })).items.map((m) => m.body);
    expect(await seen()).not.toContain('货款请打到银行卡 6222021234567890128');
    const queue = await t.services.review.list({ page: 1, pageSize: 20, status: 'pending' });
    await t.services.review.decide(ctx.get('zhu.lin')!, queue.items[0]!.id, { decision: 'approve' });
    expect(await seen()).toContain('货款请打到银行卡 6222021234567890128');
  });

  it('blocks advertising inside the company', async () => {
    const liang = ctx.get('liang.yu')!;
    const channels = await t.services.channels.list(liang, false);
    const internal = channels.find((c) => c.kind !== 'external' && c.canPost)!;
    expect(
      await refusal(t.services.messages.send(liang, internal.id, { body: '兼职日结，加微信了解' })),
    ).toBe('policy_blocked');
  });
});

describe("the demo company's work", () => {
  it('has tasks on the board and a request from 市场部 waiting on 法务部', async () => {
    const chen = await t.services.users.findByUsername(t.database.db, 'chen.jing');
    const chenCtx = await t.ctxFor(chen!);
    const mine = await t.services.tasks.list(chenCtx, TaskListQuery.parse({ view: 'mine' }));
    expect(mine.items.map((task) => task.title)).toContain('准备双十二活动方案');
    expect(new Set(mine.items.map((task) => task.status)).size).toBeGreaterThan(1);
    const zhuCtx = ctx.get('zhu.lin')!;
    const incoming = await t.services.requests.list(zhuCtx, DeptRequestListQuery.parse({ box: 'incoming' }));
    const waiting = incoming.items.find((r) => r.title === '审核双十二活动合作协议')!;
    expect(waiting).toMatchObject({
      fromDepartment: { name: '市场部' },
      toDepartment: { name: '法务部' },
      status: 'open',
    });
    expect(waiting.handler?.username).toBe('zhu.lin');
    const answered = incoming.items.find((r) => r.title === '星河零售合同续签条款审核')!;
    expect(answered).toMatchObject({ status: 'in_progress', respondedInTime: true });
  });
});
