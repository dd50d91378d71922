import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP, webInputsHash } from './web-inputs.ts';

/**
 * `npm start`'s first step: builds the web client only when something it is built from (web/,
 * contracts/, the lock file) changed since the last build, so a restart takes seconds.
 * `--force` (`npm run build:web`) always builds; either way the stamp records what was built, so
 * `npm start` after `npm test` does not build the same client again.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, BUILD_STAMP);
const hash = webInputsHash(root);

const force = process.argv.includes('--force');

if (
  !force &&
  existsSync(join(root, 'web', 'dist', 'index.html')) &&
  existsSync(stamp) &&
  readFileSync(stamp, 'utf8') === hash
) {
  console.log('web client: up to date (nothing in web/ or contracts/ changed since the last build)');
} else {
  console.log('web client: building…');
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, hash);
}
