import { describe, expect, it } from 'vitest';
import {
  buildWebhookRequest,
  type OutgoingNotice,
  ROBOT_LIMITS,
  robotMessageBytes,
} from './webhook-formats.ts';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const FORMATS = ['wecom', 'dingtalk', 'feishu'] as const;

function notice(body: string, title = '请求回复：年终客户拜访安排'): OutgoingNotice {
  return {
    noticeId: '0190f0f0-0000-7000-8000-000000000001',
    kind: 'request.responded',
    title,
    body,
    url: 'https://liaison.example.cn/requests/0190f0f0-0000-7000-8000-000000000002',
    inboxUrl: 'https://liaison.example.cn/notifications',
    createdAt: NOW.toISOString(),
  };
}

const target = (format: (typeof FORMATS)[number]) => ({
  format,
  url: 'https://robot.example.cn/send?key=k',
  secret: format === 'wecom' ? null : 'SECabc',
});

const build = (format: (typeof FORMATS)[number], n: OutgoingNotice) =>
  buildWebhookRequest(target(format), n, 'delivery-1', NOW);

/** A Chinese body (with a few ASCII letters to land on the exact byte) whose message is `bytes` long. */
function bodyForMessageOf(format: (typeof FORMATS)[number], bytes: number): string {
  const overhead = robotMessageBytes(format, build(format, notice('a'))) - 1;
  const wanted = bytes - overhead;
  return '审'.repeat(Math.floor(wanted / 3)) + 'a'.repeat(wanted % 3);
}

/** The body as the receiver shows it (the markdown quote or the post's text). */
function shownBody(format: (typeof FORMATS)[number], requestBody: string): string {
  const json = JSON.parse(requestBody);
  if (format === 'feishu') return json.content.post.zh_cn.content[0][0].text;
  const markdown: string = format === 'wecom' ? json.markdown.content : json.markdown.text;
  return markdown.split('\n> ')[1]!.split('\n\n[')[0]!;
}

describe('robot messages at their platform’s size limit', () => {
  for (const format of FORMATS) {
    const limit = ROBOT_LIMITS[format].bytes;

    it(`${format}: sends a message of exactly ${limit} bytes whole`, () => {
      const body = bodyForMessageOf(format, limit);
      const request = build(format, notice(body));
      expect(robotMessageBytes(format, request)).toBe(limit);
      expect(shownBody(format, request.body)).toBe(body);
      expect(request.body).toContain('查看详情');
      expect(request.body).not.toContain('查看全文');
    });

    it(`${format}: shortens a message of ${limit + 1} bytes on a character boundary, linking to the full item`, () => {
      const body = bodyForMessageOf(format, limit + 1);
      const request = build(format, notice(body));
      expect(robotMessageBytes(format, request)).toBeLessThanOrEqual(limit);
      const shown = shownBody(format, request.body);
      expect(shown.endsWith('…')).toBe(true);
      expect(body.startsWith(shown.slice(0, -1))).toBe(true);
      expect(shown.length).toBeGreaterThan(body.length - 10);
      expect(request.body).toContain('查看全文');
      expect(request.body).toContain(notice('').url!);
    });

    it(`${format}: shortens a far longer text with emoji and links, keeping both whole`, () => {
      const link = '[附件](https://liaison.example.cn/files/1)';
      const body = `${'财务审计😀'.repeat(3000)}${link}${'说明'.repeat(3000)}`;
      const request = build(format, notice(body));
      expect(robotMessageBytes(format, request)).toBeLessThanOrEqual(limit);
      const shown = shownBody(format, request.body);
      expect(shown.isWellFormed()).toBe(true);
      expect(body.startsWith(shown.slice(0, -1))).toBe(true);
      expect(request.body).toContain('查看全文');
    });

    it(`${format}: links a notice without a page of its own to the notification center`, () => {
      const request = build(format, { ...notice('通知'.repeat(10_000)), url: null });
      expect(robotMessageBytes(format, request)).toBeLessThanOrEqual(limit);
      expect(request.body).toContain('https://liaison.example.cn/notifications');
    });
  }

  it('shortens the title too when the title alone is over the limit', () => {
    const request = build('wecom', notice('正文', '标题'.repeat(1000)));
    expect(robotMessageBytes('wecom', request)).toBeLessThanOrEqual(4096);
    expect(JSON.parse(request.body).markdown.content).toMatch(/^\*\*(标题)+标?…\*\*\n\n\[查看全文\]/);
  });
});
