import { can } from '@liaison/contracts';
import { safeEqual } from '../crypto/keys.ts';
import { type AccessRule, requiredPermissions } from './access.ts';
import { errors } from './errors.ts';
import type { App, HttpOptions } from './server.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Deny by default. Registering a route without `config.access` fails at start-up (so does the
 * authorisation-matrix test); at request time the rule is enforced before the body is even read:
 * 401 without valid credentials, 403 without the permission or without the CSRF token that a
 * cookie-authenticated change must carry.
 */
export function registerAccessControl(
  app: App,
  options: Pick<HttpOptions, 'authenticate' | 'csrfTokenFor' | 'onDenied'>,
): RouteAccess[] {
  const table: RouteAccess[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      // Routes of the OpenAPI/Swagger UI plugins describe the API and hold no data.
      if (!route.url.startsWith('/api/docs')) {
        throw new Error(
          `${route.method} ${route.url} has no access rule: set config.access (deny by default)`,
        );
      }
      route.config = { ...route.config, access: { public: true } };
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access: route.config.access! });
    }
  });

  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config.access;
    if (!rule) {
      if (request.is404) return;
      throw errors.forbidden();
    }
    if ('public' in rule) return;

    const actor = await options.authenticate(request);
    if (!actor) throw errors.unauthenticated();
    request.actor = actor;

    if (actor.auth.method === 'session' && UNSAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, options.csrfTokenFor(actor.auth.sessionId))) {
        await options.onDenied(request, 'csrf');
        throw errors.csrf();
      }
    }
    if (actor.mustChangePassword && !('authenticated' in rule && rule.allowPendingPasswordChange)) {
      throw errors.passwordChangeRequired();
    }
    for (const permission of requiredPermissions(rule)) {
      if (!can(actor.grants, permission)) {
        await options.onDenied(request, 'permission');
        throw errors.forbidden();
      }
    }
  });
  return table;
}

/** One registered route and who may call it: what the authorisation matrix test walks. */
export interface RouteAccess {
  method: string;
  url: string;
  access: AccessRule;
}
