import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

/** Error messages are written in the reader's language, whatever the code path that raised them. */
describe('error messages in the reader’s language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers an anonymous request in the language it asks for, Chinese when it asks for none', async () => {
    const zh = await t.request(null, 'GET', '/api/users');
    expect(zh.status).toBe(401);
    expect(zh.body.error).toEqual({ code: 'unauthenticated', message: '请先登录。' });
    expect(zh.headers['content-language']).toBe('zh-CN');
    const en = await t.request(null, 'GET', '/api/users', undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.body.error).toEqual({ code: 'unauthenticated', message: 'Sign in to continue.' });
    expect(en.headers['content-language']).toBe('en-US');
  });

  it('translates Fastify’s own failures and unknown routes too', async () => {
    const route = await t.request(null, 'GET', '/api/no-such-thing', undefined, {
      'accept-language': 'zh-CN',
    });
    expect(route.status).toBe(404);
    expect(route.body.error.message).toBe('没有接口 GET /api/no-such-thing。');
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-US' },
      payload: '{"username":',
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toBe('The body is not valid JSON.');
  });

  it('uses a signed-in person’s own language when the request names none, and the header over it', async () => {
    const user = await t.buildUser();
    const session = await t.sessionFor(user);
    const saved = await t.request(session, 'PATCH', '/api/profile', { locale: 'en-US' });
    expect(saved.status).toBe(200);
    const mine = await t.request(session, 'GET', '/api/audit');
    expect(mine.status).toBe(403);
    expect(mine.body.error.message).toBe('You do not have permission to do this.');
    const asked = await t.request(session, 'GET', '/api/audit', undefined, { 'accept-language': 'zh-CN' });
    expect(asked.body.error.message).toBe('你没有执行此操作的权限。');
  });
});
