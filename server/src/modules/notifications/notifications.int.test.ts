import { createHmac } from 'node:crypto';
import { DeliveryListQuery, type Department, type User } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { HttpReceiver, SmtpReceiver } from '../../../test/receivers.ts';
import { freePort } from '../../../test/server-process.ts';
import { HOUR } from '../../platform/clock.ts';

let t: TestApp;
const smtp = new SmtpReceiver();
const http = new HttpReceiver();
let smtpPort: number;
let httpPort: number;
let dept: Department;
let boss: User;
let worker: User;
let bossAs: As;
let workerAs: As;

/** Runs the outbox until nothing is due now. */
const drain = () => t.services.outbox.runDue();

beforeAll(async () => {
  // Both receivers are down at first: their ports are chosen, nothing listens yet.
  smtpPort = await freePort();
  httpPort = await freePort();
  t = await createTestApp({
    notifications: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, publicUrl: 'http://liaison.test' },
    // The tests move the clock by days; sessions must outlive that.
    session: { idleMinutes: 43_200, maxHours: 8_760 },
  });
  dept = await t.buildDepartment({ name: '市场部' });
  boss = await t.buildUser({
    username: 'liu.yang',
    displayName: '刘洋',
    department: dept,
    roles: ['department_head'],
  });
  worker = await t.buildUser({ username: 'chen.jing', displayName: '陈静', department: dept });
  await t.services.users.update(t.adminCtx, worker.id, { email: 'chen.jing@example.com' });
  bossAs = await t.sessionFor(boss);
  workerAs = await t.sessionFor(worker);
});

afterAll(async () => {
  await smtp.stop();
  await http.stop();
  await t.close();
});

async function assignTask(title: string) {
  const res = await t.request(bossAs, 'POST', '/api/tasks', { title, assigneeId: worker.id });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function deliveries(status?: string) {
  const res = await t.request(
    t.adminSession,
    'GET',
    `/api/notifications/deliveries?pageSize=200${status ? `&status=${status}` : ''}`,
  );
  expect(res.status).toBe(200);
  return res.body;
}

describe('email and a WeCom robot, both down at first', () => {
  let wecomId: string;

  it('queues one email and one webhook call in the same transaction as the task', async () => {
    const hook = await t.request(t.adminSession, 'POST', '/api/notifications/webhooks', {
      name: '市场部企业微信群',
      format: 'wecom',
      url: `http://127.0.0.1:${httpPort}/cgi-bin/webhook/send?key=test-key`,
      kinds: ['task.assigned'],
      departmentId: dept.id,
    });
    expect(hook.status).toBe(201);
    expect(hook.body.signed).toBe(false);
    wecomId = hook.body.id;
    await assignTask('整理年中大促复盘材料');
    const queued = await deliveries('pending');
    expect(queued.items.map((d: { channel: string }) => d.channel).sort()).toEqual(['email', 'webhook']);
    // The worker's inbox got it live too.
    const inbox = await t.request(workerAs, 'GET', '/api/notifications');
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'task.assigned', actorName: '刘洋' });
  });

  it('keeps both queued with their error while the receivers are down', async () => {
    expect(await drain()).toBe(2);
    const pending = await deliveries('pending');
    expect(pending.items).toHaveLength(2);
    for (const d of pending.items) {
      expect(d.attempts).toBe(1);
      expect(d.lastError).toMatch(/ECONNREFUSED|fetch failed|connect/i);
    }
    // Not due again until the backoff passes.
    expect(await drain()).toBe(0);
  });

  it('delivers each exactly once when they come back', async () => {
    await smtp.start(smtpPort);
    await http.start(httpPort);
    t.clock.advance(5_000);
    expect(await drain()).toBe(2);
    for (let i = 0; i < 5; i++) {
      t.clock.advance(HOUR);
      await drain();
    }
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toContain('chen.jing@example.com');
    expect(smtp.received[0]!.subject).toBe('【联络】新任务：整理年中大促复盘材料');
    expect(smtp.received[0]!.raw).toContain('liaison.test');
    expect(http.received).toHaveLength(1);
    const call = http.received[0]!;
    expect(call.path).toBe('/cgi-bin/webhook/send?key=test-key');
    const body = JSON.parse(call.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('**新任务：整理年中大促复盘材料**');
    expect(body.markdown.content).toContain('http://liaison.test/tasks/');
    const sent = await deliveries('sent');
    expect(sent.items).toHaveLength(2);
    expect(sent.counts).toMatchObject({ sent: 2, pending: 0, dead: 0 });
  });

  it('treats a robot’s error code in an HTTP 200 answer as a failure to retry', async () => {
    http.answer = { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' };
    await assignTask('核对渠道返利');
    await drain(); // the email goes; the robot refuses
    const pending = await deliveries('pending');
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0].lastError).toContain('93000');
    http.answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    t.clock.advance(5_000);
    await drain();
    expect((await deliveries('pending')).items).toHaveLength(0);
    // The refused call was answered with 200 and so recorded by the receiver; the retry too.
    expect(http.received.filter((r) => r.body.includes('核对渠道返利')).length).toBeGreaterThanOrEqual(1);
    await t.request(t.adminSession, 'PATCH', `/api/notifications/webhooks/${wecomId}`, { enabled: false });
  });
});

