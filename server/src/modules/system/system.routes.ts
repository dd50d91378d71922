import { Health } from '@liaison/contracts';
import { Gauge } from 'prom-client';
import { type Database, pingDatabase } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { checkMetricsAccess, type Metrics } from '../../platform/http/metrics.ts';
import type { App } from '../../platform/http/server.ts';

const started = Date.now();

export interface SystemDeps {
  database: Database;
  metrics: Metrics;
  /** LIAISON_METRICS_TOKEN, or null for loopback-only scraping. */
  metricsToken: string | null;
  version: string;
  /** The cross-node event bus: reported when it is Redis (in-process needs no check). */
  bus: EventBus;
  /** Live connections and delivered events on this node, for /metrics. */
  realtime: () => { connections: number; delivered: number };
  eventPumpSeq: () => number;
}

export function systemRoutes(app: App, deps: SystemDeps): void {
  // Read at scrape time from the live objects, so there is nothing to keep in step.
  new Gauge({
    name: 'liaison_ws_connections',
    help: 'Open WebSocket connections on this node',
    registers: [deps.metrics.registry],
    collect() {
      this.set(deps.realtime().connections);
    },
  });
  new Gauge({
    name: 'liaison_ws_events_delivered',
    help: 'Events sent to WebSocket clients by this node since it started',
    registers: [deps.metrics.registry],
    collect() {
      this.set(deps.realtime().delivered);
    },
  });
  new Gauge({
    name: 'liaison_event_log_position',
    help: 'The last event-log sequence number this node has processed',
    registers: [deps.metrics.registry],
    collect() {
      this.set(deps.eventPumpSeq());
    },
  });

  app.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: {
        operationId: 'getHealth',
        summary: 'Health of this node and its database',
        tags: ['system'],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      let database: 'ok' | 'failing' = 'ok';
      try {
        await pingDatabase(deps.database);
      } catch {
        database = 'failing';
      }
      const redis: 'ok' | 'failing' | 'disabled' =
        deps.bus.kind === 'redis' ? (deps.bus.healthy() ? 'ok' : 'failing') : 'disabled';
      const body = {
        status: database === 'ok' && redis !== 'failing' ? ('ok' as const) : ('degraded' as const),
        database: deps.database.dialect.kind,
        version: deps.version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        checks: { database, redis },
      };
      // Without the database nothing works; without Redis this node still serves, just less live.
      return reply.code(database === 'ok' ? 200 : 503).send(body);
    },
  );

  // Not a person's route (no session or API token): its own check, before anything is collected.
  app.get(
    '/metrics',
    {
      // 401 without the configured token; 403 from anywhere but loopback when there is none.
      config: { access: { public: true }, errors: ['unauthenticated', 'forbidden'] },
      schema: { tags: ['system'], operationId: 'getMetrics', summary: 'Prometheus metrics' },
      onRequest: async (request) => checkMetricsAccess(request, deps.metricsToken),
    },
    async (_request, reply) => {
      reply.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    },
  );

  app.get('/api/docs', { config: { access: { public: true } }, schema: { hide: true } }, () => app.swagger());
}
