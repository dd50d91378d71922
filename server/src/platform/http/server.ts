import { randomUUID } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, RequestContext } from '../auth/actor.ts';
import type { AccessRule } from './access.ts';
import { type RouteAccess, registerAccessControl } from './access-control.ts';
import { registerErrorHandling } from './error-handler.ts';
import { readableLogStream } from './log-format.ts';
import { type Metrics, registerMetrics } from './metrics.ts';
import { openApiTransform, openApiTransformObject } from './openapi.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { localizedValidatorCompiler } from './validation-messages.ts';

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by access control for authenticated requests; null on public routes without credentials. */
    actor: Actor | null;
  }
}

/**
 * Fastify logs two records per request (received, completed); one line written when the answer is
 * sent says it all: method, path, status and time. The web bundle's files are many per page and say
 * nothing, so a successful one is logged at debug only; API calls and failures at info.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = { statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    const message = `${request.method} ${request.url}`;
    if (error) request.log.info({ ...line, err: error }, message);
    else if (reply.statusCode < 400 && !request.url.startsWith('/api/')) request.log.debug(line, message);
    else request.log.info(line, message);
  }
}

export interface HttpOptions {
  /** `pretty` writes readable lines to stdout, `json` pino's records; false logs nothing. */
  logger: { level: string; format: 'pretty' | 'json'; stream?: NodeJS.WritableStream } | false;
  bodyLimit: number;
  /** Largest file upload (multipart) in bytes; JSON bodies stay under bodyLimit. */
  uploadLimit: number;
  trustProxy: boolean | number | string[];
  cookieSecure: boolean;
  version: string;
  /** Turns credentials into an actor; returns null when they are missing, expired or revoked. */
  authenticate: (request: FastifyRequest) => Promise<Actor | null>;
  /** The CSRF token a cookie-authenticated session must echo in `x-csrf-token`. */
  csrfTokenFor: (sessionId: string) => string;
  /** Told about every refused signed-in request (a security event for the audit log). */
  onDenied: (request: FastifyRequest, reason: 'csrf' | 'permission') => Promise<void>;
}

/**
 * The HTTP platform every module's routes run on: request ids, security headers, body limit,
 * compression, cookies, zod validation and serialisation, the OpenAPI document, metrics, one error shape and
 * deny-by-default access control.
 */
export async function createHttpServer(
  options: HttpOptions,
): Promise<{ app: App; metrics: Metrics; routes: RouteAccess[] }> {
  const app = Fastify({
    logger: options.logger && {
      level: options.logger.level,
      ...(options.logger.format === 'pretty'
        ? { stream: options.logger.stream ?? readableLogStream() }
        : options.logger.stream
          ? { stream: options.logger.stream }
          : {}),
    },
    logController: new OneLinePerRequest(),
    bodyLimit: options.bodyLimit,
    // A hop count becomes proxy-addr's "trust the nearest n" function.
    trustProxy:
      typeof options.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (options.trustProxy as number)
        : options.trustProxy,
    // An incoming x-request-id is kept only when it looks like an id, so it cannot forge log lines.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>() as App;

  // The API speaks JSON; any other body type is refused with 415 rather than parsed as text.
  app.removeContentTypeParser('text/plain');
  // Issues are worded in every language we speak; the error handler answers in the request's.
  app.setValidatorCompiler(localizedValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerErrorHandling(app);
  // Answers over 1 KiB (JSON, the OpenAPI document, metrics) go out as brotli or gzip. Brotli at
  // quality 4 costs about as much CPU as gzip and packs JSON tighter; the web bundle is compressed
  // once at build time instead (web.routes.ts), and a reply that already names its encoding is
  // passed through untouched.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });
  // Cookie parsing is an onRequest hook too; it must run before access control reads the session.
  await app.register(fastifyCookie);
  const routes = registerAccessControl(app, options);
  const metrics = registerMetrics(app);

  registerSecurityHeaders(app, { hsts: options.cookieSecure });
  // Multipart is only read by routes that ask for a file; one file per request.
  await app.register(fastifyMultipart, { limits: { fileSize: options.uploadLimit, files: 1, fields: 10 } });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Liaison API',
        description:
          'Liaison (联络) — enterprise internal & external communication management. Authenticate with the ' +
          'session cookie from POST /api/auth/login (and send x-csrf-token on changes) or with a personal API ' +
          'token as `Authorization: Bearer …`.',
        version: options.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'liaison_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs/ui' });
  return { app, metrics, routes };
}

/** The request's context for services: actor, client address and request id for the audit log. */
export function contextOf(request: FastifyRequest): RequestContext {
  const ua = request.headers['user-agent'];
  return {
    actor: request.actor,
    ip: request.ip ?? null,
    requestId: request.id,
    userAgent: typeof ua === 'string' ? ua.slice(0, 256) : null,
  };
}

export type { AccessRule };
