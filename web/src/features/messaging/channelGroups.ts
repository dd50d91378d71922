import type { Channel, ChannelKind } from '@liaison/contracts';

/** Sidebar sections, in the order an office worker scans them (全员群 first, 私聊 last). */
export const CHANNEL_GROUPS = ['all_hands', 'department', 'team', 'external', 'direct', 'archived'] as const;
export type ChannelGroupKey = (typeof CHANNEL_GROUPS)[number];

export interface ChannelGroup {
  key: ChannelGroupKey;
  channels: Channel[];
  unread: number;
}

function matches(channel: Channel, filter: string): boolean {
  if (!filter) return true;
  const haystack = [
    channel.name,
    channel.topic,
    channel.counterparty?.name,
    channel.department?.name,
    channel.team?.name,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return haystack.includes(filter.toLowerCase());
}

function activity(channel: Channel): string {
  return channel.lastMessageAt ?? channel.createdAt;
}

/** Channels by section (archived ones apart), most recent activity first; empty sections dropped. */
export function groupChannels(channels: readonly Channel[], filter = ''): ChannelGroup[] {
  const buckets = new Map<ChannelGroupKey, Channel[]>();
  const text = filter.trim();
  for (const channel of channels) {
    if (!matches(channel, text)) continue;
    const key: ChannelGroupKey = channel.archivedAt ? 'archived' : (channel.kind as ChannelKind);
    buckets.set(key, [...(buckets.get(key) ?? []), channel]);
  }
  return CHANNEL_GROUPS.filter((key) => buckets.has(key)).map((key) => {
    const list = buckets.get(key)!.sort((a, b) => activity(b).localeCompare(activity(a)));
    return { key, channels: list, unread: list.reduce((sum, c) => sum + unreadOf(c), 0) };
  });
}

/** What a badge counts: unread messages of a channel the reader belongs to and has not archived. */
export function unreadOf(channel: Channel): number {
  return channel.isMember && !channel.archivedAt ? channel.unreadCount : 0;
}

export function totalUnread(channels: readonly Channel[] | undefined): number {
  return (channels ?? []).reduce((sum, channel) => sum + unreadOf(channel), 0);
}

/** "(3) 消息 · 联络 Liaison": the unread count in front of the page title, like mail and chat apps. */
export function titleWithUnread(base: string, unread: number): string {
  if (unread <= 0) return base;
  return `(${unread > 99 ? '99+' : unread}) ${base}`;
}
