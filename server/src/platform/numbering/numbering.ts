import type { Executor } from '../db/schema.ts';

/**
 * Numbering (编号): gapless, per kind and period, safe across app nodes — complaint numbers
 * (TS-2026-0001), external-request numbers, 文号 such as 联发〔2026〕12号.
 *
 * A pattern names the period it resets with: `{yyyy}` resets every year, `{mm}` (with `{yyyy}`)
 * every month, neither never. `{seq}` is the number, `{seq:4}` zero-padded to four digits; `{yy}`
 * is the two-digit year. The period is read in the organisation's time zone, so the first complaint
 * after midnight on 1 January Beijing time is number 1 of the new year.
 *
 * `next` runs inside the caller's transaction: the counter's row is created or incremented with one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`, which holds its row lock until the transaction ends —
 * a second node asking for the same kind waits, and a rolled-back transaction gives its number back,
 * so the sequence has no gaps and no repeats.
 */
export interface NumberFormat {
  kind: string;
  pattern: string;
}

export interface Numbered {
  /** The formatted number, e.g. `TS-2026-0001`. */
  text: string;
  /** The sequence number within its period. */
  seq: number;
  period: string;
}

const TOKEN = /\{(yyyy|yy|mm|seq)(?::(\d{1,2}))?\}/g;

/** The local year and month of an instant in a zone. */
function localYearMonth(at: Date, timeZone: string): { year: string; month: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  return {
    year: parts.find((p) => p.type === 'year')!.value,
    month: parts.find((p) => p.type === 'month')!.value,
  };
}

/** The period a number taken at `at` belongs to, from the pattern's date tokens. */
export function periodOf(pattern: string, at: Date, timeZone: string): string {
  const { year, month } = localYearMonth(at, timeZone);
  const tokens = new Set([...pattern.matchAll(TOKEN)].map((m) => m[1]));
  if (tokens.has('mm')) return `${year}-${month}`;
  if (tokens.has('yyyy') || tokens.has('yy')) return year;
  return 'all';
}

/** The pattern filled in: pure, for previews and tests. */
export function formatNumber(pattern: string, seq: number, at: Date, timeZone: string): string {
  if (!pattern.includes('{seq')) throw new Error(`numbering pattern without {seq}: ${pattern}`);
  const { year, month } = localYearMonth(at, timeZone);
  return pattern.replace(TOKEN, (_, token: string, width?: string) => {
    if (token === 'yyyy') return year;
    if (token === 'yy') return year.slice(2);
    if (token === 'mm') return month;
    return width ? String(seq).padStart(Number(width), '0') : String(seq);
  });
}

export class Numbering {
  readonly #timeZone: string;

  constructor(timeZone: string) {
    this.#timeZone = timeZone;
  }

  /** The next number of a kind, taken in the caller's transaction (given back if it rolls back). */
  async next(trx: Executor, format: NumberFormat, at: Date): Promise<Numbered> {
    const period = periodOf(format.pattern, at, this.#timeZone);
    const seq = await takeNext(trx, format.kind, period, at.toISOString());
    return { text: formatNumber(format.pattern, seq, at, this.#timeZone), seq, period };
  }

  /** The last number taken of a kind in the period containing `at` (0 when none). */
  async last(db: Executor, format: NumberFormat, at: Date): Promise<number> {
    const period = periodOf(format.pattern, at, this.#timeZone);
    const row = await db
      .selectFrom('number_counters')
      .select('last')
      .where('kind', '=', format.kind)
      .where('period', '=', period)
      .executeTakeFirst();
    return row ? Number(row.last) : 0;
  }
}

async function takeNext(trx: Executor, kind: string, period: string, now: string): Promise<number> {
  const row = await trx
    .insertInto('number_counters')
    .values({ kind, period, last: 1, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['kind', 'period']).doUpdateSet((eb) => ({
        last: eb('number_counters.last', '+', 1),
        updated_at: now,
      })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}
