import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight.ts';

describe('highlightSegments', () => {
  it('splits a snippet at the highlight ranges', () => {
    expect(highlightSegments('新品发布会的场地合同已经提交', [[6, 8]])).toEqual([
      { text: '新品发布会的', mark: false },
      { text: '场地', mark: true },
      { text: '合同已经提交', mark: false },
    ]);
  });

  it('handles ranges at the edges, several ranges and no ranges', () => {
    expect(
      highlightSegments('合同和合同', [
        [0, 2],
        [3, 5],
      ]),
    ).toEqual([
      { text: '合同', mark: true },
      { text: '和', mark: false },
      { text: '合同', mark: true },
    ]);
    expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', mark: false }]);
    expect(highlightSegments('', [[0, 3]])).toEqual([]);
  });

  it('sorts, merges and clamps odd ranges without losing or repeating characters', () => {
    const text = 'abcdefgh';
    const segments = highlightSegments(text, [
      [5, 99],
      [1, 3],
      [2, 4],
      [-4, 0],
      [7, 6],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments).toEqual([
      { text: 'a', mark: false },
      { text: 'bcd', mark: true },
      { text: 'e', mark: false },
      { text: 'fgh', mark: true },
    ]);
  });

  it('keeps markup in the text as text (the caller renders React nodes)', () => {
    const segments = highlightSegments('<b>合同</b>', [[3, 5]]);
    expect(segments[0]).toEqual({ text: '<b>', mark: false });
    expect(segments[1]).toEqual({ text: '合同', mark: true });
  });
});
