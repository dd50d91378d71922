import type { CounterpartyKind } from '@liaison/contracts';

export interface CounterpartiesTable {
  id: string;
  name: string;
  kind: CounterpartyKind;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface CounterpartiesTables {
  counterparties: CounterpartiesTable;
}
