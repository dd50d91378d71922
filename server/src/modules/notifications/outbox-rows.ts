import type { NotificationKind } from '@liaison/contracts';
import { newId } from '../../platform/crypto/ids.ts';

export interface OutboxRowInput {
  noticeId: string | null;
  kind: NotificationKind | null;
  channel: 'email' | 'webhook';
  recipientId: string | null;
  webhookId: string | null;
  /** An email address or the webhook's name (what the deliveries page shows). */
  target: string;
  subject: string;
  /** For email the mail without its Message-ID, for a webhook the OutgoingNotice. */
  payload: object;
  now: string;
  maxAttempts: number;
}

/** One outbox row, due now. */
export function outboxRow(input: OutboxRowInput) {
  const id = newId();
  // An email's Message-ID is fixed per delivery, so a resend is recognisable as the same mail.
  const payload =
    input.channel === 'email' ? { ...input.payload, messageId: `<${id}@liaison>` } : input.payload;
  return {
    id,
    notice_id: input.noticeId,
    channel: input.channel,
    kind: input.kind,
    recipient_id: input.recipientId,
    webhook_id: input.webhookId,
    target: input.target,
    subject: input.subject,
    payload: JSON.stringify(payload),
    status: 'pending' as const,
    attempts: 0,
    max_attempts: input.maxAttempts,
    next_attempt_at: input.now,
    locked_by: null,
    locked_until: null,
    last_error: null,
    sent_at: null,
    created_at: input.now,
    updated_at: input.now,
  };
}
