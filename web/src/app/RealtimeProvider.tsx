import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { queryKeys } from '../api/keys.ts';
import { applyHeld } from '../features/messaging/held.ts';
import { applyRealtimeEvent, applySentMessage, reloadMessaging } from '../features/messaging/liveUpdates.ts';
import { setOutboxHandlers } from '../features/messaging/outbox.ts';
import { applyWorkEvent, reloadWork } from '../features/notifications/liveUpdates.ts';
import { RealtimeContext } from './RealtimeContext.ts';
import { RealtimeClient, type RealtimeStatus, realtimeUrl } from './realtime.ts';
import { useMe } from './session.ts';

/** If the first connection takes longer than this, load over REST anyway (and poll until live). */
const FIRST_CONNECT_GRACE_MS = 4_000;

/**
 * Holds the one WebSocket of the signed-in page and feeds its events into the query cache, so the
 * channel list, badges, open conversations, the notification bell and tasks stay current wherever
 * the user is in the app.
 */
export function RealtimeProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RealtimeStatus>(enabled ? 'connecting' : 'offline');
  const [ready, setReady] = useState(!enabled);
  const meId = me.user.id;

  // A sent (or held) message goes into the lists from the POST answer; its live event, if any, is deduplicated.
  useEffect(() => {
    setOutboxHandlers({
      sent: (message) => applySentMessage(queryClient, message, meId),
      held: (held) => applyHeld(queryClient, held),
    });
    return () => setOutboxHandlers({ sent: () => {}, held: () => {} });
  }, [queryClient, meId]);

  useEffect(() => {
    if (!enabled) return;
    const grace = setTimeout(() => setReady(true), FIRST_CONNECT_GRACE_MS);
    const client = new RealtimeClient(
      { url: realtimeUrl(window.location) },
      {
        onEvent: (event) => {
          applyRealtimeEvent(queryClient, event, meId);
          applyWorkEvent(queryClient, event);
        },
        onResync: () => {
          reloadMessaging(queryClient);
          reloadWork(queryClient);
        },
        onStatus: (next) => {
          // A retry after a drop is still "offline" to the user until it is live again.
          setStatus((previous) => (next === 'connecting' && previous === 'offline' ? previous : next));
          if (next !== 'connecting') setReady(true);
        },
        // The session ended elsewhere: re-checking /me sends the guard to the login page.
        onUnauthenticated: () => void queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      },
    );
    client.start();
    const wake = () => client.reconnectNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') wake();
    };
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(grace);
      window.removeEventListener('online', wake);
      document.removeEventListener('visibilitychange', onVisible);
      client.stop();
    };
  }, [enabled, queryClient, meId]);

  const value = useMemo(() => ({ status, ready }), [status, ready]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}
