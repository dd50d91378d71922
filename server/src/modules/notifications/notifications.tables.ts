import type {
  DeliveryChannel,
  DeliveryStatus,
  EmailMode,
  Locale,
  NotificationKind,
  WebhookFormat,
} from '@liaison/contracts';

/** The notification center's tables: what happened, who was told, how, and the outbox. */
export interface NotificationsTables {
  notices: {
    id: string;
    kind: NotificationKind;
    title: string;
    body: string;
    link: string | null;
    subject_type: string | null;
    subject_id: string | null;
    actor_id: string | null;
    /** JSON array of the departments the notice concerns (webhooks filter on them). */
    department_ids: string;
    /**
     * JSON `{ title, body }`, each a catalogue text (key and parameters) or a plain string, rendered
     * for each reader; null on notices from before texts were kept (title/body are then all there is).
     */
    texts: string | null;
    created_at: string;
  };
  notifications: {
    id: string;
    notice_id: string;
    user_id: string;
    in_app: number;
    read_at: string | null;
    digest_pending: number;
    created_at: string;
  };
  notification_preferences: { user_id: string; kind: NotificationKind; in_app: number; email: EmailMode };
  webhooks: {
    id: string;
    name: string;
    format: WebhookFormat;
    url: string;
    secret: string | null;
    kinds: string;
    department_id: string | null;
    enabled: number;
    /** The language its robot messages are written in (a group, not a person, reads them). */
    locale: Locale;
    created_at: string;
    updated_at: string;
    updated_by: string | null;
  };
  deliveries: {
    id: string;
    notice_id: string | null;
    channel: DeliveryChannel;
    kind: NotificationKind | null;
    recipient_id: string | null;
    webhook_id: string | null;
    target: string;
    subject: string;
    /** JSON: for email { to, subject, text, html? }, for a webhook { url, headers, body }. */
    payload: string;
    status: DeliveryStatus;
    attempts: number;
    max_attempts: number;
    next_attempt_at: string | null;
    locked_by: string | null;
    locked_until: string | null;
    last_error: string | null;
    sent_at: string | null;
    created_at: string;
    updated_at: string;
  };
}
