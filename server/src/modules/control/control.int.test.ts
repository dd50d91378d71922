import type { User } from '@liaison/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { plaintextLocations } from '../../../test/plaintext.ts';
import { readXlsx } from '../../../test/xlsx.ts';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';

// A valid resident ID (check character X) and the same number with a wrong check character.
const VALID_ID = '11010519491231002X';
const BAD_CHECK_ID = '110105194912310021';
// Luhn-valid card number.
const CARD = '6222021234567890128';

/** An ID number with its MOD 11-2 check character. */
function idCard(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The prefix with its Luhn check digit. */
function card(prefix: string): string {
  const valid = (s: string) =>
    [...s].reverse().reduce((sum, c, i) => {
      const v = Number(c) * (i % 2 === 1 ? 2 : 1);
      return sum + (v > 9 ? v - 9 : v);
    }, 0) %
      10 ===
    0;
  for (let d = 0; d <= 9; d++) if (valid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error('unreachable');
}

let t: TestApp;
let seller: User;
let contact: User;
let compliance: User;
let sellerAs: As;
let contactAs: As;
let complianceAs: As;
let counterparty: { id: string; name: string };
let channelId: string;
let teamChannelId: string;
let keywordsId: string;

beforeAll(async () => {
  t = await createTestApp();
  counterparty = await t.buildCounterparty('星河零售集团');
  seller = await t.buildUser({ username: 'huang.li', displayName: '黄丽', roles: ['liaison'] });
  contact = await t.buildUser({ username: 'deng.jg', displayName: '邓建国', kind: 'external', counterparty });
  compliance = await t.buildUser({ username: 'zhu.lin', displayName: '朱琳', roles: ['compliance_officer'] });
  sellerAs = await t.sessionFor(seller);
  contactAs = await t.sessionFor(contact);
  complianceAs = await t.sessionFor(compliance);
  const channel = await t.request(sellerAs, 'POST', '/api/channels', {
    kind: 'external',
    name: '星河零售集团-项目沟通群',
    counterpartyId: counterparty.id,
    memberIds: [contact.id],
  });
  channelId = channel.body.id;
  const colleague = await t.buildUser({ username: 'zhou.jie', displayName: '周杰' });
  const direct = await t.request(sellerAs, 'POST', '/api/channels', {
    kind: 'direct',
    memberIds: [colleague.id],
  });
  teamChannelId = direct.body.id;

  const keywords = await t.request(complianceAs, 'POST', '/api/control/detectors', {
    name: '机密关键词',
    type: 'keywords',
    terms: ['投标底价', '未公开财报', 'source code'],
  });
  expect(keywords.status).toBe(201);
  keywordsId = keywords.body.id;
  const policies = [
    {
      name: '个人信息对外保护',
      scope: { direction: 'external' },
      rules: [
        { name: '身份证号码', detectors: ['cn_id_card'], minConfidence: 0.8, action: 'block' },
        { name: '银行卡号', detectors: ['bank_card'], minConfidence: 0.8, action: 'hold' },
        { name: '邮箱地址', detectors: ['email'], action: 'redact' },
      ],
    },
    {
      name: '机密信息外发管控',
      scope: { direction: 'external' },
      rules: [{ name: '机密关键词', detectors: [keywordsId], action: 'warn', requireJustification: true }],
    },
    {
      name: '内部群聊规范',
      scope: { direction: 'internal' },
      rules: [
        {
          name: '重复刷屏',
          behaviour: { kind: 'repetition', maxRepeats: 2, windowSeconds: 300 },
          action: 'warn',
        },
      ],
    },
  ];
  for (const p of policies)
    expect((await t.request(complianceAs, 'POST', '/api/control/policies', p)).status).toBe(201);
});
afterAll(() => t.close());

const post = (as: As, body: unknown, channel = channelId) =>
  t.request(as, 'POST', `/api/channels/${channel}/messages`, body);
const bodies = async (as: As) =>
  (await t.request(as, 'GET', `/api/channels/${channelId}/messages?limit=200`)).body.items.map(
    (m: { body: string }) => m.body,
  );
const lastSeq = async () =>
  (await t.request(sellerAs, 'GET', `/api/channels/${channelId}`)).body.lastMessageSeq;

describe('detectors and policies', () => {
  it('refuses an invalid or catastrophic regular expression and an empty dictionary', async () => {
    const bad = await t.request(complianceAs, 'POST', '/api/control/detectors', {
      name: '坏正则',
      type: 'regex',
      pattern: '([a-z',
    });
    expect(bad.status).toBe(400);
    const evil = await t.request(complianceAs, 'POST', '/api/control/detectors', {
      name: '回溯正则',
      type: 'regex',
      pattern: '(a+)+$',
    });
    expect(evil.status).toBe(400);
    const empty = await t.request(complianceAs, 'POST', '/api/control/detectors', {
      name: '空词典',
      type: 'keywords',
      terms: ['  '],
    });
    expect(empty.status).toBe(400);
    const names = (await t.request(complianceAs, 'GET', '/api/control/detectors')).body.items.map(
      (d: { name: string }) => d.name,
    );
    expect(names).toEqual(['机密关键词']);
  });

  it('refuses rules that name unknown detectors or test nothing, and duplicate names', async () => {
    const unknown = await t.request(complianceAs, 'POST', '/api/control/policies', {
      name: '未知检测器',
      scope: { direction: 'external' },
      rules: [{ name: 'x', detectors: ['01a1ffc7-0000-7000-8000-000000000000'], action: 'block' }],
    });
    expect(unknown.status).toBe(400);
    const nothing = await t.request(complianceAs, 'POST', '/api/control/policies', {
      name: '空规则',
      scope: { direction: 'external' },
      rules: [{ name: 'x', action: 'block' }],
    });
    expect(nothing.status).toBe(400);
    const duplicate = await t.request(complianceAs, 'POST', '/api/control/policies', {
      name: '个人信息对外保护',
      scope: { direction: 'external' },
      rules: [{ name: 'x', detectors: ['email'], action: 'audit' }],
    });
    expect(duplicate.status).toBe(409);
    expect((await t.request(sellerAs, 'GET', '/api/control/policies')).status).toBe(403);
  });

  it('audits a policy change with before and after, keeps rule ids, refuses deleting a used detector', async () => {
    const list = (await t.request(complianceAs, 'GET', '/api/control/policies')).body.items;
    const policy = list.find((p: { name: string }) => p.name === '机密信息外发管控');
    const updated = await t.request(complianceAs, 'PUT', `/api/control/policies/${policy.id}`, {
      name: policy.name,
      scope: policy.scope,
      rules: policy.rules.map((r: { minCount: number }) => ({ ...r, minCount: 1 })),
      description: '机密关键词需说明理由',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    expect(updated.body.rules[0].id).toBe(policy.rules[0].id);
    const audit = await t.request(t.adminSession, 'GET', '/api/audit?action=control.policy.updated');
    const entry = audit.body.items.find((e: { targetId: string }) => e.targetId === policy.id);
    expect(entry.summary.before.rules).toBeDefined();
    expect(entry.summary.after.rules).toBeDefined();
    expect((await t.request(complianceAs, 'DELETE', `/api/control/detectors/${keywordsId}`)).status).toBe(
      409,
    );
  });

  it('tries a text against the policies without sending it', async () => {
    const tried = await t.request(complianceAs, 'POST', '/api/control/test', {
      text: `身份证号：${VALID_ID}`,
      channelId,
    });
    expect(tried.status).toBe(200);
    expect(tried.body.action).toBe('block');
    expect(tried.body.redacted).not.toContain(VALID_ID);
  });
});

describe('enforcement on messages to an external channel', () => {
  it('blocks a valid ID card number, names the rule, never echoes the value, stores nothing', async () => {
    const before = await lastSeq();
    const blocked = await post(sellerAs, { body: `邓总，合同联系人身份证号：${VALID_ID}，请查收。` });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe('policy_blocked');
    expect(blocked.body.error.details.rules[0].ruleName).toBe('身份证号码');
    expect(blocked.body.error.details.rules[0].kinds[0].detector).toBe('cn_id_card');
    expect(blocked.text).not.toContain(VALID_ID);
    expect(await lastSeq()).toBe(before);

    const events = await t.request(complianceAs, 'GET', '/api/control/events?action=block');
    expect(events.body.items[0].outcome).toBe('blocked');
    // Masked in the list; whole when one item is opened, and that opening is audited.
    expect(events.body.items[0].content).not.toContain(VALID_ID);
    const opened = await t.request(complianceAs, 'GET', `/api/control/events/${events.body.items[0].id}`);
    expect(opened.body.content).toContain(VALID_ID);
    const viewed = await t.request(t.adminSession, 'GET', '/api/audit?action=control.event.viewed');
    expect(viewed.body.items[0].targetId).toBe(events.body.items[0].id);
    const records = await t.request(complianceAs, 'GET', '/api/control/records?outcome=blocked');
    expect(records.body.items).toHaveLength(1);
    expect(records.body.items[0].summary).not.toContain(VALID_ID);
    const audit = await t.request(t.adminSession, 'GET', '/api/audit?action=control.message.blocked');
    expect(audit.body.items).toHaveLength(1);
  });

  it('blocks an ID number written in groups, whatever the separator, and masks all of it', async () => {
    const grouped = (sep: string) => ['110105', '19491231', '002X'].join(sep);
    for (const sep of [' ', '\u3000', '-', '.', '·', '/']) {
      const blocked = await post(sellerAs, { body: `邓总，联系人 ${grouped(sep)}，请查收。` });
      expect(blocked.status, JSON.stringify(sep)).toBe(422);
      expect(blocked.body.error.details.rules[0].ruleName).toBe('身份证号码');
      expect(blocked.text).not.toContain('19491231');
    }
    // A spaced number with a wrong check character is still only digits.
    expect((await post(sellerAs, { body: '编号 110105 19491231 0021 的货已发出' })).status).toBe(201);
    const events = await t.request(complianceAs, 'GET', '/api/control/events?action=block');
    const records = await t.request(complianceAs, 'GET', '/api/control/records?outcome=blocked');
    for (const shown of [
      ...events.body.items.map((e: { content: string }) => e.content),
      ...records.body.items.map((r: { summary: string }) => r.summary),
    ]) {
      expect(shown).not.toMatch(/19491231|1949.?1231/);
    }
    expect(events.body.items.map((e: { content: string }) => e.content)).toContainEqual(
      expect.stringContaining('联系人 110***/********/002X，'),
    );
  });

  it('lets an ID-shaped number with a wrong check character through', async () => {
    const ok = await post(sellerAs, { body: `编号 ${BAD_CHECK_ID} 的订单已发货` });
    expect(ok.status).toBe(201);
  });

  it('asks for confirmation and a reason before confidential keywords leave, and records the reason', async () => {
    const text = '投标底价我们内部再确认一下';
    const warned = await post(sellerAs, { body: text });
    expect(warned.status).toBe(409);
    expect(warned.body.error.code).toBe('policy_confirmation_required');
    expect(warned.body.error.details.requireJustification).toBe(true);
    expect((await post(sellerAs, { body: text, confirm: true })).status).toBe(400);
    expect(await bodies(contactAs)).not.toContain(text);
    const sent = await post(sellerAs, { body: text, confirm: true, justification: '客户已签保密协议' });
    expect(sent.status).toBe(201);
    expect(await bodies(contactAs)).toContain(text);
    const event = (await t.request(complianceAs, 'GET', '/api/control/events?action=warn')).body.items[0];
    expect(event.justification).toBe('客户已签保密协议');
    expect(event.outcome).toBe('warned');
    expect(event.messageId).toBe(sent.body.id);
  });

  it('lets the strictest action win when several rules match', async () => {
    const both = await post(sellerAs, {
      body: `投标底价见附件，联系人身份证 ${VALID_ID}`,
      confirm: true,
      justification: 'x',
    });
    expect(both.status).toBe(422);
  });

  it('holds a bank card number until a compliance officer approves; then the contact sees it', async () => {
    const text = `请把货款打到银行卡 ${CARD}，户名黄丽`;
    const held = await post(sellerAs, { body: text, clientId: 'held-1' });
    expect(held.status).toBe(202);
    expect(held.body.status).toBe('held');
    expect(held.body.rules).toEqual(['银行卡号']);
    // A retry of the same post is the same held message, not a second one.
    const retried = await post(sellerAs, { body: text, clientId: 'held-1' });
    expect(retried.status).toBe(202);
    expect(retried.body.id).toBe(held.body.id);
    expect(await bodies(contactAs)).not.toContain(text);
    const mine = await t.request(sellerAs, 'GET', `/api/channels/${channelId}/held`);
    expect(mine.body.items.map((h: { id: string }) => h.id)).toEqual([held.body.id]);
    expect((await t.request(contactAs, 'GET', `/api/channels/${channelId}/held`)).body.items).toEqual([]);

    const queue = await t.request(complianceAs, 'GET', '/api/control/events?status=todo');
    const item = (await t.request(complianceAs, 'GET', `/api/control/events/${queue.body.items[0].id}`)).body;
    expect(item.status).toBe('pending');
    expect(item.highlights.length).toBeGreaterThan(0);
    expect(item.content.slice(item.highlights[0].start, item.highlights[0].end).replace(/\D/g, '')).toBe(
      CARD,
    );
    // Only a pending item can be approved; a reviewer outside compliance cannot decide at all.
    expect(
      (await t.request(sellerAs, 'POST', `/api/control/events/${item.id}/decision`, { decision: 'approve' }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.request(complianceAs, 'POST', `/api/control/events/${item.id}/decision`, {
          decision: 'reviewed',
        })
      ).status,
    ).toBe(409);

    const approved = await t.request(complianceAs, 'POST', `/api/control/events/${item.id}/decision`, {
      decision: 'approve',
      comment: '客户指定收款账户，已核实',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.reviewedBy.id).toBe(compliance.id);
    const delivered = (await t.request(contactAs, 'GET', `/api/channels/${channelId}/messages?limit=200`))
      .body.items;
    expect(delivered.find((m: { body: string }) => m.body === text)?.id).toBe(held.body.id);
    const after = await t.request(sellerAs, 'GET', `/api/channels/${channelId}/held`);
    expect(after.body.items[0].status).toBe('approved');
    expect(after.body.items[0].reviewComment).toBe('客户指定收款账户，已核实');
    // The sender was told live (the event is in the log for their socket to replay): the held
    // message's id, twice (held, then approved), never its text.
    const told = (await t.services.events.since(0, 1000)).filter(
      (e) => e.payload.type === 'held.updated' && e.payload.heldId === held.body.id,
    );
    expect(told).toHaveLength(2);
    expect(told.every((e) => e.userIds?.includes(seller.id))).toBe(true);
    expect(told.map((e) => Object.keys(e.payload).sort())).toEqual([
      ['channelId', 'heldId', 'type'],
      ['channelId', 'heldId', 'type'],
    ]);
    // …and through the notification center, in their inbox.
    const inbox = await t.request(sellerAs, 'GET', '/api/notifications?kind=control.decided');
    expect(inbox.body.items[0]).toMatchObject({
      title: '暂扣的消息已放行',
      subject: { type: 'held_message' },
    });
    const again = await t.request(complianceAs, 'POST', `/api/control/events/${item.id}/decision`, {
      decision: 'reject',
    });
    expect(again.status).toBe(409);
    const records = await t.request(complianceAs, 'GET', '/api/control/records?outcome=approved');
    expect(records.body.items[0].messageId).toBe(held.body.id);
  });

  it('never delivers a rejected held message', async () => {
    const text = `备用卡号 6217001234567893 也可以收款（银行卡）`;
    const held = await post(sellerAs, { body: text });
    expect(held.status).toBe(202);
    const queue = await t.request(complianceAs, 'GET', '/api/control/events?status=pending');
    const rejected = await t.request(
      complianceAs,
      'POST',
      `/api/control/events/${queue.body.items[0].id}/decision`,
      {
        decision: 'reject',
        comment: '请走对公账户',
      },
    );
    expect(rejected.status).toBe(200);
    expect(await bodies(contactAs)).not.toContain(text);
    const mine = (await t.request(sellerAs, 'GET', `/api/channels/${channelId}/held`)).body.items;
    expect(mine.find((h: { id: string }) => h.id === held.body.id).status).toBe('rejected');
  });

  it('masks an email address for the recipients and keeps the original for compliance', async () => {
    const sent = await post(sellerAs, { body: '报价单请发 huang.li@example.cn 谢谢' });
    expect(sent.status).toBe(201);
    expect(sent.body.redacted).toBe(true);
    expect(sent.body.body).not.toContain('huang.li@example.cn');
    expect(await bodies(contactAs)).toContain(sent.body.body);
    const history = await t.request(
      complianceAs,
      'GET',
      `/api/channels/${channelId}/messages/${sent.body.id}/history`,
    );
    expect(history.body.revisions[0].body).toContain('huang.li@example.cn');
    expect(history.body.revisions.at(-1).kind).toBe('redact');
    expect(history.body.revisions.at(-1).body).toBe(sent.body.body);
  });

  it('records but does not enforce a policy in test mode', async () => {
    const created = await t.request(complianceAs, 'POST', '/api/control/policies', {
      name: '试运行：IP 地址',
      mode: 'test',
      scope: { direction: 'any' },
      rules: [{ name: '服务器地址', detectors: ['ip_address'], action: 'block' }],
    });
    expect(created.status).toBe(201);
    const sent = await post(sellerAs, { body: '测试服务器地址 10.20.30.40 已开通' });
    expect(sent.status).toBe(201);
    const event = (await t.request(complianceAs, 'GET', '/api/control/events')).body.items.find(
      (e: { messageId: string }) => e.messageId === sent.body.id,
    );
    expect(event.matches[0].test).toBe(true);
    expect(event.outcome).toBe('allowed');
  });

  it('masks only what enforcing redact rules found, never what a test-mode rule saw', async () => {
    const sent = await post(sellerAs, { body: '请发 huang.li@example.cn，服务器 10.20.30.41' });
    expect(sent.status).toBe(201);
    expect(sent.body.body).not.toContain('huang.li@example.cn');
    expect(sent.body.body).toContain('10.20.30.41');
  });

  it('holds instead of redacting when the match is in a file name, and lets the sender open the file', async () => {
    const ctx = await t.ctxFor(seller);
    const file = await t.services.attachments.upload(ctx, channelId, {
      fileName: 'huang.li@example.cn.txt',
      data: Buffer.from('报价说明'),
    });
    const held = await post(sellerAs, { body: '附件请查收', attachmentIds: [file.id] });
    expect(held.status).toBe(202);
    const own = await t.services.attachments.open(ctx, file.id);
    own.stream.destroy();
    await expect(t.services.attachments.open(await t.ctxFor(contact), file.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    const queue = await t.request(complianceAs, 'GET', '/api/control/events?status=pending');
    const decided = await t.request(
      complianceAs,
      'POST',
      `/api/control/events/${queue.body.items[0].id}/decision`,
      {
        decision: 'reject',
        comment: '请勿在文件名中写邮箱',
      },
    );
    expect(decided.status).toBe(200);
  });

  it('delivers an approved held message masked where a redact rule also matched', async () => {
    const text = `货款打到银行卡 ${CARD}，回执发 huang.li@example.cn`;
    const held = await post(sellerAs, { body: text });
    expect(held.status).toBe(202);
    expect(held.body.body).toBe(text);
    const queue = await t.request(complianceAs, 'GET', '/api/control/events?status=pending');
    await t.request(complianceAs, 'POST', `/api/control/events/${queue.body.items[0].id}/decision`, {
      decision: 'approve',
    });
    const delivered = (
      await t.request(contactAs, 'GET', `/api/channels/${channelId}/messages/${held.body.id}`)
    ).body;
    expect(delivered.redacted).toBe(true);
    expect(delivered.body).toContain(CARD);
    expect(delivered.body).not.toContain('huang.li@example.cn');
  });

  it('checks an edit like a post: what would be blocked or held is refused, a warning needs confirming', async () => {
    const sent = await post(sellerAs, { body: '稍后发您资料' });
    const url = `/api/channels/${channelId}/messages/${sent.body.id}`;
    const blocked = await t.request(sellerAs, 'PATCH', url, { body: `身份证号 ${VALID_ID}` });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe('policy_blocked');
    const held = await t.request(sellerAs, 'PATCH', url, { body: `银行卡 ${CARD}` });
    expect(held.status).toBe(422);
    expect((await t.request(contactAs, 'GET', url)).body.body).toBe('稍后发您资料');
    expect((await t.request(sellerAs, 'PATCH', url, { body: '未公开财报稍后发您' })).status).toBe(409);
    const confirmed = await t.request(sellerAs, 'PATCH', url, {
      body: '未公开财报稍后发您',
      confirm: true,
      justification: '已获董事会授权',
    });
    expect(confirmed.status).toBe(200);
    expect((await t.request(contactAs, 'GET', url)).body.body).toBe('未公开财报稍后发您');
  });

  it('records what a counterparty contact sends as inbound, without policing it', async () => {
    const sent = await post(contactAs, { body: `我的身份证号 ${VALID_ID}，麻烦登记` });
    expect(sent.status).toBe(201);
    const records = await t.request(complianceAs, 'GET', `/api/control/records?personId=${contact.id}`);
    expect(records.body.items[0].direction).toBe('inbound');
    // The record masks personal numbers whatever the policies said.
    expect(records.body.items[0].summary).not.toContain(VALID_ID);
    expect(records.body.items[0].counterparty.name).toBe('星河零售集团');
  });
});

describe('internal channel hygiene', () => {
  it('warns on the same text posted over and over', async () => {
    for (let i = 0; i < 2; i++)
      expect((await post(sellerAs, { body: '大家快来看看' }, teamChannelId)).status).toBe(201);
    const third = await post(sellerAs, { body: '大家快来看看' }, teamChannelId);
    expect(third.status).toBe(409);
    expect(third.body.error.details.rules[0].ruleName).toBe('重复刷屏');
    expect((await post(sellerAs, { body: '换一句话' }, teamChannelId)).status).toBe(201);
  });

  it('does not record ordinary internal messages', async () => {
    const before = (await t.request(complianceAs, 'GET', '/api/control/events')).body.total;
    expect((await post(sellerAs, { body: '下午三点开会' }, teamChannelId)).status).toBe(201);
    expect((await t.request(complianceAs, 'GET', '/api/control/events')).body.total).toBe(before);
  });
});

describe('the external communication record', () => {
  it('filters by person, counterparty and outcome and exports to Excel', async () => {
    const all = await t.request(
      complianceAs,
      'GET',
      `/api/control/records?counterpartyId=${counterparty.id}`,
    );
    expect(all.body.total).toBeGreaterThanOrEqual(6);
    const mine = await t.request(
      complianceAs,
      'GET',
      `/api/control/records?personId=${seller.id}&outcome=warned`,
    );
    // The confirmed post and the confirmed edit.
    expect(mine.body.items).toHaveLength(2);
    const found = await t.request(
      complianceAs,
      'GET',
      `/api/control/records?q=${encodeURIComponent('订单')}`,
    );
    expect(found.body.items).toHaveLength(1);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/control/records/export?personId=${seller.id}`,
      headers: { cookie: `liaison_session=${complianceAs?.kind === 'session' ? complianceAs.token : ''}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { sheet, rows } = await readXlsx(res.rawPayload);
    expect(sheet).toBe('对外沟通记录');
    expect(rows[0]).toContain('管控结果');
    const total = (await t.request(complianceAs, 'GET', `/api/control/records?personId=${seller.id}`)).body
      .total;
    expect(rows.length - 1).toBe(total);
    expect(rows.slice(1).some((r) => r.includes('已拦截'))).toBe(true);
    expect((await t.request(sellerAs, 'GET', '/api/control/records')).status).toBe(403);
  });
});

describe('what a policy caught, at rest', () => {
  /** A valid ID number, card and email no other test uses, to look for everywhere. */
  const ID = idCard('44030619900307123');
  const SPACED_ID = `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`;
  const HELD_CARD = card('621700123456789001');
  const APPROVED_CARD = card('621700987654321001');
  const EMAIL = 'zhao.min.caught@example.cn';
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(t.database.db)
      .then((r) => r.rows);
  const pendingEventOf = async (fragment: string) => {
    const queue = (await t.request(complianceAs, 'GET', '/api/control/events?status=pending')).body.items;
    // The list is masked: find the item by what it shows.
    return queue.find((e: { content: string }) => e.content.includes(fragment)).id as string;
  };

  it('keeps blocked, held and redacted content sealed, in the tables and the event log', async () => {
    expect((await post(sellerAs, { body: `合同联系人 ${SPACED_ID} 请核对` })).status).toBe(422);
    const held = await post(sellerAs, { body: `退款请打到银行卡 ${HELD_CARD}（退款单）` });
    expect(held.status).toBe(202);
    // Its sender sees their own message as written.
    expect(held.body.body).toContain(HELD_CARD);
    const mine = (await t.request(sellerAs, 'GET', `/api/channels/${channelId}/held`)).body.items;
    expect(mine.find((h: { id: string }) => h.id === held.body.id).body).toContain(HELD_CARD);
    await t.request(
      complianceAs,
      'POST',
      `/api/control/events/${await pendingEventOf('（退款单）')}/decision`,
      { decision: 'reject', comment: '请走对公账户' },
    );
    const redacted = await post(sellerAs, { body: `回执请发 ${EMAIL}` });
    expect(redacted.status).toBe(201);
    expect(redacted.body.body).not.toContain(EMAIL);

    // Nowhere in the database: not in the review queue's table, the held message, the redacted
    // message's kept original, the event log, the external record, the search index, the audit log.
    const digits = ID.slice(0, 17);
    expect(await plaintextLocations(t.database, [digits, SPACED_ID, HELD_CARD, EMAIL])).toEqual([]);
    for (const r of await rows('select content, sealed from control_events')) {
      expect(r.sealed).toBe(1);
      expect(String(r.content)).toMatch(/^v1\./);
    }
    for (const r of await rows('select body, delivered_body, sealed from held_messages')) {
      expect(r.sealed).toBe(1);
      expect(String(r.body)).toMatch(/^v1\./);
    }
    for (const r of await rows("select body, sealed from message_revisions where kind = 'redact'"))
      expect(r.sealed).toBe(1);
    for (const r of await rows("select payload from events where type = 'held.updated'"))
      expect(Object.keys(JSON.parse(String(r.payload))).sort()).toEqual(['channelId', 'heldId', 'type']);
  });

  it('shows it whole only to a compliance officer opening one item, and audits each reading', async () => {
    const list = (await t.request(complianceAs, 'GET', '/api/control/events?pageSize=100')).body.items;
    const shown = JSON.stringify(list);
    for (const value of [ID, SPACED_ID, HELD_CARD, EMAIL]) expect(shown).not.toContain(value);
    const blocked = list.find((e: { content: string }) => e.content.endsWith(' 请核对'));
    expect(blocked.content).toContain('440*** ******** ');

    const readings = async () =>
      (
        await t.request(
          t.adminSession,
          'GET',
          `/api/audit?action=control.event.viewed&targetId=${blocked.id}`,
        )
      ).body.items;
    expect(await readings()).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const opened = await t.request(complianceAs, 'GET', `/api/control/events/${blocked.id}`);
      expect(opened.body.content).toContain(SPACED_ID);
    }
    const viewed = await readings();
    expect(viewed).toHaveLength(2);
    expect(viewed[0]).toMatchObject({ targetId: blocked.id, actor: { id: compliance.id } });
    // Anyone else: not at all.
    expect((await t.request(sellerAs, 'GET', `/api/control/events/${blocked.id}`)).status).toBe(403);
    expect((await t.request(sellerAs, 'GET', '/api/control/events')).status).toBe(403);
  });

  it('delivers the original text of an approved held message', async () => {
    const text = `货款请打到银行卡 ${APPROVED_CARD}（第二笔）`;
    const held = await post(sellerAs, { body: text });
    expect(held.status).toBe(202);
    const [row] = await rows(`select body from held_messages where id = '${held.body.id}'`);
    expect(String(row!.body)).not.toContain(APPROVED_CARD);
    const approved = await t.request(
      complianceAs,
      'POST',
      `/api/control/events/${await pendingEventOf('（第二笔）')}/decision`,
      { decision: 'approve' },
    );
    expect(approved.status).toBe(200);
    const delivered = await t.request(
      contactAs,
      'GET',
      `/api/channels/${channelId}/messages/${held.body.id}`,
    );
    expect(delivered.body.body).toBe(text);
    // Still sealed where it was held; now in the channel, where the recipients read it.
    expect(await plaintextLocations(t.database, [APPROVED_CARD])).not.toContain('held_messages.body');
  });
});

describe('anomaly alerts', () => {
  it('raises one alert when a person sends ten times their usual external volume, and it is acknowledged once', async () => {
    const regular = await t.buildUser({ username: 'sun.yue', displayName: '孙悦', roles: ['liaison'] });
    const regularAs = await t.sessionFor(regular);
    // Weeks pass below, longer than any session lives: post through the service.
    const regularCtx = await t.ctxFor(regular);
    const send = (channel: string, body: string) => t.services.messages.post(regularCtx, channel, { body });
    const other = await t.buildCounterparty('恒通物流');
    const otherContact = await t.buildUser({ kind: 'external', counterparty: other });
    const ch = await t.request(regularAs, 'POST', '/api/channels', {
      kind: 'external',
      name: '恒通物流-物流协调群',
      counterpartyId: other.id,
      memberIds: [otherContact.id],
    });
    // Two weeks of a normal rhythm: two messages on a working morning.
    // Ten past an hour, so each day's two messages fall in one clock hour whenever the test runs.
    const start = Math.floor(t.clock.now().getTime() / HOUR) * HOUR + 10 * MINUTE;
    for (let day = 0; day < 14; day++) {
      t.clock.set(new Date(start + day * DAY));
      for (let i = 0; i < 2; i++) {
        await send(ch.body.id, `第${day}天入库计划${i}`);
        t.clock.advance(5 * MINUTE);
      }
    }
    expect(await t.services.anomalies.sweep()).toBe(0);
    // Then, one hour, forty messages out.
    t.clock.set(new Date(start + 15 * DAY + 2 * HOUR));
    for (let i = 0; i < 40; i++) {
      await send(ch.body.id, `批量发送 ${i}`);
      t.clock.advance(MINUTE);
    }
    expect(await t.services.anomalies.sweep()).toBeGreaterThanOrEqual(1);
    expect(await t.services.anomalies.sweep()).toBe(0);
    complianceAs = await t.sessionFor(compliance);
    const alerts = await t.request(complianceAs, 'GET', `/api/control/alerts?userId=${regular.id}`);
    const spike = alerts.body.items.find((a: { kind: string }) => a.kind === 'volume_spike');
    expect(spike.observed).toBeGreaterThanOrEqual(20);
    expect(spike.baseline).toBe(2);
    const ack = await t.request(complianceAs, 'POST', `/api/control/alerts/${spike.id}/acknowledge`, {
      comment: '季度末集中对账，已核实',
    });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    expect(
      (await t.request(complianceAs, 'POST', `/api/control/alerts/${spike.id}/acknowledge`, {})).status,
    ).toBe(409);
    const audit = await t.request(
      await t.sessionFor(t.admin),
      'GET',
      '/api/audit?action=control.alert.acknowledged',
    );
    expect(audit.body.items).toHaveLength(1);
  });
});
