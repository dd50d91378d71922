import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeHtml } from './html.ts';

describe('sanitizeHtml', () => {
  it('keeps formatting and removes everything that runs', () => {
    const dirty =
      '<h2>关于春节放假的通知</h2><p onclick="steal()">各部门：<strong>2月15日</strong>起放假<script>alert(1)</script></p>' +
      '<img src=x onerror=alert(1)><a href="javascript:alert(1)">点我</a><a href="https://hr.example.cn/x">制度全文</a>' +
      '<iframe src="https://evil"></iframe><style>body{}</style><svg onload=alert(1)></svg>';
    const clean = sanitizeHtml(dirty);
    expect(clean).toContain('<h2>关于春节放假的通知</h2>');
    expect(clean).toContain('<strong>2月15日</strong>');
    expect(clean).toContain(
      '<a href="https://hr.example.cn/x" target="_blank" rel="noopener noreferrer">制度全文</a>',
    );
    for (const bad of [
      'script',
      'onclick',
      'onerror',
      'javascript:',
      'iframe',
      'style',
      'svg',
      'onload',
      '<img',
    ]) {
      expect(clean).not.toContain(bad);
    }
  });

  it('turns HTML into plain text for notices and search', () => {
    expect(htmlToText('<p>第一段</p><ul><li>一</li><li>二 &amp; 三</li></ul>')).toBe('第一段\n一\n二 & 三');
  });
});
