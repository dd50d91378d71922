import type { Notification } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { buildReader, buildWebhook, notifyNow } from '../../../test/factories/notifications.ts';
import { HttpReceiver, type ReceivedMail, SmtpReceiver } from '../../../test/receivers.ts';
import { freePort } from '../../../test/server-process.ts';
import { text } from '../../platform/i18n/i18n.ts';

let t: TestApp;
const smtp = new SmtpReceiver();
const http = new HttpReceiver();

beforeAll(async () => {
  await smtp.start(await freePort());
  await http.start(await freePort());
  t = await createTestApp({
    notifications: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, publicUrl: 'http://liaison.test' },
  });
});

afterAll(async () => {
  await smtp.stop();
  await http.stop();
  await t.close();
});

/** Sends everything due, as the outbox worker would. */
const drain = () => t.services.outbox.runDue();

/** A notice as a module writes it: catalogue texts, no words chosen yet. */
const testNotice = (webhook: string) => ({
  title: text('notifications.notices.test.title'),
  body: text('notifications.notices.test.body', { webhook, actor: '王芳' }),
});

/** The decoded text of every part of a MIME message (quoted-printable or base64). */
function mailText(mail: ReceivedMail): string {
  return mail.raw
    .split(/\r?\n--[^\r\n]+\r?\n/)
    .map((part) => {
      const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/content-transfer-encoding:\s*base64/i.test(head)) {
        return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      }
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
        const bytes = body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
        return Buffer.from(bytes, 'latin1').toString('utf8');
      }
      return part;
    })
    .join('\n');
}

const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

async function liveNotifications(userId: string): Promise<Notification[]> {
  const events = await t.services.events.since(0, 100_000);
  return events
    .filter((e) => e.payload.type === 'notification.created' && e.userIds?.includes(userId))
    .map((e) => (e.payload as { notification: Notification }).notification);
}

describe('one notice, two readers', () => {
  it('reaches an English and a Chinese reader each in their own language: inbox, live event and email', async () => {
    const english = await buildReader(t, { username: 'i18n.emma', displayName: 'Emma', locale: 'en-US' });
    const chinese = await buildReader(t, { username: 'i18n.zhou', displayName: '周敏', locale: 'zh-CN' });
    await notifyNow(t, {
      kind: 'task.assigned',
      ...testNotice('周报'),
      link: '/tasks/abc',
      recipientIds: [english.id, chinese.id],
    });

    const englishInbox = await t.request(await t.sessionFor(english), 'GET', '/api/notifications');
    expect(englishInbox.body.items[0]).toMatchObject({
      title: 'Liaison test message',
      body: 'This is a test message from Liaison (周报), sent by 王芳.',
    });
    const chineseAs = await t.sessionFor(chinese);
    const chineseInbox = await t.request(chineseAs, 'GET', '/api/notifications');
    expect(chineseInbox.body.items[0]).toMatchObject({
      title: '联络测试消息',
      body: '这是一条来自联络的测试消息（周报），由 王芳 发送。',
    });
    // The language the client asks for wins over the stored one (the screen may be switched).
    const asked = await t.request(chineseAs, 'GET', '/api/notifications', undefined, {
      'accept-language': 'en-US',
    });
    expect(asked.body.items[0].title).toBe('Liaison test message');

    expect((await liveNotifications(english.id)).map((n) => n.title)).toEqual(['Liaison test message']);
    expect((await liveNotifications(chinese.id)).map((n) => n.title)).toEqual(['联络测试消息']);

    await drain();
    const [englishMail, ...moreEnglish] = mailsTo(english.email);
    expect(moreEnglish).toHaveLength(0);
    expect(englishMail!.subject).toBe('[Liaison] Liaison test message');
    const englishText = mailText(englishMail!);
    expect(englishText).toContain('View details');
    expect(englishText).toContain(
      'Liaison · Notification settings: http://liaison.test/notifications/settings',
    );
    expect(englishText).not.toMatch(/查看详情|通知设置/);
    const [chineseMail] = mailsTo(chinese.email);
    expect(chineseMail!.subject).toBe('【联络】联络测试消息');
    const chineseText = mailText(chineseMail!);
    expect(chineseText).toContain('查看详情');
    expect(chineseText).toContain('联络 · 通知设置：http://liaison.test/notifications/settings');
  });

  it('keeps the Chinese rendering of a notice in its stored title for readers of the table', async () => {
    const english = await buildReader(t, { username: 'i18n.liam', locale: 'en-US' });
    const noticeId = await notifyNow(t, {
      kind: 'task.updated',
      ...testNotice('月报'),
      recipientIds: [english.id],
    });
    const row = await t.database.db
      .selectFrom('notices')
      .select(['title', 'texts'])
      .where('id', '=', noticeId)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe('联络测试消息');
    expect(JSON.parse(row.texts!).title).toEqual({ key: 'notifications.notices.test.title' });
  });
});

