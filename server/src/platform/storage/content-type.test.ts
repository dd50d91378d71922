import { describe, expect, it } from 'vitest';
import { cleanFileName } from './content-type.ts';

describe('cleanFileName', () => {
  it('removes text-direction overrides and zero-width characters that disguise a name', () => {
    expect(cleanFileName('合同\u202excod.txt')).toBe('合同xcod.txt');
    expect(cleanFileName('报价\u200b单.pdf')).toBe('报价单.pdf');
    expect(cleanFileName('\u2067invoice\u2069.pdf')).toBe('invoice.pdf');
  });

  it('keeps only the last path segment and drops control characters, NUL and quotes', () => {
    expect(cleanFileName('C:\\Users\\a\\..\\报告.docx')).toBe('报告.docx');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\u0085c"d.txt')).toBe('abcd.txt');
    expect(cleanFileName('\u202e')).toBe('file');
  });

  it('never leaves an unpaired surrogate, even when it cuts a long name', () => {
    expect(cleanFileName('a\ud800b.txt')).toBe('a\ufffdb.txt');
    const long = `${'😀'.repeat(250)}.txt`;
    const cleaned = cleanFileName(long);
    expect(cleaned.isWellFormed()).toBe(true);
    expect(Array.from(cleaned)).toHaveLength(200);
  });
});
