import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
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
