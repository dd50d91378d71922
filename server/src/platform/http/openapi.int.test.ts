import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended lint with every rule an error, so generated clients are usable", async () => {
    const source = JSON.stringify(t.app.swagger());
    const config = await createConfig({
      extends: ['recommended-strict'],
      rules: {
        // Servers are the deployment's business: the document is served by the API it describes.
        'no-server-example.com': 'off',
        'no-empty-servers': 'off',
        // The info block carries no licence: the product is not licensed for redistribution.
        'info-license': 'off',
        'info-license-strict': 'off',
        // `/api/announcements/categories/{id}` and `/api/announcements/{id}/submit` look alike to the
        // rule, but the router matches the static segment first and ids are UUIDs, so no request
        // can reach the wrong one.
        'no-ambiguous-paths': 'off',
      },
    });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    const described = problems
      // The health check has no input and no credentials: it answers 200 or 503, never a 4xx.
      .filter(
        (p) => !(p.ruleId === 'operation-4xx-response' && p.location[0]?.pointer?.includes('~1api~1health')),
      )
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
    expect(described).toEqual([]);
  });

  it('gives every operation a security requirement, an operationId, a summary and its errors', () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking the generated document
    const doc = t.app.swagger() as any;
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      // biome-ignore lint/suspicious/noExplicitAny: walking the generated document
      for (const [method, op] of Object.entries(item as Record<string, any>)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!Array.isArray(op.security)) missing.push(`${where}: security`);
        if (!op.operationId) missing.push(`${where}: operationId`);
        if (!op.summary) missing.push(`${where}: summary`);
        const errors = Object.keys(op.responses ?? {}).filter((s) => Number(s) >= 400);
        if (errors.length === 0) missing.push(`${where}: error responses`);
        // The health check reports itself with 503 in its own shape, for load balancers.
        for (const status of errors.filter((s) => !(path === '/api/health' && s === '503'))) {
          const ref = op.responses[status]?.content?.['application/json']?.schema?.$ref;
          if (ref !== '#/components/schemas/Error')
            missing.push(`${where}: ${status} is not the error shape`);
        }
        const isPublic = op.security?.length === 0;
        if (!isPublic && !errors.includes('401')) missing.push(`${where}: 401`);
      }
    }
    expect(missing).toEqual([]);
  });
});
