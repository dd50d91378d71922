import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import {
  bodyVariants,
  hostileValues,
  type JsonSchema,
  type Operation,
  operationsOf,
  resolver,
  sample,
  setAt,
  stringFields,
} from '../../../test/openapi-walk.ts';
import { seedDemo } from '../../modules/demo/demo.seed.ts';

/**
 * Walks every operation of the OpenAPI document, on both databases, as the administrator (who
 * holds every permission, so access control lets each request reach validation and the service):
 *
 * - a plausible valid request (real ids where a list can supply them) never answers 5xx;
 * - every string, date and id field — in the path, the query and the body — given a NUL, a lone
 *   surrogate or an instant PostgreSQL cannot hold is refused with 400 `validation_failed` naming
 *   that field, so nothing reaches either database.
 *
 * The walk comes from the document, so a route added later is walked without being listed here.
 */
let t: TestApp;
let doc: JsonSchema;
const resolve = (s: JsonSchema) => resolver(doc)(s);

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.services, t.database);
  doc = t.app.swagger() as JsonSchema;
}, 120_000);
afterAll(() => t.close());

/** A real id for `{id}` in /api/x/{id}/…, read from the list at /api/x, or a random one. */
const realIds = new Map<string, string | null>();
async function realIdFor(collection: string, as: As): Promise<string | null> {
  if (!realIds.has(collection)) {
    const res = await t.request(as, 'GET', collection);
    const items = Array.isArray(res.body?.items) ? res.body.items : Array.isArray(res.body) ? res.body : [];
    realIds.set(collection, res.status === 200 && items[0]?.id ? String(items[0].id) : null);
  }
  return realIds.get(collection) ?? null;
}

async function build(
  op: Operation,
  as: As,
  override?: { where: 'path' | 'query'; name: string; value: string },
) {
  let url = op.path;
  for (const p of op.pathParams) {
    let value: string;
    if (override?.where === 'path' && override.name === p.name) value = override.value;
    else {
      const collection = op.path.slice(0, op.path.indexOf(`{${p.name}}`) - 1);
      const real = p.name === 'id' && op.method !== 'DELETE' ? await realIdFor(collection, as) : null;
      value = real ?? String(sample(p.schema, resolve));
    }
    url = url.replace(`{${p.name}}`, encodeURIComponent(value));
  }
  const query = new URLSearchParams();
  for (const p of op.queryParams) {
    if (override?.where === 'query' && override.name === p.name) query.set(p.name, override.value);
    else if (p.required) query.set(p.name, String(sample(p.schema, resolve)));
  }
  const qs = query.toString();
  return qs ? `${url}?${qs}` : url;
}

const as = () => t.sessionFor(t.admin);

describe('every operation of the OpenAPI document', () => {
  it('answers a plausible request without a server error', async () => {
    const failures: string[] = [];
    for (const op of operationsOf(doc)) {
      const variants = op.body ? bodyVariants(op.body, resolve) : [null];
      for (const variant of variants) {
        const session = await as();
        const url = await build(op, session);
        const body = variant ? sample(variant, resolve) : undefined;
        const res = await t.request(session, op.method, url, body);
        if (res.status >= 500) failures.push(`${op.method} ${url} ${JSON.stringify(body)} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses NUL, lone surrogates and out-of-range dates in every field with 400 naming it', async () => {
    const failures: string[] = [];
    let checked = 0;
    const expectRefused = (label: string, res: { status: number; body: JsonSchema }, where: string) => {
      checked += 1;
      const paths: string[] = (res.body?.error?.details ?? []).map((d: { path: string }) => d.path);
      const named = paths.some((p) => p === where || p.startsWith(`${where}.`));
      if (res.status !== 400 || res.body?.error?.code !== 'validation_failed' || !named) {
        failures.push(`${label} → ${res.status} ${res.body?.error?.code ?? ''} ${paths.join(',')}`);
      }
    };

    for (const op of operationsOf(doc)) {
      for (const p of op.pathParams) {
        for (const [what, value] of hostileValues(resolve(p.schema), 'path')) {
          const session = await as();
          const url = await build(op, session, { where: 'path', name: p.name, value });
          const body = op.body ? sample(bodyVariants(op.body, resolve)[0]!, resolve) : undefined;
          const res = await t.request(session, op.method, url, body);
          expectRefused(`${op.method} ${op.path} path ${p.name} ${what}`, res, `params.${p.name}`);
        }
      }
      for (const p of op.queryParams) {
        for (const field of stringFields(p.schema, resolve)) {
          for (const [what, value] of hostileValues(field.schema, 'query')) {
            const session = await as();
            const url = await build(op, session, { where: 'query', name: p.name, value });
            const res = await t.request(session, op.method, url);
            expectRefused(`${op.method} ${op.path} query ${p.name} ${what}`, res, `querystring.${p.name}`);
          }
        }
      }
      if (!op.body) continue;
      for (const variant of bodyVariants(op.body, resolve)) {
        const base = sample(variant, resolve);
        for (const field of stringFields(variant, resolve)) {
          for (const [what, value] of hostileValues(field.schema, 'body')) {
            const session = await as();
            const url = await build(op, session);
            const res = await t.request(session, op.method, url, setAt(base, field.path, value));
            const where = ['body', ...field.path].join('.');
            expectRefused(`${op.method} ${op.path} body ${where} ${what}`, res, where);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The walk really walked: the document has well over a hundred string fields.
    expect(checked).toBeGreaterThan(300);
  }, 300_000);
});
