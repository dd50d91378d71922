import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrator.ts';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.LIAISON_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase extends Database {
  /** The DATABASE_URL (PostgreSQL) or data directory (SQLite) another process can open. */
  location: { kind: 'postgres'; url: string } | { kind: 'sqlite'; dataDir: string };
  drop(): Promise<void>;
}

/**
 * A private, migrated database for one test file: a temporary SQLite file, or a fresh schema on
 * the test PostgreSQL server (selected with search_path, so the schema name never leaks into SQL).
 */
export async function createTestDatabase(kind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-test-'));
    const database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'liaison.sqlite') });
    await migrateToLatest(database.db, database.dialect);
    return {
      ...database,
      location: { kind: 'sqlite', dataDir },
      async drop() {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const database = openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  await migrateToLatest(database.db, database.dialect);
  return {
    ...database,
    location: { kind: 'postgres', url: url.toString() },
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
