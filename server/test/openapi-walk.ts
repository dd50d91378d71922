import { randomUUID } from 'node:crypto';

/**
 * What the API walk needs from an OpenAPI 3.1 document: every operation, a plausible valid value
 * for every schema (so a request reaches the service), and every string field in it (so each can
 * be replaced by a hostile value). Generated from the document, so a new route is walked without
 * anyone listing it.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema is untyped here on purpose
export type JsonSchema = Record<string, any>;

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, e.g. /api/tasks/{id}. */
  path: string;
  pathParams: Param[];
  queryParams: Param[];
  body: JsonSchema | null;
}

export interface Param {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export function operationsOf(doc: JsonSchema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, JsonSchema>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: JsonSchema[] = op.parameters ?? [];
      const pick = (where: string) =>
        params
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, required: Boolean(p.required), schema: p.schema ?? {} }));
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: pick('path'),
        queryParams: pick('query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return ops;
}

/** Resolves `$ref`s against the document's components. */
export function resolver(doc: JsonSchema): (s: JsonSchema) => JsonSchema {
  return function resolve(s) {
    let current = s;
    while (current && typeof current.$ref === 'string') {
      const parts = current.$ref.replace(/^#\//, '').split('/');
      // biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
      current = parts.reduce((node: any, key: string) => node?.[key], doc);
    }
    return current ?? {};
  };
}

/** Candidates tried, in order, for a string with a pattern the walk has no rule for. */
const PATTERN_CANDIDATES = [
  'walk_key',
  'walk.user',
  'WALK-001',
  '2026-11',
  '09:00',
  'https://example.com/hook',
  'ABC123',
];

/** A valid value for the schema; branches of a union choose the first non-null one. */
export function sample(schema: JsonSchema, resolve: (s: JsonSchema) => JsonSchema): unknown {
  const s = resolve(schema);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('default' in s && s.default !== undefined && s.default !== null) return s.default;
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union)) {
    const branch = union.find((b: JsonSchema) => resolve(b).type !== 'null') ?? union[0];
    return sample(branch, resolve);
  }
  switch (s.type) {
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items ?? {}, resolve));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
        out[key] = sample(prop, resolve);
      }
      return out;
    }
    default:
      return 'walk';
  }
}

function sampleString(s: JsonSchema): string {
  if (s.format === 'uuid') return randomUUID();
  if (s.format === 'date-time') return '2026-12-01T02:00:00.000Z';
  if (s.format === 'date') return '2026-12-01';
  if (s.format === 'email') return 'walk@example.com';
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    const fit = PATTERN_CANDIDATES.find((c) => re.test(c));
    if (fit) return fit;
  }
  const min = Math.max(s.minLength ?? 1, 4);
  const max = s.maxLength ?? 64;
  return 'walk'.padEnd(Math.min(min, max), 'x').slice(0, Math.max(1, Math.min(min, max)));
}

/** A string-typed place inside a value: its path (for the error's `details`) and its schema. */
export interface StringField {
  path: (string | number)[];
  schema: JsonSchema;
}

/**
 * Every string leaf of `value` as described by `schema` (object properties, the first array item,
 * the branch of a union that the sample took).
 */
export function stringFields(
  schema: JsonSchema,
  resolve: (s: JsonSchema) => JsonSchema,
  path: (string | number)[] = [],
): StringField[] {
  const s = resolve(schema);
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union)) {
    const branch = union.find((b: JsonSchema) => resolve(b).type !== 'null') ?? union[0];
    return stringFields(branch, resolve, path);
  }
  if (s.type === 'string') return [{ path, schema: s }];
  if (s.type === 'array') return stringFields(s.items ?? {}, resolve, [...path, 0]);
  if (s.type === 'object') {
    return Object.entries((s.properties ?? {}) as Record<string, JsonSchema>).flatMap(([key, prop]) =>
      stringFields(prop, resolve, [...path, key]),
    );
  }
  return [];
}

/** The union branches of a body (a discriminated union is walked once per branch). */
export function bodyVariants(schema: JsonSchema, resolve: (s: JsonSchema) => JsonSchema): JsonSchema[] {
  const s = resolve(schema);
  return Array.isArray(s.oneOf) ? s.oneOf : [s];
}

export function setAt(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  // biome-ignore lint/suspicious/noExplicitAny: generic copy-on-write
  (copy as any)[head as any] = setAt((value as any)?.[head as any], rest, leaf);
  return copy;
}

/** Hostile values for a string field, each of which the contract must refuse with 400. */
export function hostileValues(field: JsonSchema, where: 'body' | 'query' | 'path'): [string, string][] {
  const values: [string, string][] = [['NUL', 'a\u0000b']];
  // A lone surrogate cannot travel in a URL (it has no UTF-8 form); in JSON it is `\ud800`.
  if (where === 'body') values.push(['lone surrogate', 'a\ud800b']);
  if (field.format === 'date-time') values.push(['year 0', '0000-01-01T00:00:00Z']);
  if (field.format === 'date') values.push(['year 0', '0000-01-01']);
  // A calendar month (YYYY-MM): the only pattern-checked field that means a date.
  if (typeof field.pattern === 'string' && field.pattern.startsWith('^\\d{4}-')) {
    values.push(['year 0', '0000-01']);
  }
  return values;
}
