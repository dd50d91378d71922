import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from '../../platform/http/server.ts';

/**
 * Serves the built web client (web/dist) with the single-page-app fallback: any GET outside
 * /api that is not a file gets index.html, so deep links work. Hashed assets are cached for a
 * year as immutable; index.html is revalidated on every load, so a deploy is picked up at once.
 *
 * The build writes a brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file
 * (web/vite.config.ts), at brotli's highest quality, which would be far too slow per request;
 * here the copy the browser accepts is chosen by `Accept-Encoding` and streamed as it is, so
 * compression costs nothing at run time. Files without a copy go through the runtime compressor.
 */
export async function webRoutes(app: App, distDir: string): Promise<boolean> {
  if (!existsSync(join(distDir, 'index.html'))) return false;
  const root = resolve(distDir);
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  app.get('/*', { config: { access: { public: true } }, schema: { hide: true } }, (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (path.startsWith('api/')) return reply.callNotFound();
    // Only files inside the bundle exist for the browser: `..` cannot even probe outside it.
    const file = resolve(root, path);
    if (path && file.startsWith(`${root}${sep}`) && existsSync(file) && !path.endsWith('/')) {
      const immutable = path.startsWith('assets/');
      return reply.sendFile(path, { immutable, maxAge: immutable ? '365d' : 0 });
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  });
  return true;
}
