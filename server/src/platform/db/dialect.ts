import type {
  ColumnDataType,
  ColumnDefinitionBuilder,
  Expression,
  Kysely,
  RawBuilder,
  SelectQueryBuilder,
  Transaction,
} from 'kysely';
import { sql } from 'kysely';

export type DialectKind = 'sqlite' | 'postgres';

/**
 * Everything that differs between SQLite and PostgreSQL lives here, so the rest of the code
 * writes one query for both. Conventions both sides keep:
 * - ids are UUID strings (`uuid` on PostgreSQL, `text` on SQLite);
 * - instants are ISO-8601 UTC strings in and out (`timestamptz` on PostgreSQL, parsed back to
 *   ISO strings by the pg type parser; `text` on SQLite, which sorts correctly as text);
 * - flags are integers 0/1 on both (SQLite has no boolean and node:sqlite cannot bind one);
 * - JSON is a string in and out (`jsonb` on PostgreSQL, `text` on SQLite).
 */
export interface SqlDialect {
  kind: DialectKind;
  types: {
    id: ColumnDataType;
    timestamp: ColumnDataType;
    json: ColumnDataType;
    bigint: ColumnDataType;
    /**
     * Text compared byte by byte, for pinyin sort keys: `li zhi` (李志) must sort before `lin an`
     * (林安), which a locale collation that ignores spaces would get wrong.
     */
    sortKey: ColumnDataType | Expression<unknown>;
  };
  /** An increasing integer primary key the database assigns (an event log's position). */
  identity(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * Adds `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several workers claim different rows instead
   * of queueing on the same ones; SQLite's single writer needs nothing.
   */
  skipLocked<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** Adds `FOR UPDATE` where the database has row locks; SQLite serialises writers anyway. */
  forUpdate<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /**
   * Holds a named lock until the transaction ends, for check-then-act rules that span rows (the
   * last administrator, the shape of the department tree). A no-op on SQLite, whose writers are
   * serialised already. Take named locks first in a transaction; the audit chain head is locked last.
   */
  // biome-ignore lint/suspicious/noExplicitAny: works on any schema's transaction
  lockNamed(trx: Transaction<any>, name: string): Promise<void>;
}

const sqliteDialect: SqlDialect = {
  kind: 'sqlite',
  // SQLite's default BINARY collation already compares bytes.
  types: { id: 'text', timestamp: 'text', json: 'text', bigint: 'integer', sortKey: 'text' },
  identity: (c) => c.primaryKey().autoIncrement(),
  skipLocked: (qb) => qb,
  forUpdate: (qb) => qb,
  lockNamed: async () => {},
};

const postgresDialect: SqlDialect = {
  kind: 'postgres',
  types: {
    id: 'uuid',
    timestamp: 'timestamptz',
    json: 'jsonb',
    bigint: 'bigint',
    sortKey: sql`text collate "C"`,
  },
  identity: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
  skipLocked: (qb) => qb.forUpdate().skipLocked(),
  forUpdate: (qb) => qb.forUpdate(),
  lockNamed: async (trx, name) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`liaison:${name}`}, 0))`.execute(trx);
  },
};

/** Whether a database error is a unique-constraint violation (two writers raced to the same key). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; errcode?: unknown; message?: unknown };
  return e.code === '23505' || e.errcode === 2067 || /UNIQUE constraint failed/.test(String(e.message ?? ''));
}

export function dialectFor(kind: DialectKind): SqlDialect {
  return kind === 'sqlite' ? sqliteDialect : postgresDialect;
}

/** `LIKE` with the user's text taken literally (its `%`, `_` and `\` escaped). */
export function likeContains(column: Expression<unknown>, needle: string): RawBuilder<boolean> {
  const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`${column} like ${`%${escaped}%`} escape '\\'`;
}

export function likePrefix(column: Expression<unknown>, prefix: string): RawBuilder<boolean> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`${column} like ${`${escaped}%`} escape '\\'`;
}

export type AnyKysely = Kysely<never>;
