import { sql } from 'kysely';
import type { Database } from '../src/platform/db/database.ts';

/**
 * Where in the database any of these strings is stored as it is: every row of every table (FTS
 * shadow tables and binary columns included, read as bytes), as `table.column`. For tests that
 * prove a value is kept only sealed, or not at all.
 */
export async function plaintextLocations(database: Database, needles: readonly string[]): Promise<string[]> {
  const { db, dialect } = database;
  const tables =
    dialect.kind === 'sqlite'
      ? (
          await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
        ).rows.map((r) => r.name)
      : (
          await sql<{ name: string }>`
            select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
        ).rows.map((r) => r.name);
  const found = new Set<string>();
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const text =
          value instanceof Uint8Array
            ? Buffer.from(value).toString('utf8')
            : typeof value === 'string'
              ? value
              : JSON.stringify(value ?? null);
        if (needles.some((n) => text.includes(n))) found.add(`${table}.${column}`);
      }
    }
  }
  return [...found].sort();
}
