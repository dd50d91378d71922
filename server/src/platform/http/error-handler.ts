import type { ErrorBody, ErrorCode } from '@liaison/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isUniqueViolation } from '../db/dialect.ts';
import { type Locale, negotiateLocale, type Text, text } from '../i18n/i18n.ts';
import { AppError } from './errors.ts';
import type { App } from './server.ts';
import { validationMessage } from './validation-messages.ts';

/** Fastify's own failures, mapped onto our closed set of codes. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; message: Text }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: text('errors.bodyTooLarge') },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: text('errors.jsonOnly') },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed_request', message: text('errors.emptyJson') },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_request', message: text('errors.invalidJson') },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'malformed_request', message: text('errors.contentLength') },
};

/**
 * The language a reply is written in: the one the request asks for (`Accept-Language`, which the
 * web client sets to the language on screen), else the signed-in person's own, else Chinese.
 */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  if (header) return negotiateLocale(header);
  return request.actor?.locale ?? negotiateLocale(undefined);
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  const locale = requestLocale(reply.request);
  const body: ErrorBody = { error: { code: error.code, message: error.messageIn(locale) } };
  if (error.details !== undefined) body.error.details = error.detailsIn(locale);
  // Says which language the message is in, so a client can show it as written; a message not yet
  // from the catalogue is English and says so.
  reply.header('content-language', error.text ? locale : 'en-US');
  return reply.status(error.status).type('application/json').send(body);
}

/** One error shape, `{"error":{"code","message","details"}}`, for everything the API answers. */
export function registerErrorHandling(app: App): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return sendError(reply, err);

    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const locale = requestLocale(request);
      const issues = err.validation.map((v) => {
        const path = [
          where,
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.');
        return { path, message: validationMessage(v, locale) };
      });
      return sendError(reply, new AppError('validation_failed', text('errors.validation'), issues));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return sendError(reply, new AppError('internal_error', text('errors.internal')));
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendError(reply, new AppError(known.code, known.message));
    if (err instanceof SyntaxError || err.statusCode === 400) {
      return sendError(reply, new AppError('malformed_request', text('errors.malformed')));
    }
    if (err.statusCode === 413)
      return sendError(reply, new AppError('payload_too_large', text('errors.tooLarge')));
    if (err.statusCode === 415) {
      return sendError(reply, new AppError('unsupported_media_type', text('errors.unsupportedMedia')));
    }
    if (err.statusCode === 429)
      return sendError(reply, new AppError('rate_limited', text('errors.rateLimited')));
    // Two requests raced to create the same unique thing; the service's own check lost the race.
    if (isUniqueViolation(err)) {
      return sendError(reply, new AppError('conflict', text('errors.alreadyExists')));
    }

    request.log.error({ err }, 'unhandled error');
    return sendError(reply, new AppError('internal_error', text('errors.internal')));
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new AppError(
        'not_found',
        text('errors.noRoute', { method: request.method, path: request.url.split('?')[0] ?? '' }),
      ),
    ),
  );
}
