import type { Channel, Message, MessagePage } from '@liaison/contracts';
import type { InfiniteData } from '@tanstack/react-query';

/** Messages per page, both directions. */
export const PAGE_SIZE = 50;

/** {} is "the latest page"; `before` pages go back in time, `after` pages forward from a deep link. */
export interface PageParam {
  before?: number;
  after?: number;
}

/**
 * A fetched page as the server sent it: `hasMore` says whether more follow in the direction asked
 * for (older for the latest and `before` pages, newer for `after` pages).
 */
export type TimelinePage = MessagePage;

export type Timeline = InfiniteData<TimelinePage, PageParam>;

export function previousParam(first: TimelinePage): PageParam | undefined {
  return first.nextBefore === null ? undefined : { before: first.nextBefore };
}

/**
 * The page after `last`: none when it is the latest page or a forward page with nothing newer
 * after it. A deep link's page (`before`) says nothing about newer messages, so it always chains.
 * (TanStack refetches a timeline forward from its first page with this, so it must chain.)
 */
export function nextParam(last: TimelinePage, lastParam: PageParam): PageParam | undefined {
  if (lastParam.before === undefined && lastParam.after === undefined) return undefined;
  if (lastParam.after !== undefined && !last.hasMore) return undefined;
  const newest = last.items.at(-1)?.seq ?? lastParam.after ?? (lastParam.before ?? 1) - 1;
  return { after: newest };
}

/** Whether the newest message of the channel is loaded, so a live one belongs at the end. */
export function isAtLatest(data: Timeline): boolean {
  const last = data.pages.at(-1);
  const param = data.pageParams.at(-1);
  if (!last || !param) return false;
  return nextParam(last, param) === undefined;
}

function insertSorted(items: readonly Message[], message: Message): Message[] {
  const next = [...items];
  let at = next.length;
  while (at > 0 && next[at - 1]!.seq > message.seq) at--;
  next.splice(at, 0, message);
  return next;
}

/**
 * A message (new or changed) merged into a timeline: replaced where it is, by id; added at the end
 * when `append` is set and the newest page is loaded; otherwise the timeline is unchanged (an
 * older view fetches it when scrolled to).
 */
export function upsertMessage(data: Timeline, message: Message, append: boolean): Timeline {
  const pageIndex = data.pages.findIndex((page) => page.items.some((m) => m.id === message.id));
  if (pageIndex >= 0) {
    const pages = data.pages.map((page, i) =>
      i === pageIndex ? { ...page, items: page.items.map((m) => (m.id === message.id ? message : m)) } : page,
    );
    return { ...data, pages };
  }
  if (!append || !isAtLatest(data)) return data;
  const last = data.pages.length - 1;
  const pages = data.pages.map((page, i) =>
    i === last ? { ...page, items: insertSorted(page.items, message) } : page,
  );
  return { ...data, pages };
}

/** Every loaded message of a timeline, ascending, each once. */
export function flattenTimeline(data: Timeline | undefined): Message[] {
  if (!data) return [];
  const byId = new Map<string, Message>();
  for (const page of data.pages) for (const message of page.items) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The channel list after a message arrived: positions move forward, and unread counts follow the
 * server's own formula (last message seq − read position), so they agree after any refetch.
 * Returns null when the channel is not in the list (the caller refetches it).
 */
export function applyNewMessage(
  channels: readonly Channel[],
  message: Message,
  meId: string,
): Channel[] | null {
  if (!channels.some((c) => c.id === message.channelId)) return null;
  return channels.map((channel) => {
    if (channel.id !== message.channelId) return channel;
    const lastMessageSeq = Math.max(channel.lastMessageSeq, message.seq);
    const lastMessageAt = message.seq >= channel.lastMessageSeq ? message.createdAt : channel.lastMessageAt;
    const mine = message.author?.id === meId;
    const lastReadSeq = mine ? Math.max(channel.lastReadSeq, message.seq) : channel.lastReadSeq;
    const fresh = !mine && channel.isMember && message.seq > channel.lastReadSeq;
    const mentionsMe = message.mentionsChannel || message.mentions.includes(meId);
    return {
      ...channel,
      lastMessageSeq,
      lastMessageAt,
      lastReadSeq,
      unreadCount: channel.isMember ? Math.max(0, lastMessageSeq - lastReadSeq) : 0,
      mentionCount: fresh && mentionsMe ? channel.mentionCount + 1 : channel.mentionCount,
    };
  });
}

/** The channel list after the reader read a channel (here or on another device). */
export function applyRead(channels: readonly Channel[], channelId: string, lastReadSeq: number): Channel[] {
  return channels.map((channel) => {
    if (channel.id !== channelId) return channel;
    const read = Math.max(channel.lastReadSeq, lastReadSeq);
    const unreadCount = Math.max(0, channel.lastMessageSeq - read);
    return {
      ...channel,
      lastReadSeq: read,
      unreadCount,
      mentionCount: unreadCount === 0 ? 0 : channel.mentionCount,
    };
  });
}