describe('robots and the digest', () => {
  it('writes a robot message in the webhook’s language', async () => {
    const english = await buildWebhook(t, {
      name: 'Global team WeCom',
      format: 'wecom',
      url: http.url('/wecom/en'),
      locale: 'en-US',
    });
    expect(english.locale).toBe('en-US');
    const chinese = await buildWebhook(t, {
      name: '本地飞书群',
      format: 'feishu',
      url: http.url('/feishu/zh'),
    });
    expect(chinese.locale).toBe('zh-CN');
    for (const hook of [english, chinese]) {
      const res = await t.request(t.adminSession, 'POST', `/api/notifications/webhooks/${hook.id}/test`);
      expect(res.status).toBe(202);
    }
    await drain();

    const [wecom] = http.received.filter((r) => r.path === '/wecom/en');
    const content = JSON.parse(wecom!.body).markdown.content as string;
    expect(content).toContain('**Liaison test message**');
    expect(content).toContain('This is a test message from Liaison (Global team WeCom)');
    expect(content).toContain('[View details](http://liaison.test/notifications)');
    // Only the sender's own name may be Chinese; none of the product's words are.
    expect(content).not.toMatch(/联络|查看/);

    const [feishu] = http.received.filter((r) => r.path === '/feishu/zh');
    const post = JSON.parse(feishu!.body).content.post;
    expect(post.zh_cn.title).toBe('联络测试消息');
    expect(JSON.stringify(post)).toContain('查看详情');

    // Switching the language later applies to what is sent from then on.
    const switched = await t.request(t.adminSession, 'PATCH', `/api/notifications/webhooks/${chinese.id}`, {
      locale: 'en-US',
    });
    expect(switched.status).toBe(200);
    expect(switched.body.locale).toBe('en-US');
    await t.request(t.adminSession, 'POST', `/api/notifications/webhooks/${chinese.id}/test`);
    await drain();
    const [, later] = http.received.filter((r) => r.path === '/feishu/zh');
    expect(JSON.parse(later!.body).content.post.en_us.title).toBe('Liaison test message');
  });

  it('sends each reader the daily digest in their language', async () => {
    const english = await buildReader(t, { username: 'i18n.noah', locale: 'en-US' });
    const chinese = await buildReader(t, { username: 'i18n.wu', locale: 'zh-CN' });
    // `task.updated` goes to the digest unless the reader chose otherwise.
    for (const name of ['甲', '乙']) {
      await notifyNow(t, {
        kind: 'task.updated',
        ...testNotice(name),
        link: '/tasks/digest',
        recipientIds: [english.id, chinese.id],
      });
    }
    await t.services.notifications.sendDigests();
    await drain();

    const [englishDigest] = mailsTo(english.email);
    expect(englishDigest!.subject).toBe('[Liaison] Daily digest: 2 notifications');
    const englishText = mailText(englishDigest!);
    expect(englishText).toContain('This is a test message from Liaison (甲), sent by 王芳.');
    expect(englishText).toContain('This is a test message from Liaison (乙), sent by 王芳.');
    const [chineseDigest] = mailsTo(chinese.email);
    expect(chineseDigest!.subject).toBe('【联络】每日摘要：2 条通知');
    expect(mailText(chineseDigest!)).toContain('这是一条来自联络的测试消息（甲），由 王芳 发送。');
  });
});
