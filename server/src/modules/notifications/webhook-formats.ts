import { createHmac } from 'node:crypto';
import type { Locale, NotificationKind, WebhookFormat } from '@liaison/contracts';
import { DEFAULT_LOCALE, text, translate } from '../../platform/i18n/i18n.ts';
import { shortenToFit, utf8Bytes } from '../../platform/text/shorten.ts';

/** What a webhook says about a notice; stored in the outbox, turned into a request when sent. */
export interface OutgoingNotice {
  noticeId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Absolute URL into the web app, or null. */
  url: string | null;
  /**
   * Absolute URL of the notification center, where a notice without a link of its own can be read
   * in full when a robot message has to be shortened (absent in deliveries queued before it existed).
   */
  inboxUrl?: string | null;
  /** The webhook's language, for the words around the notice (absent in older deliveries: Chinese). */
  locale?: Locale;
  createdAt: string;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

type RobotFormat = Exclude<WebhookFormat, 'generic'>;

/**
 * What each robot platform accepts, in UTF-8 bytes, and of what:
 * - 企业微信 group robot: a markdown `content` of at most 4,096 bytes (errcode 40058 beyond);
 * - 钉钉 custom robot: a request body of at most 20,000 bytes (errcode 460101 beyond);
 * - 飞书 custom bot: a request body of at most 20 KB, taken here as 20,000 bytes.
 */
export const ROBOT_LIMITS: Record<RobotFormat, { bytes: number; of: 'content' | 'body' }> = {
  wecom: { bytes: 4096, of: 'content' },
  dingtalk: { bytes: 20_000, of: 'body' },
  feishu: { bytes: 20_000, of: 'body' },
};

/** The text of a robot message: title, body, and a link (to the item, or to its full text). */
interface RobotText {
  title: string;
  body: string;
  link: { label: string; url: string } | null;
}

/** A robot request and the part of it its platform limits. */
interface RobotMessage {
  request: WebhookRequest;
  measured: string;
}

/**
 * The HTTP request for one delivery, built at send time because robot signatures carry a
 * timestamp the receiver checks for freshness:
 * - generic: our JSON, signed `X-Liaison-Signature: sha256=<hex HMAC of "<timestamp>.<body>">`;
 * - WeCom (企业微信) group robot: markdown message, authenticated by the key in its URL;
 * - DingTalk (钉钉) robot: markdown message, `timestamp` and `sign` query parameters when a secret is set;
 * - Feishu (飞书) robot: rich-text post, `timestamp` and `sign` in the body when a secret is set.
 *
 * A robot message longer than its platform accepts would be refused and retried until dead; it is
 * shortened instead — the body, then if need be the title, cut at a character boundary outside any
 * Markdown link, with "…" and a link to the full item (or the notification center). The notice
 * itself stays whole in the recipients' inboxes.
 */
export function buildWebhookRequest(
  target: { format: WebhookFormat; url: string; secret: string | null },
  notice: OutgoingNotice,
  deliveryId: string,
  now: Date,
): WebhookRequest {
  if (target.format === 'generic') return genericRequest(target, notice, deliveryId, now);
  const format = target.format;
  const locale = notice.locale ?? DEFAULT_LOCALE;
  const render = (words: RobotText) => ROBOTS[format](target, words, locale, now);
  const fits = (message: RobotMessage) => utf8Bytes(message.measured) <= ROBOT_LIMITS[format].bytes;

  const whole = render({
    title: notice.title,
    body: notice.body,
    link: notice.url
      ? { label: translate(locale, text('notifications.robot.viewDetails')), url: notice.url }
      : null,
  });
  if (fits(whole)) return whole.request;
  const fullText = notice.url ?? notice.inboxUrl ?? null;
  const cut = (title: string, body: string) =>
    render({
      title,
      body,
      link: fullText
        ? { label: translate(locale, text('notifications.robot.viewFull')), url: fullText }
        : null,
    });
  const body = shortenToFit(notice.body, (b) => fits(cut(notice.title, b)));
  if (body !== null) return cut(notice.title, body).request;
  const title = shortenToFit(notice.title, (t) => fits(cut(t, ''))) ?? '…';
  return cut(title, '').request;
}

/** How many bytes of a request its platform counts against the limit (for tests and diagnostics). */
export function robotMessageBytes(format: RobotFormat, request: WebhookRequest): number {
  if (ROBOT_LIMITS[format].of === 'body') return utf8Bytes(request.body);
  return utf8Bytes(JSON.parse(request.body).markdown.content);
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function genericRequest(
  target: { url: string; secret: string | null },
  notice: OutgoingNotice,
  deliveryId: string,
  now: Date,
): WebhookRequest {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const body = JSON.stringify({
    id: deliveryId,
    noticeId: notice.noticeId,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    url: notice.url,
    createdAt: notice.createdAt,
  });
  const headers: Record<string, string> = {
    ...JSON_HEADERS,
    'x-liaison-delivery': deliveryId,
    'x-liaison-timestamp': timestamp,
  };
  if (target.secret) headers['x-liaison-signature'] = `sha256=${signGeneric(target.secret, timestamp, body)}`;
  return { url: target.url, headers, body };
}

const ROBOTS: Record<
  RobotFormat,
  (target: { url: string; secret: string | null }, text: RobotText, locale: Locale, now: Date) => RobotMessage
> = {
  wecom(target, text) {
    const content = `**${text.title}**${quoted(text.body)}${markdownLink(text.link)}`;
    return {
      request: {
        url: target.url,
        headers: JSON_HEADERS,
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
      },
      measured: content,
    };
  },
  dingtalk(target, text, _locale, now) {
    let url = target.url;
    if (target.secret) {
      const timestamp = String(now.getTime());
      const sign = createHmac('sha256', target.secret)
        .update(`${timestamp}\n${target.secret}`)
        .digest('base64');
      url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
    }
    const body = JSON.stringify({
      msgtype: 'markdown',
      markdown: {
        title: text.title,
        text: `#### ${text.title}${quoted(text.body)}${markdownLink(text.link)}`,
      },
    });
    return { request: { url, headers: JSON_HEADERS, body }, measured: body };
  },
  feishu(target, text, locale, now) {
    const lines: unknown[][] = [];
    if (text.body) lines.push([{ tag: 'text', text: text.body }]);
    if (text.link) lines.push([{ tag: 'a', text: text.link.label, href: text.link.url }]);
    const message: Record<string, unknown> = {
      msg_type: 'post',
      // Feishu shows the post written for the reader's client language: ours is in the webhook's.
      content: { post: { [locale === 'en-US' ? 'en_us' : 'zh_cn']: { title: text.title, content: lines } } },
    };
    if (target.secret) {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      message.timestamp = timestamp;
      // Feishu signs with "<timestamp>\n<secret>" as the key over an empty message.
      message.sign = createHmac('sha256', `${timestamp}\n${target.secret}`).update('').digest('base64');
    }
    const body = JSON.stringify(message);
    return { request: { url: target.url, headers: JSON_HEADERS, body }, measured: body };
  },
};

/** The body as a Markdown quote under the title (nothing when it is empty). */
function quoted(body: string): string {
  return body ? `\n> ${body.replace(/\n/g, '\n> ')}` : '';
}

function markdownLink(link: RobotText['link']): string {
  return link ? `\n\n[${link.label}](${link.url})` : '';
}

export function signGeneric(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * Robot APIs answer HTTP 200 with an error code in the body when they refuse a message (a wrong
 * key, a bad signature, a rate limit); such an answer is a failure to retry, not a delivery.
 */
export function robotRefusal(format: WebhookFormat, responseText: string): string | null {
  if (format === 'generic') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(responseText);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const r = parsed as Record<string, unknown>;
  const code = format === 'feishu' ? (r.code ?? r.StatusCode) : r.errcode;
  if (code === undefined || code === 0) return null;
  return `robot refused: ${String(code)} ${String(r.msg ?? r.errmsg ?? r.StatusMessage ?? '')}`.trim();
}
