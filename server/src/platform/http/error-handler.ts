import type { ErrorBody, ErrorCode } from '@liaison/contracts';
import type { FastifyError, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isUniqueViolation } from '../db/dialect.ts';
import { AppError } from './errors.ts';
import type { App } from './server.ts';

/** Fastify's own failures, mapped onto our closed set of codes. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'Send the body as application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed_request', message: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_request', message: 'The body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'malformed_request', message: 'Content-Length is wrong.' },
};

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return reply.status(error.status).type('application/json').send(body);
}

/** One error shape, `{"error":{"code","message","details"}}`, for everything the API answers. */
export function registerErrorHandling(app: App): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return sendError(reply, err);

    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const issues = err.validation.map((v) => {
        const path = [
          where,
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.');
        return { path, message: v.message ?? 'invalid' };
      });
      return sendError(reply, new AppError('validation_failed', 'The request is not valid.', issues));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return sendError(reply, new AppError('internal_error', 'Something went wrong on our side.'));
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendError(reply, new AppError(known.code, known.message));
    if (err instanceof SyntaxError || err.statusCode === 400) {
      return sendError(reply, new AppError('malformed_request', 'The request could not be read.'));
    }
    if (err.statusCode === 413) return sendError(reply, new AppError('payload_too_large', 'Too large.'));
    if (err.statusCode === 415) {
      return sendError(reply, new AppError('unsupported_media_type', 'Unsupported content type.'));
    }
    if (err.statusCode === 429) return sendError(reply, new AppError('rate_limited', 'Too many requests.'));
    // Two requests raced to create the same unique thing; the service's own check lost the race.
    if (isUniqueViolation(err)) {
      return sendError(reply, new AppError('conflict', 'This already exists; reload and try again.'));
    }

    request.log.error({ err }, 'unhandled error');
    return sendError(reply, new AppError('internal_error', 'Something went wrong on our side.'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`)),
  );
}
