import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { type Database, openDatabase } from '../../server/src/platform/db/database.ts';
import { migrateToLatest } from '../../server/src/platform/db/migrator.ts';

/** A fresh, migrated database for one benchmark run, with a raw connection beside it for ceilings. */
export interface BenchTarget {
  kind: 'sqlite' | 'postgres';
  database: Database;
  /** The raw connection: statements without parameters run as scripts (begin, commit, DDL). */
  raw: { query(sql: string, params?: unknown[]): Promise<unknown[]> };
  close(): Promise<void>;
}

export async function openBenchSqlite(name: string): Promise<BenchTarget> {
  const dir = mkdtempSync(join(tmpdir(), `liaison-bench-${name}-`));
  const file = join(dir, 'liaison.sqlite');
  const database = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(database.db, database.dialect);
  const raw = new DatabaseSync(file);
  // The same durability as the server's own connection.
  raw.exec('pragma journal_mode = wal; pragma synchronous = full; pragma busy_timeout = 10000');
  return {
    kind: 'sqlite',
    database,
    raw: {
      async query(sql, params = []) {
        const reads = /^\s*select/i.test(sql);
        if (params.length === 0 && !reads) {
          raw.exec(sql);
          return [];
        }
        const stmt = raw.prepare(sql);
        return reads ? stmt.all(...(params as never[])) : [stmt.run(...(params as never[]))];
      },
    },
    async close() {
      raw.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new schema on the PostgreSQL server, dropped again on close. */
export async function openBenchPostgres(baseUrl: string, name: string): Promise<BenchTarget> {
  const schema = `bench_${name}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const database = openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  await migrateToLatest(database.db, database.dialect);
  const raw = new pg.Client({ connectionString: url.toString() });
  await raw.connect();
  return {
    kind: 'postgres',
    database,
    raw: { query: async (sql, params = []) => (await raw.query(sql, params as unknown[])).rows },
    async close() {
      await raw.end();
      await database.close();
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
