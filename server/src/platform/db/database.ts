import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { ensurePrivateDirSync, ensurePrivateFileSync, restrictFileSync } from '../storage/private-files.ts';
import { dialectFor, type SqlDialect } from './dialect.ts';
import type { DB } from './schema.ts';
import { openSqlite } from './sqlite-driver.ts';

export interface Database {
  db: Kysely<DB>;
  dialect: SqlDialect;
  /** Where the data is, for logs and health: a file path or the PostgreSQL host/database. */
  description: string;
  close(): Promise<void>;
}

export type DatabaseConfig = Config['database'];

/** One round trip to the database, for health checks: throws when it does not answer. */
export async function pingDatabase(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}

export function openDatabase(config: DatabaseConfig): Database {
  if (config.kind === 'sqlite') {
    const onDisk = config.file !== ':memory:';
    if (onDisk) {
      ensurePrivateDirSync(dirname(config.file));
      // SQLite gives a new database 0644 (less the umask) but creates its -wal and -shm with the
      // database file's own mode: creating the file owner-only first makes all three owner-only.
      ensurePrivateFileSync(config.file);
    }
    const { kysely } = openSqlite(config.file);
    // Files an earlier version left readable by others are tightened too.
    if (onDisk) for (const suffix of ['-wal', '-shm']) restrictFileSync(`${config.file}${suffix}`);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: kysely }) });
    return { db, dialect: dialectFor('sqlite'), description: config.file, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    types: { getTypeParser: pgTypeParser },
  });
  // An idle client losing its server connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const url = new URL(config.url);
  return {
    db,
    dialect: dialectFor('postgres'),
    description: `${url.hostname}:${url.port || 5432}${url.pathname}`,
    close: () => db.destroy(),
  };
}

const OID = { int8: 20, json: 114, jsonb: 3802, timestamp: 1114, timestamptz: 1184, numeric: 1700 } as const;

/**
 * Makes PostgreSQL return what SQLite returns, so repositories see one shape: counts and bigints
 * as numbers, instants as ISO strings, JSON as its text.
 */
function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  switch (oid) {
    case OID.int8:
    case OID.numeric:
      return Number;
    case OID.json:
    case OID.jsonb:
      return (v) => v;
    case OID.timestamptz:
      return (v) => new Date(v).toISOString();
    case OID.timestamp:
      return (v) => new Date(`${v}Z`).toISOString();
    default:
      return pg.types.getTypeParser(oid, format as 'text');
  }
}
