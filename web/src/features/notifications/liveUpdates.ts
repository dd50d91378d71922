import type { RealtimeEvent } from '@liaison/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/keys.ts';

type Unread = { unread: number };

/**
 * Tasks, requests, approvals, announcements and notices from the live connection: the bell's count
 * moves at once, lists and open records reload. Messaging events are not handled here (see
 * messaging/liveUpdates.ts).
 */
export function applyWorkEvent(queryClient: QueryClient, event: RealtimeEvent): void {
  switch (event.type) {
    case 'notification.created': {
      const counted = queryClient.getQueryState(queryKeys.notifications.unread);
      if (counted?.data && counted.fetchStatus !== 'fetching')
        queryClient.setQueryData<Unread>(queryKeys.notifications.unread, (data) =>
          data ? { unread: data.unread + 1 } : data,
        );
      else void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.unread });
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
      // A notice about a request means its timeline moved (tasks announce that themselves).
      const subject = event.notification.subject;
      if (subject?.type === 'request') {
        void queryClient.invalidateQueries({ queryKey: queryKeys.requests.lists });
        void queryClient.invalidateQueries({ queryKey: queryKeys.requests.detail(subject.id) });
      }
      return;
    }
    case 'notification.read':
      queryClient.setQueryData<Unread>(queryKeys.notifications.unread, { unread: event.unread });
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
      return;
    case 'task.changed':
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.detail(event.taskId) });
      return;
    case 'announcement.changed':
      // Feeds, the publisher's list, the open announcement and its statistics all refetch.
      void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.lists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.detail(event.announcementId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.stats(event.announcementId) });
      return;
    case 'approval.changed':
      void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.lists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.detail(event.approvalId) });
      // An approval decides an announcement's fate: its page shows the new status.
      void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.all });
      return;
    default:
      return;
  }
}

/** After a gap the server cannot replay: everything of these modules may be stale. */
export function reloadWork(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
  void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.all });
  void queryClient.invalidateQueries({ queryKey: queryKeys.requests.all });
  void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.all });
  void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all });
}
