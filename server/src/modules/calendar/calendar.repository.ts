import type { CalendarDayKind } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';

export interface DayRow {
  date: string;
  kind: CalendarDayKind;
  name: string;
  provisional: number;
}

export interface YearRow {
  year: number;
  provisional_at: string | null;
  official_at: string | null;
  reminded_at: string | null;
}

/**
 * Serialises what changes where a year's holidays come from (the provisional fill, the warning, an
 * import or an entered arrangement) across app nodes; taken first in those transactions.
 */
export const YEARS_LOCK = 'calendar-years';

const DAY_COLUMNS = ['date', 'kind', 'name', 'provisional'] as const;

/** Every exception, for the working-time arithmetic. */
export async function allDays(db: Executor): Promise<Pick<DayRow, 'date' | 'kind'>[]> {
  return db.selectFrom('calendar_days').select(['date', 'kind']).orderBy('date').execute();
}

export async function daysOfYears(db: Executor, years: readonly number[]): Promise<DayRow[]> {
  if (years.length === 0) return [];
  return db
    .selectFrom('calendar_days')
    .select(DAY_COLUMNS)
    .where((eb) => eb.or(years.map((y) => eb.between('date', `${y}-01-01`, `${y}-12-31`))))
    .orderBy('date')
    .execute();
}

export async function findDay(db: Executor, date: string): Promise<DayRow | undefined> {
  return db.selectFrom('calendar_days').select(DAY_COLUMNS).where('date', '=', date).executeTakeFirst();
}

/** Writes a day; what an administrator writes is never provisional. */
export async function putDay(
  db: Executor,
  day: { date: string; kind: CalendarDayKind; name: string },
  at: Date,
): Promise<void> {
  const row = { ...day, provisional: 0, updated_at: at.toISOString() };
  await db
    .insertInto('calendar_days')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('date')
        .doUpdateSet({ kind: row.kind, name: row.name, provisional: 0, updated_at: row.updated_at }),
    )
    .execute();
}

/** Adds provisional days on dates that have none (the caller has left out taken dates). */
export async function insertProvisional(
  db: Executor,
  days: readonly { date: string; kind: CalendarDayKind; name: string }[],
  at: Date,
): Promise<void> {
  if (days.length === 0) return;
  await db
    .insertInto('calendar_days')
    .values(days.map((d) => ({ ...d, provisional: 1, updated_at: at.toISOString() })))
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

export async function deleteProvisional(db: Executor, years: readonly number[]): Promise<number> {
  if (years.length === 0) return 0;
  const result = await db
    .deleteFrom('calendar_days')
    .where('provisional', '=', 1)
    .where((eb) => eb.or(years.map((y) => eb.between('date', `${y}-01-01`, `${y}-12-31`))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findYear(db: Executor, year: number): Promise<YearRow | undefined> {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
}

/** Records when something happened to years, creating their rows as needed. */
export async function markYears(
  db: Executor,
  years: readonly number[],
  column: 'provisional_at' | 'official_at' | 'reminded_at',
  at: Date,
): Promise<void> {
  if (years.length === 0) return;
  const value = at.toISOString();
  await db
    .insertInto('calendar_years')
    .values(years.map((year) => ({ year, [column]: value })))
    .onConflict((oc) => oc.column('year').doUpdateSet({ [column]: value }))
    .execute();
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
