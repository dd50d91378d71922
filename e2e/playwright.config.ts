import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against the real server (embedded SQLite, demo company, built web client) in
 * Debian's Chromium. `npm run test:e2e` from the repository root builds the client and runs these;
 * `npm run test -w e2e` runs them on the client already in web/dist.
 *
 * E2E_PORT overrides the port (default 3210). The port must be free: an already running server
 * is never reused, because the tests rely on a fresh demo database.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  reporter: [['list']],
  // A slow, shared two-core machine: one browser at a time, generous but bounded waits.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Fifteen browser stories on two cores; the whole CI run stays well under its 30 minutes.
  globalTimeout: 20 * 60_000,
  expect: { timeout: 15_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // The Node that runs Playwright (Node 24 under npm), on the server's TypeScript directly.
    command: `"${process.execPath}" e2e/start-server.ts`,
    cwd: ROOT,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Embedded mode whatever the surrounding shell exports (CI sets these for other suites).
      DATABASE_URL: '',
      REDIS_URL: '',
      LIAISON_SECRET_KEY: '',
      LIAISON_ADMIN_PASSWORD: '',
      LIAISON_COOKIE_SECURE: 'false',
    },
  },
});
