import { z } from 'zod';
import { Id, Str, Timestamp } from './common.ts';

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    id: Id,
    at: Timestamp,
    /** `label` is what was recorded (the username, or the name a failed sign-in tried); `name` the person's current display name. */
    actor: z.object({ id: Id.nullable(), label: z.string(), name: z.string().nullable() }),
    /** Dotted verb, e.g. `auth.login.failed`, `user.roles.changed`. */
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    /** What changed: field → { from, to } for updates, or a small description of the event. */
    summary: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  actorId: Id.optional(),
  /** An exact action or a prefix ending in a dot, e.g. `auth.` for every identity event. */
  action: Str.trim().max(64).optional(),
  targetType: Str.trim().max(32).optional(),
  targetId: Str.trim().max(64).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  /** Entries older than this sequence number (the `nextCursor` of the previous page). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  nextCursor: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AUDIT_ACTIONS = [
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.lockout',
  'auth.lockout_lifted',
  'auth.burst',
  'auth.logout',
  'auth.logout_all',
  'auth.session.revoked',
  'auth.password.changed',
  'auth.password.failed',
  'auth.token.created',
  'auth.token.revoked',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.password.reset',
  'user.roles.changed',
  'user.personal.viewed',
  'user.personal.updated',
  'user.exported',
  'audit.exported',
  'department.created',
  'department.updated',
  'department.deleted',
  'team.created',
  'team.updated',
  'team.deleted',
  'team.members.added',
  'team.members.removed',
  'role.created',
  'role.updated',
  'role.deleted',
  'security.denied',
  'counterparty.created',
  'counterparty.updated',
  'channel.created',
  'channel.updated',
  'channel.archived',
  'channel.unarchived',
  'channel.members.added',
  'channel.members.removed',
  'channel.naming_rules.changed',
  'message.edited',
  'message.deleted',
  'message.moderated',
  'message.history.viewed',
  'retention.policy.changed',
  'retention.applied',
  'legal_hold.created',
  'legal_hold.released',
  'archive.created',
  'archive.downloaded',
  'control.detector.created',
  'control.detector.updated',
  'control.detector.deleted',
  'control.policy.created',
  'control.policy.updated',
  'control.policy.deleted',
  'control.message.blocked',
  'control.message.warned',
  'control.message.held',
  'control.message.redacted',
  'control.reviewed',
  'control.event.viewed',
  'control.records.exported',
  'control.alert.raised',
  'control.alert.acknowledged',
  'calendar.week.changed',
  'calendar.day.changed',
  'calendar.imported',
  'calendar.year.replaced',
  'calendar.provisional.filled',
  'calendar.reminder.sent',
  'task.created',
  'task.updated',
  'task.deleted',
  'request.created',
  'request.updated',
  'request.escalated',
  'request.settings.changed',
  'notification.preferences.changed',
  'notification.webhook.created',
  'notification.webhook.updated',
  'notification.webhook.deleted',
  'notification.delivery.dead',
  'notification.delivery.resent',
  'approval.template.changed',
  'approval.submitted',
  'approval.decided',
  'approval.withdrawn',
  'approval.delegation.created',
  'approval.delegation.deleted',
  'announcement.created',
  'announcement.updated',
  'announcement.submitted',
  'announcement.published',
  'announcement.corrected',
  'announcement.withdrawn',
  'announcement.reminded',
  'announcement.category.changed',
  'system.bootstrap',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * What an audit entry is about (`targetType`). The server's AuditEvent takes only these, so the log
 * viewer can name every one in the reader's language (a web test checks both languages).
 */
export const AUDIT_TARGET_TYPES = [
  'user',
  'department',
  'team',
  'role',
  'session',
  'api_token',
  'token',
  'system',
  'settings',
  'route',
  'audit_log',
  'counterparty',
  'channel',
  'naming_rules',
  'message',
  'retention',
  'retention_policy',
  'legal_hold',
  'archive',
  'control_event',
  'control_policy',
  'control_detector',
  'external_records',
  'anomaly_alert',
  'calendar',
  'calendar_day',
  'task',
  'dept_request',
  'webhook',
  'delivery',
  'approval',
  'approval_template',
  'approval_delegation',
  'announcement',
  'announcement_category',
  /** A client address, for sign-in bursts from one place. */
  'address',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
