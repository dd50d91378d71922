import type { Generated } from 'kysely';

/**
 * The event log: every realtime event, written in the transaction of the change that caused it.
 * `seq` is its global position; clients resume from the last one they saw.
 */
export interface EventsTable {
  seq: Generated<number>;
  type: string;
  /** Channel events reach the channel's readers. */
  channel_id: string | null;
  message_id: string | null;
  /** Or an explicit audience: JSON array of user ids. */
  user_ids: string | null;
  payload: string;
  created_at: string;
}

export interface EventsTables {
  events: EventsTable;
}
