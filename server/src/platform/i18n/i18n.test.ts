import { describe, expect, it } from 'vitest';
import { flatten, negotiateLocale, text, translate } from './i18n.ts';

const params = (template: string) => [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('server catalogue', () => {
  it('has the same keys in zh-CN and en-US, each with the same parameters and no empty text', () => {
    const zh = flatten('zh-CN');
    const en = flatten('en-US');
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, template] of zh) {
      expect(template.trim(), key).not.toBe('');
      expect(en.get(key)?.trim(), key).not.toBe('');
      expect(params(en.get(key) ?? ''), key).toEqual(params(template));
    }
  });

  it('writes English text in the English catalogue and Chinese in the Chinese one', () => {
    for (const [key, template] of flatten('en-US')) {
      expect(/[\u4e00-\u9fff]/.test(template), `${key}: ${template}`).toBe(false);
    }
  });
});

describe('translate', () => {
  it('fills parameters, nested texts and instants in the reader’s language', () => {
    const missing = text('errors.notFound', { what: text('nouns.team') });
    expect(translate('zh-CN', missing)).toBe('找不到团队。');
    expect(translate('en-US', missing)).toBe('Team not found.');
    const at = { at: '2026-12-07T06:30:00Z', zone: 'Asia/Shanghai' };
    const route = text('errors.noRoute', { method: 'GET', path: at as never });
    expect(translate('zh-CN', route)).toBe('没有接口 GET 12月7日 14:30。');
    expect(translate('en-US', route)).toBe('No route GET Dec 7, 14:30.');
    expect(translate('en-US', text('errors.fileTooLarge', { mib: 1024 }))).toBe(
      'Files are limited to 1,024 MiB.',
    );
  });

  it('leaves an unknown parameter visible rather than blank', () => {
    expect(translate('en-US', text('errors.notFound'))).toBe('{{what}} not found.');
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en-US', 'en-US'],
    ['en-GB,en;q=0.9', 'en-US'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR, en;q=0.5, zh;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.9, zh;q=0.8', 'en-US'],
    ['en;q=0, zh-CN;q=0.1', 'zh-CN'],
    ['fr', 'zh-CN'],
    ['*', 'zh-CN'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
