import type { HeldMessage } from '@liaison/contracts';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import { listHeld } from '../../api/control.ts';
import { queryKeys } from '../../api/keys.ts';
import { useRealtime } from '../../app/RealtimeContext.ts';

type HeldList = { items: HeldMessage[] };

/**
 * A held message of the reader's into its channel's list, from the POST answer (the same id twice
 * is one entry). A `held.updated` event names the message only: the list is fetched again then.
 */
export function applyHeld(queryClient: QueryClient, held: HeldMessage): void {
  const key = queryKeys.messages.held(held.channelId);
  queryClient.setQueryData<HeldList>(key, (data) => (data ? { items: upsertHeld(data.items, held) } : data));
  // A fetch already under way would land with the older state: fetch again after it.
  const query = queryClient.getQueryCache().find({ queryKey: key, exact: true });
  if (query?.state.fetchStatus === 'fetching')
    void queryClient.invalidateQueries({ queryKey: key, exact: true });
}

export function upsertHeld(items: readonly HeldMessage[], held: HeldMessage): HeldMessage[] {
  return items.some((h) => h.id === held.id)
    ? items.map((h) => (h.id === held.id ? held : h))
    : [...items, held];
}

/**
 * What the sender sees of their held messages in one list (the channel's, or one thread's): those
 * waiting for review and those rejected (until dismissed), oldest first. An approved one is gone:
 * it arrived as a real message with the same id.
 */
export function visibleHeld(
  items: readonly HeldMessage[],
  threadId: string | null,
  dismissed: ReadonlySet<string>,
): HeldMessage[] {
  return items
    .filter((h) => h.threadId === threadId && h.status !== 'approved' && !dismissed.has(h.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The reader's held messages in a list; loaded when the channel opens, kept live by events. */
export function useHeld(channelId: string, threadId: string | null, enabled: boolean): HeldMessage[] {
  const { ready } = useRealtime();
  const query = useQuery({
    queryKey: queryKeys.messages.held(channelId),
    queryFn: () => listHeld(channelId),
    enabled: enabled && ready,
    staleTime: Number.POSITIVE_INFINITY,
    meta: { silent: true },
  });
  const dismissed = useDismissedHeld();
  return useMemo(
    () => visibleHeld(query.data?.items ?? [], threadId, dismissed),
    [query.data, threadId, dismissed],
  );
}

// Rejections the sender has read and put away, remembered on this browser.

const DISMISSED_KEY = 'liaison.dismissedHeld';
const DISMISSED_MAX = 200;
let dismissed: ReadonlySet<string> = readDismissed();
const listeners = new Set<() => void>();

function readDismissed(): ReadonlySet<string> {
  try {
    const stored = JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

export function dismissHeld(id: string): void {
  // The server lists decided messages for a week only; the newest few hundred ids are plenty.
  const next = [...dismissed, id].slice(-DISMISSED_MAX);
  dismissed = new Set(next);
  try {
    localStorage.setItem(DISMISSED_KEY, JSON.stringify(next));
  } catch {
    // Storage disabled: dismissed for this page only.
  }
  for (const listener of listeners) listener();
}

function useDismissedHeld(): ReadonlySet<string> {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => dismissed,
  );
}
