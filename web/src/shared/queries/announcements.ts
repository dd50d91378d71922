import type { OnTimeQuery } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { getAnnouncement, listAnnouncements, listCategories, onTimeReport } from '../../api/announcements.ts';
import { queryKeys } from '../../api/keys.ts';

/** The categories (一般信息, 通知, 重要事件, 制度发布 …) in their order. */
export function useCategories(enabled = true) {
  return useQuery({
    queryKey: queryKeys.announcements.categories,
    queryFn: listCategories,
    select: (data) =>
      [...data.items].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name)),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useAnnouncement(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.announcements.detail(id ?? ''),
    queryFn: () => getAnnouncement(id!),
    enabled: !!id,
    meta: { silent: true },
  });
}

/** How many announcements the reader has not opened yet (the menu badge); announcement.changed moves it. */
export function useUnreadAnnouncementCount(enabled: boolean): number {
  const filters = { view: 'feed', unread: 'true' } as const;
  const query = useQuery({
    queryKey: queryKeys.announcements.list(filters, 1, 1),
    queryFn: () => listAnnouncements(filters, 1, 1),
    select: (data) => data.total,
    enabled,
    refetchInterval: 5 * 60_000,
    meta: { silent: true },
  });
  return query.data ?? 0;
}

/** 信息按时送达率 by month (announcement.stats). */
export function useOnTimeReport(query: OnTimeQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.announcements.onTime(query),
    queryFn: () => onTimeReport(query),
    enabled,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
}
