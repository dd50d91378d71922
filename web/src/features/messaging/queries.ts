import type { Channel, Me } from '@liaison/contracts';
import { can } from '@liaison/contracts';
import { type QueryClient, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { getChannel, listChannelMembers } from '../../api/channels.ts';
import { queryKeys } from '../../api/keys.ts';
import { getMessage, listMessages } from '../../api/messages.ts';
import { useRealtime } from '../../app/RealtimeContext.ts';
import { useChannels } from '../../shared/queries/channels.ts';
import {
  nextParam,
  PAGE_SIZE,
  type PageParam,
  previousParam,
  type Timeline,
  type TimelinePage,
} from './timelineCache.ts';

/** One channel: from the list when it is there (kept live), otherwise fetched (e.g. an auditor's read). */
export function useChannel(channelId: string | undefined) {
  const channels = useChannels();
  const listed = channels.data?.find((channel) => channel.id === channelId);
  const detail = useQuery({
    queryKey: queryKeys.channels.detail(channelId ?? ''),
    queryFn: () => getChannel(channelId!),
    enabled: !!channelId && channels.isSuccess && !listed,
    retry: false,
    meta: { silent: true },
  });
  return {
    channel: listed ?? detail.data,
    isLoading: channels.isLoading || (!listed && detail.isLoading),
    error: listed ? null : detail.error,
  };
}

export function useChannelMembers(channelId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.channels.members(channelId ?? ''),
    queryFn: () => listChannelMembers(channelId!),
    select: (data) => data.items,
    enabled: !!channelId,
    staleTime: 5 * 60_000,
  });
}

function fetchPage(channelId: string, param: PageParam, threadId?: string): Promise<TimelinePage> {
  return listMessages(channelId, { ...param, limit: PAGE_SIZE, threadId });
}

/**
 * A channel's top-level messages as an upward-growing list: the latest page, or — for a deep link
 * — the page ending at `anchor` and then pages forward from it. Live events keep it current, so it
 * never goes stale by time.
 */
export function useTimeline(channelId: string, anchor: number | null) {
  const { ready } = useRealtime();
  return useInfiniteQuery<TimelinePage, Error, Timeline, readonly unknown[], PageParam>({
    queryKey: queryKeys.messages.timeline(channelId, anchor),
    queryFn: ({ pageParam }) => fetchPage(channelId, pageParam),
    initialPageParam: anchor === null ? {} : { before: anchor + 1 },
    getPreviousPageParam: (first) => previousParam(first),
    getNextPageParam: (last, _all, lastParam) => nextParam(last, lastParam),
    enabled: ready,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10 * 60_000,
  });
}

/** A thread's replies, newest page first loaded, earlier ones on demand. */
export function useThread(channelId: string, rootId: string) {
  const { ready } = useRealtime();
  return useInfiniteQuery<TimelinePage, Error, Timeline, readonly unknown[], PageParam>({
    queryKey: queryKeys.messages.thread(channelId, rootId),
    queryFn: ({ pageParam }) => fetchPage(channelId, pageParam, rootId),
    initialPageParam: {},
    getPreviousPageParam: (first) => previousParam(first),
    getNextPageParam: (last, _all, lastParam) => nextParam(last, lastParam),
    enabled: ready,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * One message by id when it is not among the loaded ones (`enabled`): a thread's root opened from
 * a search result or a link to a reply. Live events keep it current (see mergeMessage).
 */
export function useMessage(channelId: string, messageId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.messages.one(channelId, messageId),
    queryFn: () => getMessage(channelId, messageId),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    meta: { silent: true },
  });
}

export function usePinned(channelId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.messages.pinned(channelId),
    queryFn: () => listMessages(channelId, { pinned: true, limit: 200 }),
    select: (data) => [...data.items].reverse(),
    enabled,
  });
}

/** Replaces one channel in the cached list (after a PATCH or archive answer). */
export function useReplaceChannel() {
  const queryClient = useQueryClient();
  return useCallback((channel: Channel) => replaceChannel(queryClient, channel), [queryClient]);
}

export function replaceChannel(queryClient: QueryClient, channel: Channel): void {
  queryClient.setQueryData<{ items: Channel[] }>(queryKeys.channels.list, (data) =>
    data ? { items: data.items.map((c) => (c.id === channel.id ? channel : c)) } : data,
  );
  queryClient.setQueryData(queryKeys.channels.detail(channel.id), channel);
}

/** Whether the reader audits (reads every channel, sees message histories). */
export function isAuditor(me: Me): boolean {
  return can(me.grants, 'message.audit');
}
