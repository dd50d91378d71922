import { type Expression, type RawBuilder, sql } from 'kysely';

/**
 * The facts of `timeliness.ts` counted in SQL, for repositories that aggregate many rows (a
 * publication to 100,000 people is one grouped query, not 100,000 rows in memory). Each sum is one
 * row of the table in `timeliness.ts`; `counted` leaves rows out altogether (a late joiner).
 * Instants compare correctly on both databases: `timestamptz` on PostgreSQL, ISO-8601 text on SQLite.
 */
export function timelinessCounts(input: {
  done: Expression<unknown>;
  due: Expression<unknown>;
  now: string;
  counted?: RawBuilder<boolean>;
}) {
  const { done, due, now } = input;
  const counted = input.counted ?? sql<boolean>`1 = 1`;
  const sum = (condition: RawBuilder<unknown>) =>
    sql<number>`sum(case when ${counted} and ${condition} then 1 else 0 end)`;
  return [
    sum(sql`${done} is not null and ${done} <= ${due}`).as('done_in_time'),
    sum(sql`${done} is not null and ${done} > ${due}`).as('done_late'),
    sum(sql`${done} is null and ${due} <= ${now}`).as('open_overdue'),
    sum(sql`${done} is null and ${due} > ${now}`).as('open_pending'),
  ] as const;
}