describe('the SMTP server stopping and restarting mid-run', () => {
  it('loses nothing and sends nothing twice', async () => {
    const before = smtp.received.length;
    for (let i = 1; i <= 5; i++) await assignTask(`批量任务 ${i}`);
    await drain();
    expect(smtp.received.length).toBe(before + 5);
    await smtp.stop();
    for (let i = 6; i <= 8; i++) await assignTask(`批量任务 ${i}`);
    await drain();
    expect(smtp.received.length).toBe(before + 5);
    await smtp.start(smtpPort);
    t.clock.advance(5_000);
    await drain();
    t.clock.advance(HOUR);
    await drain();
    const batch = smtp.received.slice(before);
    expect(batch).toHaveLength(8);
    expect(new Set(batch.map((m) => m.messageId)).size).toBe(8);
    expect(batch.map((m) => m.subject).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `【联络】新任务：批量任务 ${i + 1}`).sort(),
    );
  });
});

describe('a generic signed webhook that keeps failing', () => {
  let hookId: string;

  it('signs its JSON with HMAC-SHA256 over the timestamp and body', async () => {
    const secret = 'webhook-secret-123';
    const res = await t.request(t.adminSession, 'POST', '/api/notifications/webhooks', {
      name: '审计系统',
      format: 'generic',
      url: `http://127.0.0.1:${httpPort}/hooks/liaison`,
      secret,
      kinds: ['task.assigned'],
    });
    hookId = res.body.id;
    expect(res.body.signed).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(secret);
    await assignTask('签名测试');
    await drain();
    const call = http.received.find((r) => r.path === '/hooks/liaison')!;
    const timestamp = call.headers['x-liaison-timestamp'] as string;
    const expected = createHmac('sha256', secret).update(`${timestamp}.${call.body}`).digest('hex');
    expect(call.headers['x-liaison-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(call.body)).toMatchObject({ kind: 'task.assigned', title: '新任务：签名测试' });
  });

  it('is dead-lettered with its last error after eight attempts, then resent by an administrator', async () => {
    http.answer = { status: 500, body: 'upstream broke' };
    const calls = http.received.length;
    await assignTask('死信测试');
    for (let i = 0; i < 12; i++) {
      await drain();
      t.clock.advance(HOUR);
    }
    const dead = await deliveries('dead');
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]).toMatchObject({ channel: 'webhook', target: '审计系统', attempts: 8 });
    expect(dead.items[0].lastError).toContain('HTTP 500');
    const audit = await t.request(t.adminSession, 'GET', '/api/audit?action=notification.delivery.dead');
    expect(audit.body.items).toHaveLength(1);
    // Only a dead delivery can be resent; a sent one cannot.
    const sentOne = (await deliveries('sent')).items[0];
    expect(
      (await t.request(t.adminSession, 'POST', `/api/notifications/deliveries/${sentOne.id}/resend`)).status,
    ).toBe(409);
    expect(
      (await t.request(workerAs, 'POST', `/api/notifications/deliveries/${dead.items[0].id}/resend`)).status,
    ).toBe(403);
    http.answer = { status: 200, body: '{}' };
    const resent = await t.request(
      t.adminSession,
      'POST',
      `/api/notifications/deliveries/${dead.items[0].id}/resend`,
    );
    expect(resent.status).toBe(200);
    expect(resent.body.status).toBe('pending');
    await drain();
    expect(http.received.length).toBe(calls + 1);
    expect((await deliveries('dead')).items).toHaveLength(0);
    await t.request(t.adminSession, 'DELETE', `/api/notifications/webhooks/${hookId}`);
  });
});

