import type { EmailMode, NotificationKind } from '@liaison/contracts';

/**
 * What a user gets before choosing: everything in the inbox; email at once for what needs action
 * now (an assignment, an escalation, an overdue task, a decision on a held message), the rest in
 * the daily digest.
 */
export const DEFAULT_EMAIL: Record<NotificationKind, EmailMode> = {
  'task.assigned': 'instant',
  'task.updated': 'digest',
  'task.replied': 'digest',
  'task.due_soon': 'digest',
  'task.overdue': 'instant',
  'request.received': 'instant',
  'request.responded': 'digest',
  'request.due_soon': 'instant',
  'request.escalated': 'instant',
  'request.resolved': 'digest',
  'control.decided': 'instant',
  'approval.requested': 'instant',
  'approval.decided': 'instant',
  'approval.cc': 'digest',
  'approval.skipped': 'digest',
  'announcement.published': 'digest',
  'announcement.reminder': 'instant',
  'system.calendar_next_year': 'instant',
  'security.sign_in_failures': 'instant',
  'system.test': 'instant',
};

/** Local time of the daily digest, in the organisation's zone. */
export const DIGEST_TIME = { hour: 8, minute: 30 } as const;
