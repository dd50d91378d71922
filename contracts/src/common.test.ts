import { describe, expect, it } from 'vitest';
import { DateOnly, Month, nameText, Str, stripHiddenFormatting, Timestamp, text } from './common.ts';

describe('the shared text schemas', () => {
  it('refuse NUL and unpaired surrogates, which PostgreSQL cannot store, and keep paired ones', () => {
    for (const bad of ['a\u0000b', '\ud800', 'x\udc00y', '\ud83d']) {
      expect(Str.safeParse(bad).success).toBe(false);
      expect(text(10).safeParse(bad).success).toBe(false);
    }
    expect(Str.safeParse('财务审计 😀 ok').success).toBe(true);
  });

  it('refuse invisible and text-direction characters in names', () => {
    for (const spoof of [
      '合同\u202excod.txt', // right-to-left override: shows as 合同txt.docx
      '张\u200b伟', // zero-width space
      '\u2066admin\u2069', // isolate
      '陈\ufeff静', // byte order mark
      '王\u200d五', // zero-width joiner
      'a\u2028b', // line separator
    ]) {
      expect(nameText(64).safeParse(spoof).success, JSON.stringify(spoof)).toBe(false);
    }
    expect(nameText(64).safeParse('市场部-日常工作群').data).toBe('市场部-日常工作群');
    expect(stripHiddenFormatting('合同\u202excod.txt')).toBe('合同xcod.txt');
  });

  it('refuse instants, dates and months outside the years 1900–9999', () => {
    expect(Timestamp.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    // An offset that moves a valid local time before 1900 in UTC is refused too.
    expect(Timestamp.safeParse('1900-01-01T00:00:00+08:00').success).toBe(false);
    expect(Timestamp.safeParse('2026-02-30T00:00:00Z').success).toBe(false);
    expect(Timestamp.safeParse('2026-11-21T08:00:00+08:00').success).toBe(true);
    expect(DateOnly.safeParse('0000-01-01').success).toBe(false);
    expect(DateOnly.safeParse('2027-02-06').success).toBe(true);
    expect(Month.safeParse('0000-01').success).toBe(false);
    expect(Month.safeParse('2026-13').success).toBe(false);
    expect(Month.safeParse('2026-12').success).toBe(true);
  });
});
