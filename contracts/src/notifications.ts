import { z } from 'zod';
import { Id, Locale, nameText, PageQuery, page, Str, Timestamp } from './common.ts';

/**
 * Every kind of notice the product sends. Modules add theirs here; users choose channels per kind
 * and webhooks subscribe by kind.
 */
export const NOTIFICATION_KINDS = [
  'task.assigned',
  'task.updated',
  'task.replied',
  'task.due_soon',
  'task.overdue',
  'request.received',
  'request.responded',
  'request.due_soon',
  'request.escalated',
  'request.resolved',
  'control.decided',
  'approval.requested',
  'approval.decided',
  'approval.cc',
  'approval.skipped',
  'announcement.published',
  'announcement.reminder',
  'system.calendar_next_year',
  /** Repeated failed sign-ins: to the account's owner, and to administrators when it is a burst. */
  'security.sign_in_failures',
  'system.test',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** What a subject link points at, so the web can open it. */
export const NotificationSubject = z.object({
  type: z.enum(['task', 'request', 'message', 'held_message', 'approval', 'announcement']),
  id: Id,
});
export type NotificationSubject = z.infer<typeof NotificationSubject>;

/** One notice in a user's inbox (站内通知). */
export const Notification = z
  .object({
    id: Id,
    kind: NotificationKind,
    title: z.string(),
    body: z.string(),
    /** Path inside the web app, e.g. `/tasks/…`. */
    link: z.string().nullable(),
    subject: NotificationSubject.nullable(),
    actorName: z.string().nullable(),
    createdAt: Timestamp,
    readAt: Timestamp.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional(),
  kind: NotificationKind.optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationPage = page(Notification).extend({ unread: z.number().int() });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const UnreadCount = z.object({ unread: z.number().int() });

export const MarkNotificationsReadRequest = z.strictObject({
  /** These notices; absent → all of the caller's. */
  ids: z.array(Id).min(1).max(500).optional(),
});
export type MarkNotificationsReadRequest = z.infer<typeof MarkNotificationsReadRequest>;

/** How a kind of notice reaches its recipient by email: at once, in the daily digest, or not. */
export const EMAIL_MODES = ['instant', 'digest', 'off'] as const;
export const EmailMode = z.enum(EMAIL_MODES);
export type EmailMode = z.infer<typeof EmailMode>;

export const NotificationPreference = z.object({
  kind: NotificationKind,
  /** Shown in the inbox and the bell. */
  inApp: z.boolean(),
  email: EmailMode,
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

export const NotificationPreferences = z
  .object({
    items: z.array(NotificationPreference),
    /** Where email goes; null when the user has no address. */
    email: z.string().nullable(),
    /** Whether the server can send email at all (an SMTP server is configured). */
    emailEnabled: z.boolean(),
    /** Local time the daily digest is sent. */
    digestTime: z.string(),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdatePreferencesRequest = z.strictObject({
  items: z
    .array(z.strictObject({ kind: NotificationKind, inApp: z.boolean(), email: EmailMode }))
    .min(1)
    .max(NOTIFICATION_KINDS.length),
});
export type UpdatePreferencesRequest = z.infer<typeof UpdatePreferencesRequest>;

/** Robot message formats: a generic signed JSON body, or a group robot of WeCom, DingTalk or Feishu. */
export const WEBHOOK_FORMATS = ['generic', 'wecom', 'dingtalk', 'feishu'] as const;
export const WebhookFormat = z.enum(WEBHOOK_FORMATS);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

export const Webhook = z
  .object({
    id: Id,
    name: z.string(),
    format: WebhookFormat,
    url: z.string(),
    /** Whether a signing secret is set (the secret itself is never returned). */
    signed: z.boolean(),
    /** Kinds it receives; empty → all. */
    kinds: z.array(NotificationKind),
    /** Only notices concerning this department; null → all. */
    departmentId: Id.nullable(),
    departmentName: z.string().nullable(),
    enabled: z.boolean(),
    /** The language its robot messages are written in. */
    locale: Locale,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

const WebhookUrl = Str.trim()
  .max(2000)
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL');

export const CreateWebhookRequest = z.strictObject({
  name: nameText(80),
  format: WebhookFormat,
  url: WebhookUrl,
  secret: Str.trim().min(8).max(200).nullable().default(null),
  kinds: z.array(NotificationKind).max(NOTIFICATION_KINDS.length).default([]),
  departmentId: Id.nullable().default(null),
  enabled: z.boolean().default(true),
  locale: Locale.default('zh-CN'),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

export const UpdateWebhookRequest = z.strictObject({
  name: nameText(80).optional(),
  format: WebhookFormat.optional(),
  url: WebhookUrl.optional(),
  /** A new secret; null removes it; absent keeps it. */
  secret: Str.trim().min(8).max(200).nullable().optional(),
  kinds: z.array(NotificationKind).max(NOTIFICATION_KINDS.length).optional(),
  departmentId: Id.nullable().optional(),
  enabled: z.boolean().optional(),
  locale: Locale.optional(),
});
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

export const WebhookList = z.object({ items: z.array(Webhook) });

/** States of one outgoing email or webhook call in the outbox. */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const DeliveryChannel = z.enum(['email', 'webhook']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

export const Delivery = z
  .object({
    id: Id,
    channel: DeliveryChannel,
    kind: NotificationKind.nullable(),
    /** An email address or the webhook's name. */
    target: z.string(),
    subject: z.string(),
    status: DeliveryStatus,
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    nextAttemptAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
    sentAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Delivery' });
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryListQuery = PageQuery.extend({
  status: DeliveryStatus.optional(),
  channel: DeliveryChannel.optional(),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;

export const DeliveryPage = page(Delivery).extend({
  /** How many deliveries are in each state, whatever the filter. */
  counts: z.strictObject({
    pending: z.number().int(),
    sending: z.number().int(),
    sent: z.number().int(),
    dead: z.number().int(),
  }) satisfies z.ZodType<Record<DeliveryStatus, number>>,
});
export type DeliveryPage = z.infer<typeof DeliveryPage>;
