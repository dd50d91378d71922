import { describe, expect, it } from 'vitest';
import { type MentionTarget, renderMarkdown } from './markdown.ts';

const people = new Map<string, MentionTarget>([
  ['chen.jing', { displayName: '陈静', me: true }],
  ['liu.yang', { displayName: '刘洋', me: false }],
]);

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const html = renderMarkdown('<script>alert(1)</script> and <img src=x onerror="alert(2)">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;img src=x onerror=');
  });

  it('keeps javascript:, data: and vbscript: links inert', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:msgbox(1)',
    ]) {
      const html = renderMarkdown(`[click](${url})`);
      expect(html, url).not.toMatch(/<a /);
      expect(html.toLowerCase(), url).not.toContain('href="javascript');
    }
    expect(renderMarkdown('<javascript:alert(1)>')).not.toMatch(/<a /);
  });

  it('refuses relative and other-protocol links, keeps http(s) and mailto', () => {
    expect(renderMarkdown('[x](/admin)')).not.toMatch(/<a /);
    expect(renderMarkdown('[x](file:///etc/passwd)')).not.toMatch(/<a /);
    expect(renderMarkdown('[x](mailto:a@example.com)')).toContain('href="mailto:a@example.com"');
    expect(renderMarkdown('[x](https://example.com)')).toContain('href="https://example.com"');
  });

  it('opens links in a new tab without access to this window', () => {
    const html = renderMarkdown('see https://example.com/a?b=1');
    expect(html).toContain('href="https://example.com/a?b=1"');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('does not load images from message bodies', () => {
    const html = renderMarkdown('![x](https://evil.example/pixel.png)');
    expect(html).not.toContain('<img');
  });

  it('does not let attribute values break out of quotes', () => {
    const html = renderMarkdown('[x](https://example.com/"onmouseover="alert(1))');
    expect(html).not.toMatch(/"\s*onmouseover=/);
  });

  it('renders basic Markdown and line breaks', () => {
    const html = renderMarkdown('**粗体** 和 `代码`\n第二行');
    expect(html).toContain('<strong>粗体</strong>');
    expect(html).toContain('<code>代码</code>');
    expect(html).toContain('<br>');
  });

  it('highlights mentions of known members by name and emphasises the reader', () => {
    const html = renderMarkdown('请 @chen.jing 和 @liu.yang 准备', { people });
    expect(html).toContain('<span class="lia-mention lia-mention-me" data-username="chen.jing">@陈静</span>');
    expect(html).toContain('<span class="lia-mention" data-username="liu.yang">@刘洋</span>');
  });

  it('recognises a mention right after Chinese text, as the server does (请@张伟看一下)', () => {
    const html = renderMarkdown('请@liu.yang看一下，@所有人注意', { people });
    expect(html).toContain('请<span class="lia-mention" data-username="liu.yang">@刘洋</span>看一下');
    expect(html).toContain('lia-mention-all');
  });

  it('leaves unknown names, e-mail addresses and code alone', () => {
    expect(renderMarkdown('@nobody 你好', { people })).not.toContain('lia-mention');
    expect(renderMarkdown('写信给 a@chen.jing', { people })).not.toContain('lia-mention');
    expect(renderMarkdown('写信给 x+y@chen.jing', { people })).not.toContain('lia-mention');
    expect(renderMarkdown('`@chen.jing`', { people })).not.toContain('lia-mention');
  });

  it('strips trailing punctuation from a mention like the server does', () => {
    const html = renderMarkdown('辛苦了 @chen.jing.', { people });
    expect(html).toContain('>@陈静</span>.');
  });

  it('highlights @所有人 and marks it as the reader when the message mentions the channel', () => {
    expect(renderMarkdown('@所有人 开会', { channelMention: true })).toContain(
      '<span class="lia-mention lia-mention-all lia-mention-me">@所有人</span>',
    );
    expect(renderMarkdown('@all hi')).toContain('lia-mention-all');
  });

  it('escapes display names', () => {
    const evil = new Map([['x.y', { displayName: '<img src=x onerror=alert(1)>', me: false }]]);
    const html = renderMarkdown('@x.y', { people: evil });
    expect(html).not.toContain('<img');
  });
});

describe('renderMarkdown links', () => {
  it('links addresses typed without a scheme', () => {
    expect(renderMarkdown('见 www.example.com 和 https://example.com/路径')).toContain(
      'href="http://www.example.com"',
    );
  });
});
