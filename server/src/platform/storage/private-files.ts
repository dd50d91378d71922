import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * The data directory holds the database, the secret key, attachments and backups: nobody but the
 * service's own account may read any of it. Modes passed to mkdir/open are filtered through the
 * process umask, so every helper here also sets the mode explicitly afterwards — the result is
 * exactly 0700 / 0600 whatever the umask, and files left world-readable by an older version are
 * tightened on the next start.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a directory (and missing parents) owner-only; an existing one is made owner-only. */
export function ensurePrivateDirSync(path: string): void {
  const target = resolve(path);
  const first = mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const dir of createdChain(first, target)) chmodSync(dir, PRIVATE_DIR_MODE);
  chmodSync(target, PRIVATE_DIR_MODE);
}

/** The same, without blocking: for blob folders created while serving. */
export async function ensurePrivateDir(path: string): Promise<void> {
  const target = resolve(path);
  const first = await mkdir(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  // Only folders this call created are chmodded: an existing folder was settled when it was made.
  for (const dir of createdChain(first, target)) await chmod(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file owner-only; a missing file is no error (e.g. no WAL yet). */
export function restrictFileSync(path: string): void {
  try {
    chmodSync(path, PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Creates an empty owner-only file if there is none yet, and makes it owner-only either way. */
export function ensurePrivateFileSync(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Every folder from `target` up to `first`, the outermost one mkdir created (an ancestor or itself). */
function createdChain(first: string | undefined, target: string): string[] {
  if (!first) return [];
  const chain = [target];
  for (let dir = target; dir !== first && dir !== dirname(dir); ) {
    dir = dirname(dir);
    chain.push(dir);
  }
  return chain;
}
