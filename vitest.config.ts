import pg from 'pg';
import { defineConfig } from 'vitest/config';

/** The PostgreSQL the integration suite runs against, when one is reachable. */
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgres = await postgresReachable();
if (!postgres) {
  const required = process.env.LIAISON_REQUIRE_POSTGRES === '1';
  const message = `PostgreSQL not reachable at ${POSTGRES_URL}: the integration suite runs on SQLite only.`;
  if (required) throw new Error(message);
  console.warn(`\n⚠ ${message} Set TEST_DATABASE_URL or start PostgreSQL (.ci/run does).\n`);
}

const integration = ['server/src/**/*.int.test.ts'];

/**
 * Unit tests run once; the integration suite (`*.int.test.ts`) runs twice, once per database,
 * with the same files. Each test file gets its own database (a temporary SQLite file or a fresh
 * PostgreSQL schema), so files run in parallel without sharing state.
 */
export default defineConfig({
  test: {
    projects: [
      // The web client's own unit tests (translations, helpers) with its config.
      'web/vitest.config.ts',
      {
        test: {
          name: 'unit',
          include: [
            'server/src/**/*.test.ts',
            'contracts/src/**/*.test.ts',
            'server/test/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: integration,
        },
      },
      {
        test: {
          name: 'sqlite',
          include: integration,
          env: { LIAISON_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
        },
      },
      ...(postgres
        ? [
            {
              test: {
                name: 'postgres',
                include: integration,
                env: { LIAISON_TEST_DB: 'postgres', TEST_DATABASE_URL: POSTGRES_URL },
                testTimeout: 30_000,
              },
            },
          ]
        : []),
    ],
  },
});
