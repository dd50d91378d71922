import type { Notification, NotificationKind } from '@liaison/contracts';

export type KindGroup = 'task' | 'request' | 'control' | 'approval' | 'announcement' | 'security' | 'system';

/** `task.assigned` → `task`: settings and icons group the kinds by module. */
export function kindGroup(kind: NotificationKind): KindGroup {
  return kind.split('.')[0] as KindGroup;
}

/** Where clicking a notice goes: its own link, else its subject's page (null: nowhere to go). */
export function notificationTarget(notification: Pick<Notification, 'link' | 'subject'>): string | null {
  if (notification.link?.startsWith('/')) return notification.link;
  const subject = notification.subject;
  if (subject?.type === 'task') return `/tasks/${subject.id}`;
  if (subject?.type === 'request') return `/requests/${subject.id}`;
  if (subject?.type === 'approval') return `/approvals?id=${subject.id}`;
  if (subject?.type === 'announcement') return `/announcements/${subject.id}`;
  return null;
}
