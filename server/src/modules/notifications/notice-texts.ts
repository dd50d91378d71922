import type { Locale } from '@liaison/contracts';
import { DEFAULT_LOCALE, isText, type Text, text, translate } from '../../platform/i18n/i18n.ts';
import type { OutgoingMail } from './mailer.ts';

/** What a notice says: a catalogue text rendered for each reader, or (legacy callers) fixed words. */
export type NoticeText = Text | string;

export interface NoticeTexts {
  title: NoticeText;
  body: NoticeText;
}

/** The `notices.texts` column: null when there is nothing to translate (title/body then say it all). */
export function textsColumn(texts: NoticeTexts): string | null {
  return isText(texts.title) || isText(texts.body)
    ? JSON.stringify({ title: texts.title, body: texts.body })
    : null;
}

/** A stored notice's title and body for one reader. */
export function noticeIn(
  locale: Locale,
  row: { title: string; body: string; texts: string | null },
): { title: string; body: string } {
  if (!row.texts) return { title: row.title, body: row.body };
  const texts = JSON.parse(row.texts) as NoticeTexts;
  return { title: translate(locale, texts.title), body: translate(locale, texts.body) };
}

/** Renders texts once per language however many readers share it (a notice to a department). */
export function rendererFor(texts: NoticeTexts): (locale: Locale) => { title: string; body: string } {
  const cache = new Map<Locale, { title: string; body: string }>();
  return (locale) => {
    let done = cache.get(locale);
    if (!done) {
      done = { title: translate(locale, texts.title), body: translate(locale, texts.body) };
      cache.set(locale, done);
    }
    return done;
  };
}

/** The Chinese rendering kept in `notices.title`/`body` for old readers of those columns. */
export const STORED_LOCALE: Locale = DEFAULT_LOCALE;

export interface MailItem {
  title: string;
  body: string;
  url: string | null;
}

/** An email (text and HTML) listing notices, with the settings footer, in the recipient's language. */
export function composeMail(
  locale: Locale,
  publicUrl: string,
  subject: string,
  items: readonly MailItem[],
): Omit<OutgoingMail, 'to' | 'messageId'> {
  const settings = `${publicUrl}/notifications/settings`;
  const details = translate(locale, text('notifications.email.viewDetails'));
  const plain = [
    ...items.map((i) => [i.title, i.body, i.url].filter(Boolean).join('\n')),
    `——\n${translate(locale, text('notifications.email.footer', { url: settings }))}`,
  ].join('\n\n');
  const html = [
    ...items.map(
      (i) =>
        `<p><strong>${escapeHtml(i.title)}</strong><br>${escapeHtml(i.body).replace(/\n/g, '<br>')}${
          i.url ? `<br><a href="${escapeHtml(i.url)}">${escapeHtml(details)}</a>` : ''
        }</p>`,
    ),
    `<p style="color:#888">${escapeHtml(translate(locale, text('notifications.email.product')))} · <a href="${escapeHtml(settings)}">${escapeHtml(translate(locale, text('notifications.email.settings')))}</a></p>`,
  ].join('\n');
  return { subject, text: plain, html };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
