/**
 * Starts the real Liaison server for the browser tests, on a brand-new embedded database:
 * `node e2e/start-server.ts` (Playwright's webServer does this). The data directory is
 * e2e/.data/server, wiped here on every start, so every run begins from the same demo company.
 * Deleting happens only here — never in playwright.config.ts, which every worker re-evaluates.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = fileURLToPath(new URL('./.data/server', import.meta.url));
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

if (!existsSync(webIndex)) {
  console.error(`The web client is not built (${webIndex} is missing): run \`npm run build:web\` first.`);
  process.exit(1);
}

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

process.chdir(root);
process.env.LIAISON_DATA_DIR = dataDir;
// main.ts reads its flags from argv: always the demo company, whatever we were started with.
process.argv = [process.argv[0]!, fileURLToPath(new URL('../server/src/main.ts', import.meta.url)), '--demo'];

await import('../server/src/main.ts');
