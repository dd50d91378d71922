import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachment as contentDisposition } from '../export/columns.ts';

/**
 * Sends a stored file as a download: its detected type, never sniffed, in a sandbox, so nothing
 * uploaded runs in a reader's browser.
 */
export function sendFile(
  reply: FastifyReply,
  file: { fileName: string; contentType: string; size: number },
  stream: Readable,
) {
  return reply
    .type(file.contentType)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(file.fileName))
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=86400')
    .send(stream);
}
