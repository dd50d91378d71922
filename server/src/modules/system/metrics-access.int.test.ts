import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

const scrape = (t: TestApp, remoteAddress: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });

describe('/metrics without LIAISON_METRICS_TOKEN: loopback clients only', () => {
  let t: TestApp;
  // Trusting every proxy is the setting under which request.ip is easiest to forge.
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: true });
  });
  afterAll(() => t.close());

  it('answers a scraper on this machine, over IPv4 or IPv6', async () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      const res = await scrape(t, address);
      expect(res.statusCode, address).toBe(200);
      expect(res.body).toContain('liaison_process_cpu_seconds_total');
    }
  });

  it('refuses any other address, and a forged X-Forwarded-For does not make it local', async () => {
    for (const [address, headers] of [
      ['10.1.2.3', {}],
      ['203.0.113.9', { 'x-forwarded-for': '127.0.0.1' }],
      ['::ffff:10.1.2.3', {}],
    ] as const) {
      const res = await scrape(t, address, headers);
      expect(res.statusCode, address).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(res.body).not.toContain('liaison_');
    }
  });

  it('refuses what a reverse proxy on this machine forwards from outside', async () => {
    const res = await scrape(t, '127.0.0.1', { 'x-forwarded-for': '198.51.100.7' });
    expect(res.statusCode).toBe(403);
  });
});

describe('/metrics with LIAISON_METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ metricsToken: token });
  });
  afterAll(() => t.close());

  it('answers the bearer of the token from anywhere, and nobody else, not even loopback', async () => {
    const ok = await scrape(t, '10.1.2.3', { authorization: `Bearer ${token}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('liaison_http_requests_total');
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      { authorization: token },
    ];
    for (const headers of refused) {
      const res = await scrape(t, '127.0.0.1', headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });
});
