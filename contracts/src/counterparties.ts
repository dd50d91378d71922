import { z } from 'zod';
import { Id, nameText, Str, Timestamp } from './common.ts';

/** 外部联络对象: the organisations the company talks to. */
export const COUNTERPARTY_KINDS = [
  'customer',
  'supplier',
  'partner',
  'government',
  'media',
  'association',
  'community',
] as const;
export const CounterpartyKind = z.enum(COUNTERPARTY_KINDS);
export type CounterpartyKind = z.infer<typeof CounterpartyKind>;

export const Counterparty = z
  .object({
    id: Id,
    name: z.string(),
    kind: CounterpartyKind,
    description: z.string().nullable(),
    contactCount: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Counterparty' });
export type Counterparty = z.infer<typeof Counterparty>;

export const CounterpartyList = z.object({ items: z.array(Counterparty) });

export const CreateCounterpartyRequest = z.strictObject({
  name: nameText(100),
  kind: CounterpartyKind,
  description: Str.trim().max(500).nullable().optional(),
});
export type CreateCounterpartyRequest = z.infer<typeof CreateCounterpartyRequest>;

export const UpdateCounterpartyRequest = CreateCounterpartyRequest.partial().strict();
export type UpdateCounterpartyRequest = z.infer<typeof UpdateCounterpartyRequest>;
