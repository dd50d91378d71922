import { Health } from '@liaison/contracts';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { Metrics } from '../../platform/http/metrics.ts';
import type { App } from '../../platform/http/server.ts';

const started = Date.now();

export function systemRoutes(
  app: App,
  deps: { database: Database; metrics: Metrics; version: string },
): void {
  app.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: { tags: ['system'], response: { 200: Health, 503: Health } },
    },
    async (_request, reply) => {
      let database: 'ok' | 'failing' = 'ok';
      try {
        await sql`select 1`.execute(deps.database.db);
      } catch {
        database = 'failing';
      }
      const body = {
        status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
        database: deps.database.dialect.kind,
        version: deps.version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        checks: { database },
      };
      return reply.code(database === 'ok' ? 200 : 503).send(body);
    },
  );

  app.get('/metrics', { config: { access: { public: true } } }, async (_request, reply) => {
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });

  app.get('/api/docs', { config: { access: { public: true } }, schema: { hide: true } }, () => app.swagger());
}
