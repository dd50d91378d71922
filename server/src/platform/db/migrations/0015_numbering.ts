import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/** Counters for gapless numbers per kind and period (platform/numbering). */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  await db.schema
    .createTable('number_counters')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('last', d.types.bigint, (c) => c.notNull())
    .addColumn('updated_at', d.types.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('number_counters_pk', ['kind', 'period'])
    .execute();
}
