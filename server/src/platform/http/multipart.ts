import type { FastifyRequest } from 'fastify';
import { AppError, errors } from './errors.ts';

/** The one file of a multipart upload (form field `file`), refused past `maxBytes`. */
export async function readUploadedFile(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ fileName: string; data: Buffer }> {
  if (!request.isMultipart())
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data.');
  const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file) throw errors.invalidField('body.file', 'no file in the upload');
  const data = await file.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('payload_too_large', `Files are limited to ${Math.floor(maxBytes / 1048576)} MiB.`);
    }
    throw err;
  });
  return { fileName: file.filename, data };
}
