import fastifyWebsocket from '@fastify/websocket';
import { can, WS_CLOSE } from '@liaison/contracts';
import type { FastifyRequest } from 'fastify';
import type { RawData } from 'ws';
import type { Actor } from '../../platform/auth/actor.ts';
import type { App } from '../../platform/http/server.ts';
import type { RealtimeHub } from './hub.ts';

/**
 * GET /api/ws. The route is open at the HTTP level so that a refused connection gets a WebSocket
 * close code a client can act on (4401 sign in, 4403 not allowed) rather than a bare failed
 * handshake; authentication happens here, with the same credentials as every other route.
 */
export async function realtimeRoutes(
  app: App,
  deps: {
    hub: RealtimeHub;
    authenticate: (request: FastifyRequest) => Promise<Actor | null>;
    /** LIAISON_PUBLIC_URL when configured: the one origin whose pages may connect with a cookie. */
    publicUrl: string | null;
  },
): Promise<void> {
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  app.get(
    '/api/ws',
    { websocket: true, config: { access: { public: true } }, schema: { hide: true } },
    async (socket, request) => {
      // Frames can arrive while we authenticate; hold them so the client's first `resume` is not lost.
      const early: { data: RawData; isBinary: boolean }[] = [];
      const hold = (data: RawData, isBinary: boolean) => early.push({ data, isBinary });
      socket.on('message', hold);
      const actor = await deps.authenticate(request).catch(() => null);
      socket.off('message', hold);
      if (!actor || actor.mustChangePassword) {
        socket.close(WS_CLOSE.unauthenticated, 'sign in first');
        return;
      }
      // A cookie rides along with any page's connection attempt: only our own pages may use it.
      if (actor.auth.method === 'session' && !allowedOrigin(request, deps.publicUrl)) {
        socket.close(WS_CLOSE.forbiddenOrigin, 'cross-origin connection refused');
        return;
      }
      if (!can(actor.grants, 'message.use')) {
        socket.close(WS_CLOSE.forbiddenOrigin, 'messaging is not enabled for this account');
        return;
      }
      deps.hub.attach(socket, actor, () => deps.authenticate(request), early);
    },
  );
}

/**
 * Whether the page that opened this connection is one of ours. A browser sends `Origin` with every
 * WebSocket handshake and the cookie rides along whatever page asks (cross-site WebSocket
 * hijacking), so the whole origin must match — scheme, host and port: an `http://` page or another
 * port on the same host is another site. With LIAISON_PUBLIC_URL configured that is the one origin;
 * without it, the origin this request itself was sent to (its protocol, which honours
 * `X-Forwarded-Proto` only from trusted proxies, and its Host). No `Origin` means no browser.
 */
export function allowedOrigin(request: FastifyRequest, publicUrl: string | null): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const expected = originOf(publicUrl ?? `${request.protocol}://${request.host}`);
  return expected !== null && originOf(origin) === expected;
}

/** `scheme://host[:port]` normalised (lower case, default port dropped), or null when not a URL. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
