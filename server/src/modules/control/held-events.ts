import type { NewEvent } from '../../platform/events/event-log.ts';

/**
 * The live event that tells a held message's sender it was held, approved or rejected: its id only,
 * never its text (the event log is kept for days and replayed to reconnecting clients); the
 * sender's client fetches the message itself (`GET /api/channels/:id/held`).
 */
export function heldUpdated(held: { id: string; channel_id: string; author_id: string }): NewEvent {
  return {
    channelId: null,
    userIds: [held.author_id],
    payload: { type: 'held.updated', channelId: held.channel_id, heldId: held.id },
  };
}
