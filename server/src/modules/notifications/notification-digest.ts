import { text, translate } from '../../platform/i18n/i18n.ts';
import * as deliveriesRepo from './deliveries.repository.ts';
import { composeMail, noticeIn } from './notice-texts.ts';
import * as repo from './notifications.repository.ts';
import type { NotificationsDeps } from './notifications.service.ts';
import { outboxRow } from './outbox-rows.ts';

/**
 * Queues the daily digest: one email per person with notices waiting for it, listing them in the
 * person's language. Each person is one transaction, so a failure leaves the others sent.
 * Returns how many digests were queued.
 */
export async function sendDigests(
  deps: Pick<
    NotificationsDeps,
    'db' | 'clock' | 'mailer' | 'outbox' | 'people' | 'publicUrl' | 'maxAttempts'
  >,
): Promise<number> {
  const absolute = (link: string | null) => (link ? `${deps.publicUrl}${link}` : null);
  let queued = 0;
  for (;;) {
    const users = await repo.usersWithDigest(deps.db, 100);
    if (users.length === 0) break;
    for (const userId of users) {
      await deps.db.transaction().execute(async (trx) => {
        const items = await repo.pendingDigest(trx, userId);
        const [person] = await deps.people.contacts(trx, [userId]);
        await repo.clearDigest(
          trx,
          items.map((i) => i.id),
        );
        if (!person?.active || !person.email || items.length === 0 || !deps.mailer.enabled) return;
        const now = deps.clock.now().toISOString();
        const lines = items.map((i) => ({ ...noticeIn(person.locale, i), url: absolute(i.link) }));
        const subject = translate(
          person.locale,
          text('notifications.email.digestSubject', { count: items.length }),
        );
        const mail = composeMail(person.locale, deps.publicUrl, subject, lines);
        await deliveriesRepo.insertMany(trx, [
          outboxRow({
            noticeId: null,
            kind: null,
            channel: 'email',
            recipientId: userId,
            webhookId: null,
            target: person.email,
            subject,
            payload: { ...mail, to: person.email },
            now,
            maxAttempts: deps.maxAttempts ?? 8,
          }),
        ]);
        queued += 1;
      });
    }
  }
  if (queued > 0) deps.outbox.wake();
  return queued;
}
