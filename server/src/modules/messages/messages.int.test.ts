import type { User } from '@liaison/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { buildChannel } from '../../../test/factories/messaging.ts';
import { MINUTE } from '../../platform/clock.ts';

let t: TestApp;
let owner: User;
let member: User;
let outsider: User;
let compliance: User;
let channelId: string;
let ownerAs: As;
let memberAs: As;

beforeAll(async () => {
  t = await createTestApp({ messaging: { editWindowMinutes: 10, attachmentMaxBytes: 64 * 1024 } });
  owner = await t.buildUser({ username: 'owner.one', displayName: '群主' });
  member = await t.buildUser({ username: 'member.one', displayName: '成员' });
  outsider = await t.buildUser({ username: 'outsider', displayName: '外人' });
  compliance = await t.buildUser({ roles: ['compliance_officer'] });
  ownerAs = await t.sessionFor(owner);
  memberAs = await t.sessionFor(member);
});
// Each test posts into a group conversation of its own: numbering, paging and counts start afresh.
beforeEach(async () => {
  channelId = (await buildChannel(t, { kind: 'direct', by: owner, members: [member, t.admin] })).id;
});
afterAll(() => t.close());

const post = (as: As, body: unknown) => t.request(as, 'POST', `/api/channels/${channelId}/messages`, body);

describe('posting', () => {
  it('posts, numbers messages in order, and pages backwards with a cursor', async () => {
    for (let i = 1; i <= 5; i++) expect((await post(ownerAs, { body: `第${i}条消息` })).status).toBe(201);
    const latest = await t.request(memberAs, 'GET', `/api/channels/${channelId}/messages?limit=2`);
    expect(latest.body.items.map((m: { body: string }) => m.body)).toEqual(['第4条消息', '第5条消息']);
    const older = await t.request(
      memberAs,
      'GET',
      `/api/channels/${channelId}/messages?limit=2&before=${latest.body.nextBefore}`,
    );
    expect(older.body.items.map((m: { body: string }) => m.body)).toEqual(['第2条消息', '第3条消息']);
    const newer = await t.request(memberAs, 'GET', `/api/channels/${channelId}/messages?after=4`);
    expect(newer.body.items.map((m: { seq: number }) => m.seq)).toEqual([5]);
  });

  it('refuses non-members, empty and over-long bodies and unknown fields, writing nothing', async () => {
    const before = (await t.request(ownerAs, 'GET', `/api/channels/${channelId}`)).body.lastMessageSeq;
    const notMember = await post(await t.sessionFor(outsider), { body: '我也想说' });
    expect(notMember.status).toBe(403);
    expect((await post(memberAs, { body: '   ' })).status).toBe(400);
    expect((await post(memberAs, { body: '长'.repeat(10_001) })).status).toBe(400);
    expect((await post(memberAs, { body: '好', sticky: true })).status).toBe(400);
    expect(
      (await post(memberAs, { body: '回复', threadId: '01a1ffc7-0000-7000-8000-000000000000' })).status,
    ).toBe(400);
    expect((await t.request(ownerAs, 'GET', `/api/channels/${channelId}`)).body.lastMessageSeq).toBe(before);
  });

  it('posts a retried message once (same client id)', async () => {
    const a = await post(memberAs, { body: '只发一次', clientId: 'c-123' });
    const b = await post(memberAs, { body: '只发一次', clientId: 'c-123' });
    expect(b.body.id).toBe(a.body.id);
    const page = await t.request(memberAs, 'GET', `/api/channels/${channelId}/messages?limit=50`);
    expect(page.body.items.filter((m: { body: string }) => m.body === '只发一次')).toHaveLength(1);
  });

  it('keeps threads: replies counted on the root and listed on their own', async () => {
    const root = await post(ownerAs, { body: '周五的方案谁来准备？' });
    await post(memberAs, { body: '我来', threadId: root.body.id });
    await post(ownerAs, { body: '好，周四发我', threadId: root.body.id });
    const top = await t.request(memberAs, 'GET', `/api/channels/${channelId}/messages?limit=50`);
    const listedRoot = top.body.items.find((m: { id: string }) => m.id === root.body.id);
    expect(listedRoot.replyCount).toBe(2);
    expect(top.body.items.some((m: { body: string }) => m.body === '我来')).toBe(false);
    const thread = await t.request(
      memberAs,
      'GET',
      `/api/channels/${channelId}/messages?threadId=${root.body.id}`,
    );
    expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual(['我来', '好，周四发我']);
    const nested = await post(memberAs, { body: '套娃', threadId: thread.body.items[0].id });
    expect(nested.status).toBe(400);
  });

  it('records mentions of members and @所有人, ignoring people outside the channel', async () => {
    const res = await post(ownerAs, { body: '@member.one 请看一下，@outsider 不在群里，`@admin` 是代码' });
    expect(res.body.mentions).toEqual([member.id]);
    const everyone = await post(ownerAs, { body: '@所有人 明天放假' });
    expect(everyone.body.mentionsChannel).toBe(true);
    const seen = (await t.request(memberAs, 'GET', `/api/channels/${channelId}`)).body;
    expect(seen.mentionCount).toBeGreaterThanOrEqual(2);
  });
});

