import { createHmac } from 'node:crypto';
import type { NotificationKind, WebhookFormat } from '@liaison/contracts';

/** What a webhook says about a notice; stored in the outbox, turned into a request when sent. */
export interface OutgoingNotice {
  noticeId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Absolute URL into the web app, or null. */
  url: string | null;
  createdAt: string;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * The HTTP request for one delivery, built at send time because robot signatures carry a
 * timestamp the receiver checks for freshness:
 * - generic: our JSON, signed `X-Liaison-Signature: sha256=<hex HMAC of "<timestamp>.<body>">`;
 * - WeCom (企业微信) group robot: markdown message, authenticated by the key in its URL;
 * - DingTalk (钉钉) robot: markdown message, `timestamp` and `sign` query parameters when a secret is set;
 * - Feishu (飞书) robot: rich-text post, `timestamp` and `sign` in the body when a secret is set.
 */
export function buildWebhookRequest(
  target: { format: WebhookFormat; url: string; secret: string | null },
  notice: OutgoingNotice,
  deliveryId: string,
  now: Date,
): WebhookRequest {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const link = notice.url ? `\n\n[查看详情](${notice.url})` : '';
  switch (target.format) {
    case 'generic': {
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
        ...json,
        'x-liaison-delivery': deliveryId,
        'x-liaison-timestamp': timestamp,
      };
      if (target.secret)
        headers['x-liaison-signature'] = `sha256=${signGeneric(target.secret, timestamp, body)}`;
      return { url: target.url, headers, body };
    }
    case 'wecom':
      return {
        url: target.url,
        headers: json,
        body: JSON.stringify({
          msgtype: 'markdown',
          markdown: { content: `**${notice.title}**\n> ${quote(notice.body)}${link}` },
        }),
      };
    case 'dingtalk': {
      let url = target.url;
      if (target.secret) {
        const timestamp = String(now.getTime());
        const sign = createHmac('sha256', target.secret)
          .update(`${timestamp}\n${target.secret}`)
          .digest('base64');
        url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
      }
      return {
        url,
        headers: json,
        body: JSON.stringify({
          msgtype: 'markdown',
          markdown: { title: notice.title, text: `#### ${notice.title}\n> ${quote(notice.body)}${link}` },
        }),
      };
    }
    case 'feishu': {
      const lines: unknown[][] = [[{ tag: 'text', text: notice.body }]];
      if (notice.url) lines.push([{ tag: 'a', text: '查看详情', href: notice.url }]);
      const message: Record<string, unknown> = {
        msg_type: 'post',
        content: { post: { zh_cn: { title: notice.title, content: lines } } },
      };
      if (target.secret) {
        const timestamp = String(Math.floor(now.getTime() / 1000));
        message.timestamp = timestamp;
        // Feishu signs with "<timestamp>\n<secret>" as the key over an empty message.
        message.sign = createHmac('sha256', `${timestamp}\n${target.secret}`).update('').digest('base64');
      }
      return { url: target.url, headers: json, body: JSON.stringify(message) };
    }
  }
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

function quote(text: string): string {
  return text.replace(/\n/g, '\n> ');
}
