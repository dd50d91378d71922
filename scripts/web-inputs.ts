import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What the web client is built from: its own files and the contracts it imports, and the lock file. */
const INPUT_ROOTS = ['web', 'contracts'];
const INPUT_FILES = ['package-lock.json'];
/** Build output, dependencies and test artefacts are not inputs. */
const SKIPPED_DIRS = new Set(['dist', 'node_modules', 'test-results', 'coverage', '.vite']);

/** Where the hash of the inputs of the last build is kept: inside the build, so it goes with it. */
export const BUILD_STAMP = join('web', 'dist', '.inputs-sha256');

/**
 * A SHA-256 over the path and content of every input file, in a fixed order: it changes exactly when
 * something the build reads changed (a file edited, added, removed or renamed).
 */
export function webInputsHash(root: string): string {
  const files: string[] = INPUT_FILES.map((file) => join(root, file));
  for (const dir of INPUT_ROOTS) files.push(...listFiles(join(root, dir)));
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(relative(root, file).split(sep).join('/'));
    hash.update('\0');
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('(missing)');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...listFiles(join(dir, entry.name)));
    } else if (entry.isFile()) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}
