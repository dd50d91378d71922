import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

/** What a form shows under a field comes from `details[].message`: it is in the reader's language too. */
describe('validation issues in the reader’s language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    t.request(null, 'POST', '/api/auth/login', body, headers);

  it('words zod’s own issues, and the top message, in the language the request asks for', async () => {
    const zh = await login({ username: 5, password: 'x' }, { 'accept-language': 'zh-CN' });
    expect(zh.status).toBe(400);
    expect(zh.body.error).toEqual({
      code: 'validation_failed',
      message: '请求内容有误。',
      details: [{ path: 'body.username', message: '无效输入：期望 string，实际接收 数字' }],
    });
    const en = await login({ username: 5, password: 'x' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.body.error).toEqual({
      code: 'validation_failed',
      message: 'The request is not valid.',
      details: [{ path: 'body.username', message: 'Invalid input: expected string, received number' }],
    });
  });

  it('answers in Chinese when nothing says otherwise, and never echoes the input', async () => {
    const res = await login({ username: 'someone', password: 'hunter2-secret', extra: true });
    expect(res.body.error.details).toEqual([{ path: 'body', message: '出现未知的键(key): "extra"' }]);
    expect(res.text).not.toContain('hunter2-secret');
  });

  it('follows a signed-in person’s own language when the request names none', async () => {
    const user = await t.buildUser();
    const session = await t.sessionFor(user);
    expect((await t.request(session, 'PATCH', '/api/profile', { locale: 'en-US' })).status).toBe(200);
    const res = await t.request(session, 'PATCH', '/api/profile', { locale: 'fr-FR' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('The request is not valid.');
    expect(res.body.error.details[0].message).toMatch(/^Invalid option: expected one of/);
  });

  it('keeps a message a schema wrote itself as written', async () => {
    const res = await t.request(
      t.adminSession,
      'POST',
      '/api/notifications/webhooks',
      { name: 'ftp', format: 'generic', url: 'ftp://example.com' },
      { 'accept-language': 'zh-CN' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'body.url', message: 'must be an http(s) URL' }]);
  });

  it('words a service’s own field message from the catalogue', async () => {
    const body = {
      name: 'dept',
      format: 'generic',
      url: 'https://example.com/hook',
      departmentId: crypto.randomUUID(),
    };
    const en = await t.request(t.adminSession, 'POST', '/api/notifications/webhooks', body, {
      'accept-language': 'en-US',
    });
    expect(en.status).toBe(400);
    expect(en.body.error.details).toEqual([{ path: 'departmentId', message: 'No such department.' }]);
    const zh = await t.request(t.adminSession, 'POST', '/api/notifications/webhooks', body, {
      'accept-language': 'zh-CN',
    });
    expect(zh.body.error.details).toEqual([{ path: 'departmentId', message: '没有这个部门。' }]);
  });
});
