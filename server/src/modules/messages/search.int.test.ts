import type { User } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let alice: User;
let bob: User;
let carol: User;
let aliceAs: As;
let shared: string;
let secret: string;

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.buildUser({ displayName: '陈静' });
  bob = await t.buildUser({ displayName: '刘洋' });
  carol = await t.buildUser({ displayName: '黄丽' });
  aliceAs = await t.sessionFor(alice);
  shared = (
    await t.request(aliceAs, 'POST', '/api/channels', { kind: 'direct', memberIds: [bob.id, carol.id] })
  ).body.id;
  secret = (await t.services.channels.create(await t.ctxFor(bob), { kind: 'direct', memberIds: [carol.id] }))
    .id;
  const say = (as: User, channel: string, body: string) =>
    t.ctxFor(as).then((ctx) => t.services.messages.post(ctx, channel, { body }));
  await say(alice, shared, '明天下午三点讨论新品发布会的场地合同');
  await say(bob, shared, '供应商的保密协议已经签署，请法务部归档');
  await say(carol, shared, 'CRM系统升级v2.0计划下月上线，Meeting改到周四');
  await say(bob, shared, 'The quarterly report is ready for review');
  await say(bob, secret, '这份合同只给黄丽看');
});
afterAll(() => t.close());

const search = async (as: As, q: string, extra = '') =>
  (await t.request(as, 'GET', `/api/search/messages?q=${encodeURIComponent(q)}${extra}`)).body;

describe('message search', () => {
  it('finds a two-character Chinese word inside an unspaced sentence, with its position highlighted', async () => {
    const res = await search(aliceAs, '合同');
    expect(res.terms).toEqual(['合同']);
    expect(res.items).toHaveLength(1);
    const [hit] = res.items;
    expect(hit.snippet).toContain('场地合同');
    const [start, end] = hit.highlights[0];
    expect(hit.snippet.slice(start, end)).toBe('合同');
    expect(hit.channel.id).toBe(shared);
  });

  it('finds words the segmenter splits differently alone and in context', async () => {
    for (const q of ['供应商', '法务部', '保密协议', '发布会']) {
      expect((await search(aliceAs, q)).items.length, q).toBe(1);
    }
  });

  it('handles mixed Chinese and English, English prefixes and case', async () => {
    expect((await search(aliceAs, 'crm 升级')).items).toHaveLength(1);
    expect((await search(aliceAs, 'meeting')).items).toHaveLength(1);
    expect((await search(aliceAs, 'QUARTER')).items).toHaveLength(1);
    expect((await search(aliceAs, '合同 review')).items).toHaveLength(0);
  });

  it('only returns messages the caller may read; compliance officers read everything', async () => {
    expect((await search(await t.sessionFor(carol), '合同')).items).toHaveLength(2);
    expect((await search(aliceAs, '合同')).items).toHaveLength(1);
    const officer = await t.buildUser({ roles: ['compliance_officer'] });
    expect((await search(await t.sessionFor(officer), '合同')).items).toHaveLength(2);
  });

  it('filters by channel, author and date', async () => {
    const carolAs = await t.sessionFor(carol);
    expect((await search(carolAs, '合同', `&channelId=${secret}`)).items).toHaveLength(1);
    expect((await search(carolAs, '合同', `&authorId=${alice.id}`)).items).toHaveLength(1);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await search(carolAs, '合同', `&from=${encodeURIComponent(future)}`)).items).toHaveLength(0);
  });

  it('follows edits and deletions', async () => {
    const ctx = await t.ctxFor(alice);
    const msg = await t.services.messages.post(ctx, shared, { body: '预算表需要重新核对' });
    expect((await search(aliceAs, '预算')).items).toHaveLength(1);
    await t.services.messages.edit(ctx, shared, msg.id, { body: '差旅费用需要重新核对' });
    expect((await search(aliceAs, '预算')).items).toHaveLength(0);
    expect((await search(aliceAs, '差旅')).items).toHaveLength(1);
    await t.services.messages.remove(ctx, shared, msg.id);
    expect((await search(aliceAs, '差旅')).items).toHaveLength(0);
  });

  it('pages through results, saying whether more follow', async () => {
    const ctx = await t.ctxFor(alice);
    for (let i = 0; i < 3; i++) await t.services.messages.post(ctx, shared, { body: `第${i}次周报已提交` });
    const first = await search(aliceAs, '周报', '&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const last = await search(aliceAs, '周报', '&limit=2&offset=2');
    expect(last.items).toHaveLength(1);
    expect(last.hasMore).toBe(false);
    const seen = new Set([...first.items, ...last.items].map((h: { messageId: string }) => h.messageId));
    expect(seen.size).toBe(3);
  });

  it('treats query syntax as text and refuses empty queries', async () => {
    expect((await search(aliceAs, '"合同" OR NEAR(x)')).items).toHaveLength(0);
    expect((await t.request(aliceAs, 'GET', '/api/search/messages?q=')).status).toBe(400);
    expect((await search(aliceAs, '！！！')).items).toEqual([]);
  });
});
