import type { Channel, Message } from '@liaison/contracts';

export type MessagePlace = 'timeline' | 'root' | 'reply';

/** What the reader may do with one message; the server checks each again. */
export interface MessageRights {
  reply: boolean;
  edit: boolean;
  recall: boolean;
  pin: boolean;
  moderate: boolean;
  copy: boolean;
}

/**
 * The actions a message offers. An archived channel is read-only: no edits, withdrawals, pins or
 * moderation (the server answers 409). Pinning speaks to the whole channel, so it takes the right
 * to post or to run it (in the all-hands group: the broadcasters). Nobody moderates the other
 * person of a 1:1 conversation (the server reports `canManage: false` there).
 */
export function messageRights(
  channel: Pick<Channel, 'archivedAt' | 'canPost' | 'canManage'>,
  message: Pick<Message, 'author' | 'deletedAt' | 'body'>,
  meId: string,
  place: MessagePlace,
): MessageRights {
  const open = !channel.archivedAt;
  const live = !message.deletedAt;
  const mine = message.author?.id === meId;
  return {
    reply: place === 'timeline' && live && open && channel.canPost,
    edit: mine && live && open,
    recall: mine && live && open,
    pin: place !== 'reply' && live && open && (channel.canPost || channel.canManage),
    moderate: !mine && live && open && channel.canManage,
    // A message of files alone has no text to copy.
    copy: live && message.body.length > 0,
  };
}

/** Whether pins may be added or removed in the channel at all (the pinned list's unpin links). */
export function canPinIn(channel: Pick<Channel, 'archivedAt' | 'canPost' | 'canManage'>): boolean {
  return !channel.archivedAt && (channel.canPost || channel.canManage);
}
