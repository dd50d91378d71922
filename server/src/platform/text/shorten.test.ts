import { describe, expect, it } from 'vitest';
import { cutPoints, shortenToFit, utf8Bytes } from './shorten.ts';

const within = (max: number) => (s: string) => utf8Bytes(s) <= max;

describe('shortenToFit', () => {
  it('keeps a text that fits, to the byte', () => {
    const text = '通知'.repeat(10); // 60 bytes
    expect(shortenToFit(text, within(60))).toBe(text);
    expect(shortenToFit(text, within(59))).toBe(`${'通知'.repeat(9)}…`); // 54 + 3 bytes
    expect(shortenToFit(text, within(57))).toBe(`${'通知'.repeat(9)}…`);
    expect(shortenToFit(text, within(56))).toBe(`${'通知'.repeat(8)}通…`);
  });

  it('cuts between characters, never inside a UTF-8 sequence or a surrogate pair', () => {
    const text = `财务${'😀'.repeat(5)}审计`;
    for (let max = 3; max < utf8Bytes(text); max++) {
      const out = shortenToFit(text, within(max))!;
      expect(utf8Bytes(out)).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
      // Well-formed: no lone surrogate survives the cut.
      expect(out.isWellFormed()).toBe(true);
      expect(text.startsWith(out.slice(0, -1))).toBe(true);
    }
  });

  it('keeps an emoji with its modifiers whole', () => {
    const family = '👨‍👩‍👧';
    const text = `家庭${family}${family}`;
    expect(cutPoints(text)).toEqual([0, 1, 2, 2 + family.length, text.length]);
  });

  it('never cuts inside a Markdown link', () => {
    const link = '[合同全文](https://liaison.example.cn/files/123)';
    const text = `请查阅${link}并回复`;
    const inside = cutPoints(text).filter((p) => p > 3 && p < 3 + link.length);
    expect(inside).toEqual([]);
    const out = shortenToFit(text, within(utf8Bytes(text) - 10))!;
    expect(out === `请查阅${link}…` || out === '请查阅…').toBe(true);
  });

  it('gives up when not even the ellipsis fits', () => {
    expect(shortenToFit('通知', within(2))).toBeNull();
  });
});
