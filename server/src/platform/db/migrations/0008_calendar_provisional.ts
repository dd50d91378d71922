import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/**
 * Next year's calendar before the State Council's notice: days filled from the statutory holiday
 * rules are marked provisional, and each year records where its holidays come from — when it was
 * filled provisionally, when its official arrangement arrived, when administrators were warned
 * that it had none. Years that already have exceptions (the shipped 2026 schedule, imports) are
 * official.
 */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  const { timestamp } = d.types;

  await db.schema
    .alterTable('calendar_days')
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('provisional_at', timestamp)
    .addColumn('official_at', timestamp)
    .addColumn('reminded_at', timestamp)
    .execute();

  await sql`
    insert into calendar_years (year, official_at)
    select cast(substr(date, 1, 4) as integer), max(updated_at)
    from calendar_days
    group by substr(date, 1, 4)
  `.execute(db);
}
