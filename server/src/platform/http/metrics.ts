import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { safeEqual } from '../crypto/keys.ts';
import { text } from '../i18n/i18n.ts';
import { AppError, errors } from './errors.ts';
import type { App } from './server.ts';

export interface Metrics {
  registry: Registry;
}

/**
 * Prometheus metrics: Node process metrics plus request counts and latencies by route pattern
 * (never by raw URL, which would explode the label set).
 */
export function registerMetrics(app: App): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'liaison_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'liaison_http_requests_total',
    help: 'HTTP requests answered',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'liaison_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  return { registry };
}

/**
 * Who may read `/metrics` (route names, request rates, process figures: reconnaissance for an
 * attacker). With a token configured, exactly `Authorization: Bearer <token>`. Without one, only a
 * scraper on this machine: the check reads the socket's own peer address, not `request.ip`, which
 * `trustProxy` lets `X-Forwarded-For` set; and a request that came through a proxy (it carries
 * forwarding headers) is refused even from loopback, because a reverse proxy on the same host would
 * otherwise hand `/metrics` to the whole internet.
 */
export function checkMetricsAccess(request: FastifyRequest, token: string | null): void {
  if (token) {
    const header = request.headers.authorization;
    const sent = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!sent || !safeEqual(sent, token)) {
      throw new AppError('unauthenticated', text('errors.metricsToken'), undefined, {
        'www-authenticate': 'Bearer realm="metrics"',
      });
    }
    return;
  }
  const proxied = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => request.headers[h] !== undefined);
  if (proxied || !isLoopback(request.socket.remoteAddress)) {
    throw errors.forbidden(text('errors.metricsLoopback'));
  }
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}
