import type { Config } from './platform/config/config.ts';
import type { Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import type { Services } from './services.ts';

export interface StartupReport {
  migrations: string[];
  admin: { created: boolean; generatedPassword: string | null };
}

/**
 * What must hold before the first request: the schema is current, nothing caught by communication
 * control lies in plaintext, the built-in roles exist, there is an administrator to sign in with,
 * and the calendar has this year's holidays (and, from 1 November, next year's).
 */
export async function prepare(
  database: Database,
  services: Services,
  config: Pick<Config, 'adminPassword'>,
): Promise<StartupReport> {
  const migrations = await migrateToLatest(database.db, database.dialect);
  // What communication control caught before 0007 was kept in plaintext: seal it (it needs the
  // key, which migrations do not have). Until then it is read as it is, by its `sealed` flag.
  await services.review.sealStored();
  await services.messages.sealStored();
  await services.roles.ensureBuiltIns();
  const admin = await services.users.bootstrapAdmin(config.adminPassword);
  await services.auth.housekeeping();
  // Before the first deadline is computed: a year without holidays would count them as working days.
  await services.calendarYears.prepare();
  return { migrations, admin };
}
