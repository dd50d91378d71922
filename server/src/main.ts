import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { DEMO_PASSWORD, seedDemo } from './modules/demo/demo.seed.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { startBackground, stopBackground } from './services.ts';
import { prepare } from './startup.ts';

/**
 * `node server/src/main.ts [--demo]`: validate configuration, migrate, make sure an administrator
 * exists, optionally plant the demo company on an empty database, and serve.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } } });
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // In demo mode the administrator gets the documented demo password unless one is configured.
  const demoAdminPassword = values.demo && !config.adminPassword;
  if (demoAdminPassword) config = { ...config, adminPassword: DEMO_PASSWORD };

  const database = openDatabase(config.database);
  const { app, services } = await buildApp({ config, database });
  const log = app.log;

  const report = await prepare(database, services, config);
  if (report.migrations.length > 0) log.info({ migrations: report.migrations }, 'database migrated');
  if (report.admin.generatedPassword) {
    // Printed once, on purpose: there is no other way to learn it. It must be changed at first sign-in.
    log.warn(`created administrator "admin" with password: ${report.admin.generatedPassword}`);
  } else if (report.admin.created) {
    log.info(
      demoAdminPassword
        ? `created administrator "admin" with the demo password ${DEMO_PASSWORD} (demo only)`
        : 'created administrator "admin" with the password from LIAISON_ADMIN_PASSWORD',
    );
  }
  if (values.demo) {
    const seeded = await seedDemo(services, database);
    if (seeded) log.warn(`demo company created; demo accounts use the password ${DEMO_PASSWORD} (demo only)`);
  }

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await stopBackground(services);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  await startBackground(services);
  log.info(
    { database: database.dialect.kind, where: database.description },
    `Liaison is serving on port ${config.port}`,
  );
}

await main();
