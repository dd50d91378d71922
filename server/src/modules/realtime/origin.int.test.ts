import { WS_CLOSE } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp } from '../../../test/app.ts';
import { TestSocket } from '../../../test/ws-client.ts';

/** Listens on a free port; gives the app and the http:// address it serves. */
async function serve(overrides: Parameters<typeof createTestApp>[0]) {
  const t = await createTestApp(overrides);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { t, base: `http://127.0.0.1:${port}`, port };
}

/** 'open' once the server has accepted the session (a pong arrives), else the close code. */
async function outcome(base: string, as: As, headers: Record<string, string>): Promise<'open' | number> {
  const socket = new TestSocket(`${base.replace(/^http/, 'ws')}/api/ws`, as, headers);
  const closed = socket.waitClosed().then((c) => c.code);
  const ponged = socket
    .opened()
    .then(() => {
      socket.send({ type: 'ping' });
      return socket.waitFor((f) => f.type === 'pong');
    })
    .then(() => 'open' as const);
  const result = await Promise.race([ponged, closed]);
  socket.close();
  return result;
}

describe('WebSocket origin without a configured public URL: same origin as the request', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  let as: As;
  beforeAll(async () => {
    s = await serve({});
    as = await s.t.sessionFor(await s.t.buildUser());
  });
  afterAll(() => s.t.close());

  it('accepts a page of the very origin the request was sent to, and a client that sends no Origin', async () => {
    expect(await outcome(s.base, as, { origin: s.base })).toBe('open');
    expect(await outcome(s.base, as, {})).toBe('open');
  });

  it('refuses a page on the same host under another scheme or port', async () => {
    expect(await outcome(s.base, as, { origin: `https://127.0.0.1:${s.port}` })).toBe(
      WS_CLOSE.forbiddenOrigin,
    );
    expect(await outcome(s.base, as, { origin: `http://127.0.0.1:${s.port + 1}` })).toBe(
      WS_CLOSE.forbiddenOrigin,
    );
    expect(await outcome(s.base, as, { origin: 'null' })).toBe(WS_CLOSE.forbiddenOrigin);
  });
});

describe('WebSocket origin with LIAISON_PUBLIC_URL', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  let as: As;
  beforeAll(async () => {
    s = await serve({ publicUrl: 'https://liaison.example.com' });
    as = await s.t.sessionFor(await s.t.buildUser());
  });
  afterAll(() => s.t.close());

  it('accepts pages of the public origin only (scheme, host and port)', async () => {
    // The proxy in front speaks to the app over plain HTTP on another address: the page's origin counts.
    expect(await outcome(s.base, as, { origin: 'https://liaison.example.com' })).toBe('open');
    expect(await outcome(s.base, as, { origin: 'https://LIAISON.example.com:443' })).toBe('open');
    for (const origin of [
      'http://liaison.example.com',
      'https://liaison.example.com:8443',
      'https://evil.example.com',
      s.base,
    ]) {
      expect(await outcome(s.base, as, { origin }), origin).toBe(WS_CLOSE.forbiddenOrigin);
    }
  });

  it('still lets an API token connect from anywhere (no cookie rides along)', async () => {
    const user = await s.t.buildUser();
    const created = await s.t.request(await s.t.sessionFor(user), 'POST', '/api/auth/tokens', {
      name: 'bot',
    });
    const bearer = { kind: 'token', secret: created.body.secret, userId: user.id } as const;
    expect(await outcome(s.base, bearer, { origin: 'https://evil.example.com' })).toBe('open');
  });
});

describe('WebSocket origin behind a trusted proxy without a public URL', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  let as: As;
  beforeAll(async () => {
    s = await serve({ trustProxy: true });
    as = await s.t.sessionFor(await s.t.buildUser());
  });
  afterAll(() => s.t.close());

  it('takes the scheme and host the proxy reports', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'liaison.corp' };
    expect(await outcome(s.base, as, { ...forwarded, origin: 'https://liaison.corp' })).toBe('open');
    expect(await outcome(s.base, as, { ...forwarded, origin: 'http://liaison.corp' })).toBe(
      WS_CLOSE.forbiddenOrigin,
    );
  });
});