describe('edits, deletions and moderation', () => {
  it('lets the author edit within the window, keeps every version for compliance, and audits the look', async () => {
    const msg = await post(memberAs, { body: '报价是100万' });
    const edited = await t.request(memberAs, 'PATCH', `/api/channels/${channelId}/messages/${msg.body.id}`, {
      body: '报价是120万',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.editedAt).not.toBeNull();
    expect(
      (
        await t.request(ownerAs, 'PATCH', `/api/channels/${channelId}/messages/${msg.body.id}`, {
          body: '改',
        })
      ).status,
    ).toBe(403);
    t.clock.advance(11 * MINUTE);
    const late = await t.request(memberAs, 'PATCH', `/api/channels/${channelId}/messages/${msg.body.id}`, {
      body: '报价是90万',
    });
    expect(late.status).toBe(409);

    const history = await t.request(
      await t.sessionFor(compliance),
      'GET',
      `/api/channels/${channelId}/messages/${msg.body.id}/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.revisions.map((r: { kind: string; body: string }) => [r.kind, r.body])).toEqual([
      ['original', '报价是100万'],
      ['edit', '报价是120万'],
    ]);
    expect(
      (await t.request(memberAs, 'GET', `/api/channels/${channelId}/messages/${msg.body.id}/history`)).status,
    ).toBe(403);
    expect(
      (await t.services.audit.list({ action: 'message.history.viewed', targetId: msg.body.id, limit: 5 }))
        .items,
    ).toHaveLength(1);
  });

  it('lets the author delete their message and the owner remove others’ with a reason', async () => {
    const own = await post(memberAs, { body: '发错群了' });
    const deleted = await t.request(
      memberAs,
      'DELETE',
      `/api/channels/${channelId}/messages/${own.body.id}`,
      {},
    );
    expect(deleted.body).toMatchObject({ body: '', deletedReason: null });
    const spam = await post(memberAs, { body: '点击链接领取优惠' });
    const noReason = await t.request(
      ownerAs,
      'DELETE',
      `/api/channels/${channelId}/messages/${spam.body.id}`,
      {},
    );
    expect(noReason.status).toBe(400);
    const moderated = await t.request(
      ownerAs,
      'DELETE',
      `/api/channels/${channelId}/messages/${spam.body.id}`,
      { reason: '广告' },
    );
    expect(moderated.body).toMatchObject({ body: '', deletedReason: '广告' });
    const list = await t.request(memberAs, 'GET', `/api/channels/${channelId}/messages?limit=100`);
    expect(JSON.stringify(list.body)).not.toContain('领取优惠');
    const history = await t.request(
      await t.sessionFor(compliance),
      'GET',
      `/api/channels/${channelId}/messages/${spam.body.id}/history`,
    );
    expect(history.body.revisions[0].body).toBe('点击链接领取优惠');
    expect(history.body.revisions[1]).toMatchObject({ kind: 'delete', reason: '广告' });
    const audit = await t.services.audit.list({
      action: 'message.moderated',
      targetId: spam.body.id,
      limit: 5,
    });
    expect(audit.items[0]?.summary.reason).toBe('广告');
  });

  it('pins and unpins', async () => {
    const msg = await post(ownerAs, { body: '重要：本周五前提交' });
    expect(
      (
        await t.request(memberAs, 'POST', `/api/channels/${channelId}/messages/${msg.body.id}/pin`, {
          pinned: true,
        })
      ).body.pinnedAt,
    ).not.toBeNull();
    const pinned = await t.request(memberAs, 'GET', `/api/channels/${channelId}/messages?pinned=true`);
    expect(pinned.body.items.map((m: { id: string }) => m.id)).toContain(msg.body.id);
  });
});

describe('attachments', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(100, 1),
  ]);

  async function upload(as: As, fileName: string, data: Buffer, contentType = 'application/octet-stream') {
    const boundary = '----liaison';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    if (as?.kind === 'session') {
      headers.cookie = `liaison_session=${as.token}`;
      headers['x-csrf-token'] = as.csrfToken;
    }
    return t.app.inject({ method: 'POST', url: `/api/channels/${channelId}/attachments`, headers, payload });
  }

  it('accepts a file whose bytes match its name, attaches it to a message and serves it to members only', async () => {
    const res = await upload(memberAs, '现场照片.png', png, 'text/html');
    expect(res.statusCode).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({
      fileName: '现场照片.png',
      contentType: 'image/png',
      size: png.length,
    });
    const msg = await post(memberAs, { body: '见图', attachmentIds: [attachment.id] });
    expect(msg.body.attachments).toEqual([attachment]);
    expect((await post(memberAs, { body: '再发一次', attachmentIds: [attachment.id] })).status).toBe(400);
    // The file name is searchable with the text, and stays so after an edit.
    const found = await t.request(
      memberAs,
      'GET',
      `/api/search/messages?q=${encodeURIComponent('现场照片')}`,
    );
    expect(found.body.items.map((h: { messageId: string }) => h.messageId)).toEqual([msg.body.id]);
    const edited = await t.request(memberAs, 'PATCH', `/api/channels/${channelId}/messages/${msg.body.id}`, {
      body: '见附图',
    });
    expect(edited.body.body).toBe('见附图');
    const again = await t.request(
      memberAs,
      'GET',
      `/api/search/messages?q=${encodeURIComponent('现场照片')}`,
    );
    expect(again.body.items).toHaveLength(1);

    const cookie = memberAs?.kind === 'session' ? memberAs.token : '';
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/attachments/${attachment.id}`,
      headers: { cookie: `liaison_session=${cookie}` },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(png)).toBe(true);
    const outsiderAs = await t.sessionFor(outsider);
    const denied = await t.app.inject({
      method: 'GET',
      url: `/api/attachments/${attachment.id}`,
      headers: { cookie: `liaison_session=${outsiderAs?.kind === 'session' ? outsiderAs.token : ''}` },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('refuses files whose content does not match, unknown kinds, and oversized files', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    expect((await upload(memberAs, '合同.pdf', exe)).statusCode).toBe(415);
    expect((await upload(memberAs, 'page.html', Buffer.from('<script>alert(1)</script>'))).statusCode).toBe(
      415,
    );
    const big = Buffer.concat([png, Buffer.alloc(70 * 1024)]);
    const tooBig = await upload(memberAs, 'big.png', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('payload_too_large');
    expect((await upload(memberAs, '说明.txt', Buffer.from('会议纪要：下周二讨论合同'))).statusCode).toBe(
      201,
    );
  });

  describe('review findings', () => {
    it('stops serving the files of a deleted message, except to compliance', async () => {
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(50, 2),
      ]);
      const ctx = await t.ctxFor(member);
      const attachment = await t.services.attachments.upload(ctx, channelId, {
        fileName: '工资表.png',
        data: png,
      });
      const msg = await t.services.messages.post(ctx, channelId, {
        body: '发错了',
        attachmentIds: [attachment.id],
      });
      await t.services.messages.remove(ctx, channelId, msg.id);
      await expect(t.services.attachments.open(await t.ctxFor(owner), attachment.id)).rejects.toMatchObject({
        code: 'not_found',
      });
      const officer = await t.services.attachments.open(await t.ctxFor(compliance), attachment.id);
      officer.stream.destroy();
      expect(officer.attachment.id).toBe(attachment.id);
    });

    it('refuses to edit a deleted message or to change messages of an archived channel', async () => {
      const ctx = await t.ctxFor(member);
      const msg = await t.services.messages.post(ctx, channelId, { body: '要删的' });
      await t.services.messages.remove(ctx, channelId, msg.id);
      const edit = await t.request(memberAs, 'PATCH', `/api/channels/${channelId}/messages/${msg.id}`, {
        body: '复活',
      });
      expect(edit.status).toBe(409);
    });

    it('stores a post retried in parallel once', async () => {
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => post(memberAs, { body: '并发重试', clientId: 'same-client-id' })),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    });

    it('gives an upload to one message only, even when two posts race for it', async () => {
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(50, 3),
      ]);
      const attachment = await t.services.attachments.upload(await t.ctxFor(member), channelId, {
        fileName: 'a.png',
        data: png,
      });
      const results = await Promise.all([
        post(memberAs, { body: '抢1', attachmentIds: [attachment.id] }),
        post(memberAs, { body: '抢2', attachmentIds: [attachment.id] }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    });

    it('drops the mention badge when the mention is edited out or the message deleted', async () => {
      const reader = await t.buildUser({ username: 'reader.one' });
      const group = await t.services.channels.create(await t.ctxFor(owner), {
        kind: 'direct',
        memberIds: [reader.id, member.id],
      });
      const ctx = await t.ctxFor(owner);
      const readerAs = await t.sessionFor(reader);
      const mentions = async () =>
        (await t.request(readerAs, 'GET', `/api/channels/${group.id}`)).body.mentionCount;
      const a = await t.services.messages.post(ctx, group.id, { body: '@reader.one 看一下' });
      const b = await t.services.messages.post(ctx, group.id, { body: '@reader.one 这个也看' });
      expect(await mentions()).toBe(2);
      await t.services.messages.edit(ctx, group.id, a.id, { body: '算了不用看' });
      expect(await mentions()).toBe(1);
      await t.services.messages.remove(ctx, group.id, b.id);
      expect(await mentions()).toBe(0);
    });

    it('finds mentions written right after Chinese text', async () => {
      const res = await post(ownerAs, { body: '请@member.one看一下，邮件发到 a@member.one.cn' });
      expect(res.body.mentions).toEqual([member.id]);
    });
  });

  it('fetches one message, and accepts a message that is only files', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(40, 4),
    ]);
    expect((await post(ownerAs, { body: '先说一句' })).status).toBe(201);
    const attachment = await t.services.attachments.upload(await t.ctxFor(member), channelId, {
      fileName: 'b.png',
      data: png,
    });
    const res = await post(memberAs, { body: '', attachmentIds: [attachment.id] });
    expect(res.status).toBe(201);
    expect((await post(memberAs, { body: '' })).status).toBe(400);
    const one = await t.request(ownerAs, 'GET', `/api/channels/${channelId}/messages/${res.body.id}`);
    expect(one.body.attachments).toHaveLength(1);
    // The files-only message is the latest; the text before it is more to page to.
    const page = await t.request(ownerAs, 'GET', `/api/channels/${channelId}/messages?limit=1`);
    expect(page.body.items.map((m: { id: string }) => m.id)).toEqual([res.body.id]);
    expect(page.body.hasMore).toBe(true);
  });
});
