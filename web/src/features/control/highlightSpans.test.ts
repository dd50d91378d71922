import { describe, expect, it } from 'vitest';
import { highlightSpans } from './highlightSpans.ts';

const pieces = (content: string, highlights: { start: number; end: number; detector: string }[]) =>
  highlightSpans(content, highlights).map((s) => [s.text, s.detectors.join('+')]);

describe('highlightSpans', () => {
  it('marks what the detectors found and keeps every character once', () => {
    const content = '请把货款打到银行卡 6222021234567890128 谢谢';
    const spans = highlightSpans(content, [{ start: 10, end: 29, detector: 'bank_card' }]);
    expect(spans.map((s) => s.text).join('')).toBe(content);
    expect(pieces(content, [{ start: 10, end: 29, detector: 'bank_card' }])).toEqual([
      ['请把货款打到银行卡 ', ''],
      ['6222021234567890128', 'bank_card'],
      [' 谢谢', ''],
    ]);
  });

  it('splits overlapping matches into pieces that name every detector covering them', () => {
    expect(
      pieces('投标底价表', [
        { start: 0, end: 4, detector: 'kw' },
        { start: 2, end: 4, detector: 'kw2' },
      ]),
    ).toEqual([
      ['投标', 'kw'],
      ['底价', 'kw+kw2'],
      ['表', ''],
    ]);
  });

  it('clamps offsets past the text, drops empty ranges and merges touching pieces of one detector', () => {
    expect(
      pieces('abcdef', [
        { start: 4, end: 99, detector: 'x' },
        { start: 3, end: 3, detector: 'y' },
        { start: -5, end: 1, detector: 'x' },
        { start: 1, end: 2, detector: 'x' },
      ]),
    ).toEqual([
      ['ab', 'x'],
      ['cd', ''],
      ['ef', 'x'],
    ]);
    expect(highlightSpans('', [{ start: 0, end: 3, detector: 'x' }])).toEqual([]);
  });
});
