import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.ts';

/**
 * Where files (attachments, archives) live. The local implementation keeps them under the data
 * directory; an S3-compatible store can implement the same four operations for several nodes.
 */
export interface BlobStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Readable>;
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
}

/**
 * Files under one folder, written to a temporary name, flushed to disk and renamed into place;
 * folders owner-only (0700), files owner read/write (0600), whatever the process umask.
 */
export class LocalBlobStore implements BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.#path(key);
    await ensurePrivateDir(dirname(path));
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    const handle = await open(temporary, 'w', PRIVATE_FILE_MODE);
    try {
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  }

  async get(key: string): Promise<Readable> {
    const path = this.#path(key);
    await stat(path);
    return createReadStream(path);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.#path(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  /** Keys are ours (ids and fixed prefixes), but a key can still never leave the root. */
  #path(key: string): string {
    const path = resolve(join(this.#root, key));
    if (!path.startsWith(`${this.#root}${sep}`)) throw new Error(`blob key outside the store: ${key}`);
    return path;
  }
}
