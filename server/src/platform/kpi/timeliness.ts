/**
 * The rule behind every on-time measure (信息按时送达率, 响应及时率, and the reports that reuse them):
 * something owed by a deadline counts once it is settled — done, or its deadline has passed.
 *
 * | what happened                        | fact          | counts as |
 * | ------------------------------------ | ------------- | --------- |
 * | done by the deadline                 | `doneInTime`  | on time   |
 * | done after the deadline              | `doneLate`    | late      |
 * | not done, the deadline has passed    | `openOverdue` | late      |
 * | not done, the deadline is still ahead| `openPending` | not yet due — shown apart, left out of the rate |
 *
 * The rate is on time ÷ (on time + late): somebody who still has time is neither. Done at the
 * deadline's very instant is on time; not done when that instant comes is overdue (which is also
 * when requests escalate).
 * Repositories count the facts in SQL (`timeliness.sql.ts` is the same table as a query piece);
 * services turn the counts into a tally here.
 */

export const TIMELINESS_FACTS = ['doneInTime', 'doneLate', 'openOverdue', 'openPending'] as const;
export type TimelinessFact = (typeof TIMELINESS_FACTS)[number];
export type TimelinessFacts = Record<TimelinessFact, number>;

export type Timeliness = 'onTime' | 'late' | 'pending';

/** The table above, as data: which outcome each fact is. */
const OUTCOME: Record<TimelinessFact, Timeliness> = {
  doneInTime: 'onTime',
  doneLate: 'late',
  openOverdue: 'late',
  openPending: 'pending',
};

export interface OnTimeTally {
  onTime: number;
  late: number;
  /** Not done and not yet due: not counted in the rate. */
  pending: number;
  /** onTime ÷ (onTime + late); null while nothing is settled. */
  rate: number | null;
}

type Instant = string | Date;
const ms = (at: Instant) => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/** Which fact one item is at `now`. */
export function timelinessFact(
  item: { dueAt: Instant; doneAt: Instant | null },
  now: Instant,
): TimelinessFact {
  const due = ms(item.dueAt);
  if (item.doneAt !== null) return ms(item.doneAt) <= due ? 'doneInTime' : 'doneLate';
  return ms(now) >= due ? 'openOverdue' : 'openPending';
}

/** Whether one item is on time, late or not yet due at `now`. */
export function timeliness(item: { dueAt: Instant; doneAt: Instant | null }, now: Instant): Timeliness {
  return OUTCOME[timelinessFact(item, now)];
}

export const NO_FACTS: TimelinessFacts = Object.freeze({
  doneInTime: 0,
  doneLate: 0,
  openOverdue: 0,
  openPending: 0,
});

/**
 * Counts as a repository returns them (`done_in_time`, … — numbers, or strings from PostgreSQL's
 * `sum`) as facts.
 */
export function factsFromRow(row: {
  done_in_time: number | string | bigint | null;
  done_late: number | string | bigint | null;
  open_overdue: number | string | bigint | null;
  open_pending: number | string | bigint | null;
}): TimelinessFacts {
  return {
    doneInTime: Number(row.done_in_time ?? 0),
    doneLate: Number(row.done_late ?? 0),
    openOverdue: Number(row.open_overdue ?? 0),
    openPending: Number(row.open_pending ?? 0),
  };
}

export function addFacts(a: TimelinessFacts, b: TimelinessFacts): TimelinessFacts {
  return {
    doneInTime: a.doneInTime + b.doneInTime,
    doneLate: a.doneLate + b.doneLate,
    openOverdue: a.openOverdue + b.openOverdue,
    openPending: a.openPending + b.openPending,
  };
}

/** The on-time tally of a set of items, from how many of them are each fact. */
export function onTimeTally(facts: TimelinessFacts): OnTimeTally {
  const out = { onTime: 0, late: 0, pending: 0 };
  for (const fact of TIMELINESS_FACTS) out[OUTCOME[fact]] += facts[fact];
  const settled = out.onTime + out.late;
  return { ...out, rate: settled > 0 ? out.onTime / settled : null };
}
