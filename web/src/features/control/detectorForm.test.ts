import { describe, expect, it } from 'vitest';
import { parseTerms, toDetectorForm, toDetectorRequest } from './detectorForm.ts';

describe('detector editor', () => {
  it('takes one term per line, without blanks, spaces around or repeats', () => {
    expect(parseTerms('投标底价\n  底价 \r\n\n投标底价\nsource code\n')).toEqual([
      '投标底价',
      '底价',
      'source code',
    ]);
    expect(parseTerms('   \n')).toEqual([]);
  });

  it('sends terms for dictionaries and labels, the pattern for a regular expression', () => {
    const form = { ...toDetectorForm(null), name: ' 机密关键词 ', terms: '底价\n并购计划' };
    expect(toDetectorRequest(form)).toEqual({
      name: '机密关键词',
      description: null,
      type: 'keywords',
      terms: ['底价', '并购计划'],
    });
    expect(
      toDetectorRequest({
        ...form,
        type: 'regex',
        pattern: 'HT-\\d{4}',
        caseSensitive: true,
        terms: 'ignored',
      }),
    ).toEqual({
      name: '机密关键词',
      description: null,
      type: 'regex',
      pattern: 'HT-\\d{4}',
      caseSensitive: true,
    });
  });
});
