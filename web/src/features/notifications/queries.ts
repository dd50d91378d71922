import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/keys.ts';
import { markNotificationsRead, unreadCount } from '../../api/notifications.ts';
import { useRealtime } from '../../app/RealtimeContext.ts';

/**
 * The bell's count. Loaded once the live connection has caught up (so no notice falls between),
 * then moved by notification.created / notification.read events; polled while the connection is down.
 */
export function useUnreadCount(): number {
  const { ready, status } = useRealtime();
  const query = useQuery({
    queryKey: queryKeys.notifications.unread,
    queryFn: unreadCount,
    enabled: ready,
    staleTime: status === 'live' ? Number.POSITIVE_INFINITY : 0,
    refetchInterval: status === 'live' ? false : 30_000,
    meta: { silent: true },
  });
  return query.data?.unread ?? 0;
}

/** Marks some notices (or, without ids, all of them) read; the answer is the count left. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => markNotificationsRead(ids),
    onSuccess: (answer) => {
      queryClient.setQueryData(queryKeys.notifications.unread, answer);
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
    },
  });
}