describe('a notice longer than a robot accepts', () => {
  it('reaches the WeCom group shortened with a link to the full item, and stays whole in the inbox', async () => {
    // The receiver applies WeCom's rule: markdown content over 4,096 bytes is refused (errcode 40058).
    http.answer = ({ body }) => {
      const content: string = JSON.parse(body).markdown?.content ?? '';
      return Buffer.byteLength(content) > 4096
        ? { status: 200, body: '{"errcode":40058,"errmsg":"markdown.content exceed max length 4096"}' }
        : { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    };
    const hook = await t.request(t.adminSession, 'POST', '/api/notifications/webhooks', {
      name: '法务部企业微信群',
      format: 'wecom',
      url: `http://127.0.0.1:${httpPort}/cgi-bin/webhook/send?key=long`,
      kinds: ['request.responded'],
    });
    expect(hook.status).toBe(201);
    const reply = `关于合作协议的审核意见：${'第十二条违约责任需与对方再确认赔偿上限。'.repeat(300)}`;
    await t.database.db.transaction().execute((trx) =>
      t.services.notifications.notify(trx, {
        kind: 'request.responded',
        title: '请求已响应：审核双十二活动合作协议',
        body: reply,
        link: '/requests/0190f0f0-0000-7000-8000-0000000000aa',
        // 刘洋 has no email address, so nothing joins the digest the next test counts.
        recipientIds: [boss.id],
      }),
    );
    t.services.notifications.committed();
    await drain();
    const call = http.received.find((r) => r.path.endsWith('key=long'))!;
    expect(call).toBeDefined();
    const content: string = JSON.parse(call.body).markdown.content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
    expect(content).toContain('…');
    expect(content).toContain(
      '[查看全文](http://liaison.test/requests/0190f0f0-0000-7000-8000-0000000000aa)',
    );
    const hookDeliveries = (await deliveries()).items.filter(
      (d: { target: string }) => d.target === '法务部企业微信群',
    );
    expect(hookDeliveries.map((d: { status: string }) => d.status)).toEqual(['sent']);
    const inbox = await t.request(bossAs, 'GET', '/api/notifications?kind=request.responded');
    expect(inbox.body.items[0].body).toBe(reply);
    http.answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    await t.request(t.adminSession, 'DELETE', `/api/notifications/webhooks/${hook.body.id}`);
  });
});

describe('preferences, the inbox and the digest', () => {
  it('sends what the user moved to the digest once a day, in one email', async () => {
    const prefs = await t.request(workerAs, 'PUT', '/api/notifications/preferences', {
      items: [{ kind: 'task.assigned', inApp: true, email: 'digest' }],
    });
    expect(prefs.status).toBe(200);
    expect(prefs.body.items.find((i: { kind: string }) => i.kind === 'task.assigned').email).toBe('digest');
    expect(prefs.body.emailEnabled).toBe(true);
    const before = smtp.received.length;
    await assignTask('摘要任务一');
    await assignTask('摘要任务二');
    await drain();
    expect(smtp.received.length).toBe(before);
    // The digest job runs at 08:30 Shanghai time.
    await t.services.jobs.runDue();
    t.clock.advance(25 * HOUR);
    await t.services.jobs.runDue();
    await drain();
    const digests = smtp.received.slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('【联络】每日摘要：2 条通知');
    expect(digests[0]!.raw).toContain('liaison.test/tasks/');
    // A second day without new notices sends nothing.
    t.clock.advance(25 * HOUR);
    await t.services.jobs.runDue();
    await drain();
    expect(smtp.received.length).toBe(before + 1);
  });

  it('keeps notices out of the inbox for kinds the user turned off there', async () => {
    await t.request(workerAs, 'PUT', '/api/notifications/preferences', {
      items: [{ kind: 'task.assigned', inApp: false, email: 'off' }],
    });
    const before = (await t.request(workerAs, 'GET', '/api/notifications/unread-count')).body.unread;
    await assignTask('静默任务');
    expect((await t.request(workerAs, 'GET', '/api/notifications/unread-count')).body.unread).toBe(before);
  });

  it('marks one or all read, only the caller’s own', async () => {
    const list = await t.request(workerAs, 'GET', '/api/notifications?unread=true');
    const [first] = list.body.items;
    const bossTry = await t.request(bossAs, 'POST', '/api/notifications/read', { ids: [first.id] });
    expect(bossTry.status).toBe(200);
    expect((await t.request(workerAs, 'GET', '/api/notifications/unread-count')).body.unread).toBe(
      list.body.unread,
    );
    const one = await t.request(workerAs, 'POST', '/api/notifications/read', { ids: [first.id] });
    expect(one.body.unread).toBe(list.body.unread - 1);
    const all = await t.request(workerAs, 'POST', '/api/notifications/read', {});
    expect(all.body.unread).toBe(0);
  });

  it('refuses bad webhook input clearly', async () => {
    const bad = await t.request(t.adminSession, 'POST', '/api/notifications/webhooks', {
      name: 'x',
      format: 'slack',
      url: 'ftp://example.com',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await t.request(workerAs, 'GET', '/api/notifications/webhooks')).status).toBe(403);
  });
  it('prunes sent deliveries after thirty days', async () => {
    // Last: the clock moves past every session's life, so this reads through the service.
    const sentNow = async () =>
      (await t.services.deliveries.list(DeliveryListQuery.parse({ status: 'sent' }))).total;
    const sent = await sentNow();
    expect(sent).toBeGreaterThan(0);
    expect(await t.services.notifications.pruneSent()).toBe(0);
    t.clock.advance(31 * 24 * HOUR);
    expect(await t.services.notifications.pruneSent()).toBe(sent);
    expect(await sentNow()).toBe(0);
  });
});
