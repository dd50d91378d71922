import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { CONFIG_VARIABLES } from '../config/config.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ bodyLimit: 4096 });
});
afterAll(() => t.close());

describe('HTTP platform', () => {
  it('reports health with the database kind', async () => {
    const res = await t.request(null, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: t.database.dialect.kind,
      checks: { database: 'ok' },
    });
  });

  it('answers malformed JSON, wrong types and unknown routes in the one error shape', async () => {
    const bad = await t.request(t.adminSession, 'POST', '/api/departments', '{"name": ', {
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('malformed_request');
    const wrongType = await t.request(t.adminSession, 'POST', '/api/departments', { name: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'body.name' }],
    });
    const nowhere = await t.request(t.adminSession, 'GET', '/api/nowhere');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.code).toBe('not_found');
    const text = await t.request(t.adminSession, 'POST', '/api/departments', 'name=x', {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported_media_type');
  });

  it('refuses bodies over the limit with 413 and writes nothing', async () => {
    const before = (await t.services.departments.list()).length;
    const res = await t.request(t.adminSession, 'POST', '/api/departments', {
      name: '大',
      description: 'x'.repeat(5000),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect((await t.services.departments.list()).length).toBe(before);
  });

  it('gives every response a request id and security headers', async () => {
    const res = await t.request(null, 'GET', '/api/health');
    expect(res.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/ui/' });
    expect(docs.headers['content-security-policy']).toContain("default-src 'self'");
    const forged = await t.request(null, 'GET', '/api/health', undefined, {
      'x-request-id': 'bad id\nwith newline',
    });
    expect(forged.headers['x-request-id']).not.toContain('\n');
  });

  it('serves Prometheus metrics with request counts by route', async () => {
    await t.request(t.adminSession, 'GET', '/api/departments');
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      'liaison_http_requests_total{method="GET",route="/api/departments",status="200"}',
    );
    expect(res.body).toContain('liaison_process_cpu_seconds_total');
    expect(res.body).toContain('liaison_ws_connections 0');
  });

  it('publishes an OpenAPI document describing the routes and their schemas', async () => {
    const res = await t.request(null, 'GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/users', '/api/auth/login', '/api/audit']),
    );
    expect(res.body.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('documents every configuration variable in the README', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    for (const name of CONFIG_VARIABLES) expect(readme, name).toContain(`\`${name}\``);
  });
});
