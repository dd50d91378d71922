import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import type { SqlDialect } from './dialect.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { DB } from './schema.ts';

/**
 * Applies pending migrations. Kysely's migrator takes a lock (an advisory lock on PostgreSQL),
 * so several nodes starting at once apply each migration exactly once.
 */
export async function migrateToLatest(db: Kysely<DB>, dialect: SqlDialect): Promise<string[]> {
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) {
    migrations[name] = { up: (k) => m.up(k as Kysely<unknown>, dialect) };
  }
  // Kysely looks for its bookkeeping tables in every schema unless told which; on PostgreSQL name
  // the current one, so a database shared with other schemas (or other Liaison installs) is safe.
  const migrationTableSchema =
    dialect.kind === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
