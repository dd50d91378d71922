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
    expect((await search(aliceAs, '{grams} : "合同"')).items).toHaveLength(0);
    expect((await search(aliceAs, "'合同':* | x")).items).toHaveLength(0);
    expect((await search(aliceAs, '"合同" OR NEAR(x)')).items).toHaveLength(0);
    expect((await t.request(aliceAs, 'GET', '/api/search/messages?q=')).status).toBe(400);
    expect((await search(aliceAs, '！！！')).items).toEqual([]);
  });
});

describe('substrings of Chinese text', () => {
  let audit: string;
  const inAudit = (q: string) => search(aliceAs, q, `&channelId=${audit}`);
  const bodies = async (q: string) =>
    ((await inAudit(q)).items as { snippet: string }[]).map((i) => i.snippet).sort();

  const AUDIT = '下周一开始财务审计，请各部门配合';
  const SWAPPED = '审计报告已经发给财务了';
  const SPLIT = '财务部审计进度正常';
  const PUNCTUATED = '请找财务，审计下周来';

  beforeAll(async () => {
    audit = (await t.request(aliceAs, 'POST', '/api/channels', { kind: 'direct', memberIds: [bob.id] })).body
      .id;
    const ctx = await t.ctxFor(alice);
    for (const body of [AUDIT, SWAPPED, SPLIT, PUNCTUATED, '请法务部门确认', '发布会场布置好了']) {
      await t.services.messages.post(ctx, audit, { body });
    }
  });

  it('finds a pair of characters that straddles two words (务审 in 财务|审计)', async () => {
    expect(await bodies('务审')).toEqual([AUDIT]);
    expect(await bodies('计报')).toEqual([SWAPPED]);
    const hit = (await inAudit('务审')).items[0];
    const [start, end] = hit.highlights[0];
    expect(hit.snippet.slice(start, end)).toBe('务审');
  });

  it('finds a single character wherever it stands', async () => {
    expect(await bodies('审')).toEqual([AUDIT, SWAPPED, SPLIT, PUNCTUATED].sort());
    expect(await bodies('配')).toEqual([AUDIT]);
    expect((await inAudit('审')).terms).toEqual(['审']);
  });

  it('finds three-character words however the text around them was segmented', async () => {
    // The segmenter cuts 法务|部门 and 发布|会场: neither text has 部 or 会 as a word.
    expect((await inAudit('法务部')).items).toHaveLength(1);
    expect((await inAudit('发布会')).items).toHaveLength(1);
    expect(await bodies('务部审计')).toEqual([SPLIT]);
    expect(await bodies('开始财务审计')).toEqual([AUDIT]);
  });

  it('does not match characters that are present but not adjacent', async () => {
    // 审计…财务 reversed, 财务部审计 with a character between, 财务，审计 across punctuation.
    expect(await bodies('财务审计')).toEqual([AUDIT]);
    expect(await bodies('财务审')).toEqual([AUDIT]);
    expect(await bodies('计财')).toEqual([]);
    expect(await bodies('法务部审计')).toEqual([]);
    // Separate runs in the query are separate terms, each required, in any order.
    expect(await bodies('审计 财务')).toEqual([AUDIT, SWAPPED, SPLIT, PUNCTUATED].sort());
  });

  it('matches a query that crosses English and Chinese', async () => {
    for (const q of ['CRM系统', 'crm系统升级', '升级v2', 'v2.0计划下月']) {
      expect((await search(aliceAs, q)).items.length, q).toBe(1);
    }
    expect((await search(aliceAs, 'CRM系统下月上线周四')).items).toHaveLength(0);
  });

  it('finds the names of attached files by any part', async () => {
    const ctx = await t.ctxFor(bob);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(50, 2),
    ]);
    const file = await t.services.attachments.upload(ctx, audit, {
      fileName: '2026年度稽核底稿.png',
      data: png,
    });
    const msg = await t.services.messages.post(ctx, audit, { body: '附件请查收', attachmentIds: [file.id] });
    for (const q of ['稽核', '度稽', '稽', '年度稽核底稿', '2026年度', '底稿.png']) {
      expect(
        ((await inAudit(q)).items as { messageId: string }[]).map((i) => i.messageId),
        q,
      ).toEqual([msg.id]);
    }
  });

  it('follows edits and deletions character by character', async () => {
    const ctx = await t.ctxFor(alice);
    const msg = await t.services.messages.post(ctx, audit, { body: '库存盘点表在共享盘' });
    expect(await bodies('存盘')).toEqual(['库存盘点表在共享盘']);
    await t.services.messages.edit(ctx, audit, msg.id, { body: '盘点推迟到月底' });
    expect(await bodies('存盘')).toEqual([]);
    expect(await bodies('库')).toEqual([]);
    expect(await bodies('迟到月')).toEqual(['盘点推迟到月底']);
    await t.services.messages.remove(ctx, audit, msg.id);
    for (const q of ['盘', '迟到', '盘点推迟到月底']) expect(await bodies(q), q).toEqual([]);
  });
});
