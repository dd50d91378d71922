import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { ERROR_STATUS, ErrorBody, type ErrorCode } from '@liaison/contracts';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { AccessRule } from './access.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Error codes a route answers beyond those its shape implies (see `errorCodesFor`), e.g. a
     * message post that a policy can block. Only for the OpenAPI document.
     */
    errors?: readonly ErrorCode[];
  }
}

/** Either credential works: the session cookie (with x-csrf-token on changes) or a bearer token. */
const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { token: [] }];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The error codes a route can answer, from what it is: validation for anything with input, sign-in
 * and permission failures for anything not public, not-found for anything addressed by id, conflicts
 * for changes, size and type for bodies, plus whatever the route declares in `config.errors`.
 */
export function errorCodesFor(route: {
  method: string;
  access: AccessRule | undefined;
  hasParams: boolean;
  hasQuery: boolean;
  hasBody: boolean;
  extra?: readonly ErrorCode[];
}): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.extra ?? []);
  const isPublic = !route.access || 'public' in route.access;
  if (route.hasParams || route.hasQuery || route.hasBody) codes.add('validation_failed');
  if (route.hasBody) {
    codes.add('malformed_request');
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
  }
  if (!isPublic) {
    codes.add('unauthenticated');
    codes.add('forbidden');
    if (UNSAFE.has(route.method)) codes.add('csrf_failed');
  }
  if (route.hasParams) codes.add('not_found');
  if (!isPublic && UNSAFE.has(route.method)) codes.add('conflict');
  codes.add('internal_error');
  return [...codes];
}

/** Groups codes by HTTP status for the document: `{ 400: 'validation_failed, malformed_request' }`. */
function byStatus(codes: ErrorCode[]): Map<number, ErrorCode[]> {
  const map = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    map.set(status, [...(map.get(status) ?? []), code]);
  }
  return map;
}

/**
 * Completes every operation of the OpenAPI document from the route's own declarations, so a new
 * route is documented the same way without anyone remembering to: its security requirement (none
 * for public routes; the session cookie or a bearer token otherwise) and every error it can answer,
 * in the one error shape. Summaries and operation ids are written on each route; the document's
 * lint test requires them.
 */
export const openApiTransform: SwaggerTransform = (input) => {
  const { route } = input;
  // biome-ignore lint/suspicious/noExplicitAny: the route schema is Fastify's open-ended object
  const schema = (input.schema ?? {}) as Record<string, any>;
  const method = [route.method].flat()[0] ?? 'GET';
  const multipart = Array.isArray(schema.consumes) && schema.consumes.includes('multipart/form-data');
  const codes = errorCodesFor({
    method,
    access: route.config?.access,
    hasParams: Boolean(schema.params),
    hasQuery: Boolean(schema.querystring),
    hasBody: Boolean(schema.body) || multipart,
    extra: route.config?.errors,
  });
  const response: Record<string, unknown> = { ...(schema.response ?? {}) };
  for (const [status, group] of byStatus(codes)) {
    if (!(status in response)) {
      response[status] = {
        description: `Error: ${group.join(', ')}`,
        content: { 'application/json': { schema: ErrorBody } },
      };
    }
  }
  const isPublic = !route.config?.access || 'public' in route.config.access;
  const completed = {
    ...schema,
    response,
    security: isPublic ? [] : SIGNED_IN,
  };
  const transformed = jsonSchemaTransform({ ...input, schema: completed });
  // biome-ignore lint/suspicious/noExplicitAny: the transformed schema is plain JSON
  const responses = (transformed.schema as any).response as Record<string, unknown> | undefined;
  if (responses && !Object.keys(responses).some((s) => s.startsWith('2'))) {
    // A route without a declared success body streams a file (GET) or answers 204 No Content.
    responses[method === 'GET' ? '200' : '204'] =
      method === 'GET'
        ? {
            description: 'The file.',
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          }
        : { description: 'Done; nothing to return.', type: 'null' };
  }
  return transformed;
};

/**
 * The document's components, without the ones no operation uses: the zod provider registers an
 * input and an output variant of every named schema, and half of them are never referenced.
 */
export const openApiTransformObject: SwaggerTransformObject = (documentObject) => {
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI object is plain JSON
  const doc = jsonSchemaTransformObject(documentObject) as any;
  const schemas: Record<string, unknown> = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
          const name = value.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(value);
      }
    }
  };
  visit(doc.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return doc;
};
