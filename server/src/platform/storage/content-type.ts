import { createHash } from 'node:crypto';
import { stripHiddenFormatting } from '@liaison/contracts';
import { AppError } from '../http/errors.ts';
import { text } from '../i18n/i18n.ts';
/**
 * What a file really is, judged by its first bytes rather than by its name or by what the browser
 * claimed. Only these types are accepted as attachments; anything else is refused.
 */
export interface DetectedType {
  contentType: string;
  /** Extensions a file of this type may carry. */
  extensions: readonly string[];
}

const SIGNATURES: { bytes: (number | null)[]; offset?: number; type: DetectedType }[] = [
  {
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    type: { contentType: 'image/png', extensions: ['png'] },
  },
  { bytes: [0xff, 0xd8, 0xff], type: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] } },
  { bytes: [0x47, 0x49, 0x46, 0x38], type: { contentType: 'image/gif', extensions: ['gif'] } },
  {
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
    type: { contentType: 'image/webp', extensions: ['webp'] },
  },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { contentType: 'application/pdf', extensions: ['pdf'] } },
  // Office Open XML, OpenDocument and plain zip archives are all zip containers.
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    type: {
      contentType: 'application/zip',
      extensions: ['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'],
    },
  },
  // Legacy Office (OLE compound file).
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    type: { contentType: 'application/x-ole-storage', extensions: ['doc', 'xls', 'ppt'] },
  },
];

const OFFICE: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  zip: 'application/zip',
};

const TEXT_EXTENSIONS = ['txt', 'csv', 'md', 'log'];

/**
 * The content type to store and serve for an upload, or null when the bytes are not an accepted
 * type or do not match the file's extension (a `.pdf` that is really an executable, say).
 */
export function detectContentType(fileName: string, head: Buffer): string | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  for (const signature of SIGNATURES) {
    const offset = signature.offset ?? 0;
    const matches = signature.bytes.every((b, i) => b === null || head[offset + i] === b);
    if (!matches) continue;
    if (!signature.type.extensions.includes(extension)) return null;
    return OFFICE[extension] ?? signature.type.contentType;
  }
  if (TEXT_EXTENSIONS.includes(extension) && isUtf8Text(head)) {
    return extension === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8';
  }
  return null;
}

function isUtf8Text(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(trimIncompleteTail(head));
    return true;
  } catch {
    return false;
  }
}

/** The sample may end in the middle of a multi-byte character; drop that partial tail. */
function trimIncompleteTail(buf: Buffer): Buffer {
  const end = buf.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = buf[end - i]!;
    if ((byte & 0xc0) === 0xc0) return buf.subarray(0, end - i);
    if ((byte & 0x80) === 0) break;
  }
  return buf;
}

/**
 * A file name safe to store, to show and to send back in Content-Disposition: no paths, no control
 * characters, no hidden formatting (a right-to-left override makes `合同\u202Excod.txt` show as
 * `合同txt.docx`), no NUL or unpaired surrogate (which PostgreSQL cannot store), at most 200
 * characters cut on a character boundary.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = stripHiddenFormatting(base.toWellFormed())
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f"]/g, '')
    .trim();
  return Array.from(cleaned).slice(0, 200).join('') || 'file';
}

/**
 * An uploaded file checked the same way everywhere: no larger than `maxBytes`, its type decided by
 * its bytes (and agreeing with its name), its name made safe. Throws the API's errors otherwise.
 */
export function acceptUpload(
  file: { fileName: string; data: Buffer },
  maxBytes: number,
): { fileName: string; contentType: string; sha256: string } {
  if (file.data.length > maxBytes) {
    throw new AppError(
      'payload_too_large',
      text('errors.fileTooLarge', { mib: Math.floor(maxBytes / 1048576) }),
    );
  }
  const fileName = cleanFileName(file.fileName);
  const contentType = detectContentType(fileName, file.data.subarray(0, 4096));
  if (!contentType) {
    throw new AppError('unsupported_media_type', text('errors.fileKind'));
  }
  return { fileName, contentType, sha256: createHash('sha256').update(file.data).digest('hex') };
}
