import type { ColumnDataType, Expression, Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
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
  };
  /** Adds `FOR UPDATE` where the database has row locks; SQLite serialises writers anyway. */
  forUpdate<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
}

const sqliteDialect: SqlDialect = {
  kind: 'sqlite',
  types: { id: 'text', timestamp: 'text', json: 'text', bigint: 'integer' },
  forUpdate: (qb) => qb,
};

const postgresDialect: SqlDialect = {
  kind: 'postgres',
  types: { id: 'uuid', timestamp: 'timestamptz', json: 'jsonb', bigint: 'bigint' },
  forUpdate: (qb) => qb.forUpdate(),
};

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
