/**
 * One counter per numbered kind and period (`complaint` / `2026`, `request` / `2026-12`, `letter` /
 * `all`): the last number handed out. Its row is locked by the transaction that takes a number, so
 * numbers are gapless and unique across app nodes.
 */
export interface NumberCountersTable {
  kind: string;
  period: string;
  last: number;
  updated_at: string;
}

export interface NumberingTables {
  number_counters: NumberCountersTable;
}
