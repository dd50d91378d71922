import type { CreateWebhookRequest, Locale, User, Webhook } from '@liaison/contracts';
import type { NoticeInput } from '../../src/modules/notifications/notifications.service.ts';
import type { TestApp } from '../app.ts';

/** A person with an email address who reads the product in `locale`. */
export async function buildReader(
  t: TestApp,
  input: { username: string; displayName?: string; locale: Locale },
): Promise<User & { email: string }> {
  const user = await t.buildUser({ username: input.username, displayName: input.displayName });
  const email = `${input.username}@example.com`;
  await t.services.users.update(t.adminCtx, user.id, { email, locale: input.locale });
  return { ...user, email, locale: input.locale };
}

/** Sends a notice the way a module does (inside a transaction, then `committed()`). */
export async function notifyNow(t: TestApp, input: NoticeInput): Promise<string> {
  const { noticeId } = await t.database.db
    .transaction()
    .execute((trx) => t.services.notifications.notify(trx, input));
  t.services.notifications.committed();
  return noticeId;
}

/** A webhook created by the administrator through the API. */
export async function buildWebhook(
  t: TestApp,
  input: Partial<Omit<CreateWebhookRequest, 'url'>> & { url: string },
): Promise<Webhook> {
  const res = await t.request(t.adminSession, 'POST', '/api/notifications/webhooks', {
    name: `hook ${Math.random().toString(36).slice(2, 8)}`,
    format: 'generic',
    ...input,
  });
  if (res.status !== 201) throw new Error(`webhook not created: ${res.status} ${res.text}`);
  return res.body as Webhook;
}
