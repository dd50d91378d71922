import type { CalendarDay } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';

export async function allDays(db: Executor): Promise<CalendarDay[]> {
  return db.selectFrom('calendar_days').select(['date', 'kind', 'name']).orderBy('date').execute();
}

export async function daysOfYears(db: Executor, years: readonly number[]): Promise<CalendarDay[]> {
  if (years.length === 0) return [];
  return db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where((eb) => eb.or(years.map((y) => eb.between('date', `${y}-01-01`, `${y}-12-31`))))
    .orderBy('date')
    .execute();
}

export async function findDay(db: Executor, date: string): Promise<CalendarDay | undefined> {
  return db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('date', '=', date)
    .executeTakeFirst();
}

export async function putDay(db: Executor, day: CalendarDay, at: Date): Promise<void> {
  const row = { ...day, updated_at: at.toISOString() };
  await db
    .insertInto('calendar_days')
    .values(row)
    .onConflict((oc) =>
      oc.column('date').doUpdateSet({ kind: row.kind, name: row.name, updated_at: row.updated_at }),
    )
    .execute();
}

export async function deleteDay(db: Executor, date: string): Promise<boolean> {
  const result = await db.deleteFrom('calendar_days').where('date', '=', date).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteYears(db: Executor, years: readonly number[]): Promise<number> {
  if (years.length === 0) return 0;
  const result = await db
    .deleteFrom('calendar_days')
    .where((eb) => eb.or(years.map((y) => eb.between('date', `${y}-01-01`, `${y}-12-31`))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A cheap fingerprint of the stored exceptions, to notice another node's edits. */
export async function signature(db: Executor): Promise<string> {
  const row = await db
    .selectFrom('calendar_days')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
    .executeTakeFirstOrThrow();
  const week = await db
    .selectFrom('settings')
    .select('updated_at')
    .where('key', '=', 'calendar.week')
    .executeTakeFirst();
  return `${row.n}|${row.latest ?? ''}|${week?.updated_at ?? ''}`;
}
