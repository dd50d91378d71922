import type { FastifyRequest } from 'fastify';
import { text } from '../i18n/i18n.ts';
import { AppError, errors } from './errors.ts';

/** The one file of a multipart upload (form field `file`), refused past `maxBytes`. */
export async function readUploadedFile(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ fileName: string; data: Buffer }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', text('errors.multipartOnly'));
  try {
    const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!file) throw errors.invalidField('body.file', text('errors.noFile'));
    const data = await file.toBuffer();
    return { fileName: file.filename, data };
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
}

/**
 * Whatever the multipart parser (busboy, under @fastify/multipart) rejects is the client's fault:
 * a missing or mismatched boundary, a truncated part, a malformed part header. Busboy throws plain
 * errors without codes, so everything that is not one of ours or a known limit is a malformed body.
 */
function uploadError(err: unknown, maxBytes: number): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError(
      'payload_too_large',
      text('errors.fileTooLarge', { mib: Math.floor(maxBytes / 1048576) }),
    );
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError('malformed_request', text('errors.oneFile'));
  }
  return new AppError('malformed_request', text('errors.badUpload'));
}
