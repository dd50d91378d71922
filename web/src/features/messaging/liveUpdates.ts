import type { Channel, Message, RealtimeEvent } from '@liaison/contracts';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys } from '../../api/keys.ts';
import { applyNewMessage, applyRead, type Timeline, upsertMessage } from './timelineCache.ts';

type ChannelList = { items: Channel[] };

/**
 * A fetch that was already under way when the event came would overwrite the change with older
 * data when it lands; fetching again afterwards makes the event stick.
 */
function refetchIfInFlight(queryClient: QueryClient, queryKey: QueryKey): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey })) {
    if (query.state.fetchStatus === 'fetching')
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
  }
}

/** Puts a message (new, edited, withdrawn, pinned) wherever it is shown: timelines, its thread, pins. */
export function mergeMessage(queryClient: QueryClient, message: Message, created: boolean): void {
  const channelKey = queryKeys.messages.channel(message.channelId);
  const timelines = [...channelKey, 'timeline'];
  if (message.threadId === null) {
    queryClient.setQueriesData<Timeline>({ queryKey: timelines }, (data) =>
      data ? upsertMessage(data, message, created) : data,
    );
    refetchIfInFlight(queryClient, timelines);
  } else {
    const thread = queryKeys.messages.thread(message.channelId, message.threadId);
    queryClient.setQueryData<Timeline>(thread, (data) =>
      data ? upsertMessage(data, message, created) : data,
    );
    refetchIfInFlight(queryClient, thread);
  }
  // A thread root fetched on its own (not in a loaded timeline) stays current too.
  queryClient.setQueryData<Message>(queryKeys.messages.one(message.channelId, message.id), (data) =>
    data ? message : data,
  );
  if (!created) {
    // Pinning, unpinning or withdrawing changes which messages the pinned list holds.
    void queryClient.invalidateQueries({ queryKey: queryKeys.messages.pinned(message.channelId) });
  }
}

function updateChannels(queryClient: QueryClient, change: (items: Channel[]) => Channel[] | null): void {
  let missing = false;
  queryClient.setQueryData<ChannelList>(queryKeys.channels.list, (data) => {
    if (!data) return data;
    const items = change(data.items);
    if (!items) {
      missing = true;
      return data;
    }
    return { items };
  });
  if (missing) void queryClient.invalidateQueries({ queryKey: queryKeys.channels.list });
  else refetchIfInFlight(queryClient, queryKeys.channels.list);
}

/** A message the server accepted from this page: shown at once, without waiting for its live event. */
export function applySentMessage(queryClient: QueryClient, message: Message, meId: string): void {
  applyRealtimeEvent(queryClient, { type: 'message.created', channelId: message.channelId, message }, meId);
}

/** One server event applied to the query cache. */
export function applyRealtimeEvent(queryClient: QueryClient, event: RealtimeEvent, meId: string): void {
  switch (event.type) {
    case 'message.created':
      mergeMessage(queryClient, event.message, true);
      updateChannels(queryClient, (items) => applyNewMessage(items, event.message, meId));
      return;
    case 'message.updated':
    case 'message.deleted':
      mergeMessage(queryClient, event.message, false);
      return;
    case 'channel.updated':
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels.list });
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels.detail(event.channelId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels.members(event.channelId) });
      return;
    case 'membership.changed':
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels.list });
      if (event.channelId)
        void queryClient.invalidateQueries({ queryKey: queryKeys.channels.members(event.channelId) });
      else void queryClient.invalidateQueries({ queryKey: [...queryKeys.channels.all, 'members'] });
      return;
    case 'held.updated':
      // To the sender only: held, approved (the message itself comes as message.created) or
      // rejected. The event names it; the list is fetched again (the text never travels in events).
      void queryClient.invalidateQueries({ queryKey: queryKeys.messages.held(event.channelId), exact: true });
      return;
    case 'read.updated': {
      if (event.userId !== meId) return;
      let mentionsLeft = false;
      updateChannels(queryClient, (items) => {
        const next = applyRead(items, event.channelId, event.lastReadSeq);
        mentionsLeft = next.some((c) => c.id === event.channelId && c.unreadCount > 0 && c.mentionCount > 0);
        return next;
      });
      // Mentions are counted per message: only the server knows how many are left past a partial read.
      if (mentionsLeft) void queryClient.invalidateQueries({ queryKey: queryKeys.channels.list });
      return;
    }
  }
}

/** After a gap the server cannot replay: reload the channel list and start timelines over. */
export function reloadMessaging(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.channels.all });
  void queryClient.resetQueries({ queryKey: queryKeys.messages.all });
}
