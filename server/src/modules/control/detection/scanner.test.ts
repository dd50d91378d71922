import { BUILT_IN_DETECTORS } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import {
  type CustomDetectorSpec,
  compileScanner,
  MAX_REGEX_MATCHES,
  normalizeTerms,
  redact,
  validateCustomDetector,
} from './scanner.ts';

const ID = '11010519491231002X';

function keywords(id: string, terms: string[], caseSensitive = false): CustomDetectorSpec {
  return { id, name: id, type: 'keywords', terms, pattern: null, caseSensitive };
}

function regex(id: string, pattern: string, caseSensitive = false): CustomDetectorSpec {
  return { id, name: id, type: 'regex', terms: [], pattern, caseSensitive };
}

/** detector:found@start, in the scanner's order. */
function found(
  scan: (text: string) => { detector: string; start: number; end: number }[],
  text: string,
): string[] {
  return scan(text).map((m) => `${m.detector}:${text.slice(m.start, m.end)}@${m.start}`);
}

describe('validateCustomDetector', () => {
  const base = { name: '客户名单', terms: [], pattern: null, caseSensitive: false };

  it('refuses an empty dictionary or label list, and terms that are only spaces', () => {
    expect(validateCustomDetector({ ...base, type: 'keywords' })).toEqual({
      ok: false,
      message: 'Add at least one keyword.',
    });
    expect(validateCustomDetector({ ...base, type: 'label', terms: ['  ', ''] })).toEqual({
      ok: false,
      message: 'Add at least one label.',
    });
  });

  it('refuses more labels than allowed, counting duplicates once', () => {
    const many = Array.from({ length: 201 }, (_, i) => `标签${i}`);
    expect(validateCustomDetector({ ...base, type: 'label', terms: many }).ok).toBe(false);
    expect(
      validateCustomDetector({ ...base, type: 'label', terms: [...many.slice(0, 200), '标签0'] }).ok,
    ).toBe(true);
  });

  it('refuses a missing name, a missing, invalid or unsafe pattern', () => {
    expect(validateCustomDetector({ ...base, name: ' ', type: 'keywords', terms: ['a'] }).ok).toBe(false);
    expect(validateCustomDetector({ ...base, type: 'regex' })).toMatchObject({ ok: false, message: /empty/ });
    expect(validateCustomDetector({ ...base, type: 'regex', pattern: '(a' })).toMatchObject({ ok: false });
    expect(validateCustomDetector({ ...base, type: 'regex', pattern: '(a+)+$' })).toMatchObject({
      ok: false,
      message: /exponentially/,
    });
  });

  it('accepts a dictionary with duplicates and a safe pattern', () => {
    expect(
      validateCustomDetector({ ...base, type: 'keywords', terms: ['保函', '保函 ', 'Escrow', 'escrow'] }),
    ).toEqual({
      ok: true,
    });
    expect(validateCustomDetector({ ...base, type: 'regex', pattern: 'LX-\\d{4}' })).toEqual({ ok: true });
  });
});

describe('normalizeTerms', () => {
  it('trims, drops empty terms and merges duplicates (case-folded unless case-sensitive)', () => {
    expect(normalizeTerms([' 保函', '保函', '', 'Escrow', 'ESCROW', 'escrow '], false)).toEqual([
      '保函',
      'Escrow',
    ]);
    expect(normalizeTerms(['Escrow', 'ESCROW', 'Escrow'], true)).toEqual(['Escrow', 'ESCROW']);
  });
});

describe('compileScanner', () => {
  it('finds built-ins, dictionary terms and regex matches together, sorted by start', () => {
    const scanner = compileScanner({
      builtIns: BUILT_IN_DETECTORS,
      custom: [keywords('dict', ['保函', 'escrow']), regex('ticket', 'LX-\\d{4}')],
    });
    const text = `【机密】身份证 ${ID}，工单 lx-4821 的保函和 escrow 见 zhang@example.com`;
    expect(found(scanner.scan, text)).toEqual([
      'classification:机密@1',
      `cn_id_card:${ID}@8`,
      'ticket:lx-4821@30',
      'dict:保函@39',
      'dict:escrow@43',
      'email:zhang@example.com@52',
    ]);
    const confidences = scanner.scan(text).map((m) => m.confidence);
    expect(confidences).toEqual([0.95, 0.99, 1, 1, 1, 0.9]);
  });

  it('reports only the enabled built-ins', () => {
    const scanner = compileScanner({ builtIns: ['cn_mobile'], custom: [] });
    expect(found(scanner.scan, `【机密】${ID} 13812345678 a@b.com`)).toEqual(['cn_mobile:13812345678@23']);
    expect(compileScanner({ builtIns: [], custom: [] }).scan(`${ID} 机密`)).toEqual([]);
  });

  it('reports a term shared by two dictionaries for both', () => {
    const scanner = compileScanner({
      builtIns: [],
      custom: [keywords('a', ['保函']), keywords('b', ['保函', '仲裁'])],
    });
    expect(found(scanner.scan, '保函')).toEqual(['a:保函@0', 'b:保函@0']);
  });

  it('keeps the longest of one detector’s overlapping matches, but overlaps between detectors', () => {
    const scanner = compileScanner({
      builtIns: ['classification'],
      custom: [keywords('dict', ['机密', '商业机密', '机密文件'])],
    });
    expect(found(scanner.scan, '这是商业机密文件')).toEqual(['classification:商业机密@2', 'dict:商业机密@2']);
    expect(found(scanner.scan, 'TOP SECRET')).toEqual(['classification:TOP SECRET@0']);
  });

  it('honours case-sensitive dictionaries and regexes', () => {
    const scanner = compileScanner({
      builtIns: [],
      custom: [keywords('k', ['Phoenix'], true), regex('r', 'ACME-\\d+', true)],
    });
    expect(found(scanner.scan, 'phoenix Phoenix acme-1 ACME-2')).toEqual(['k:Phoenix@8', 'r:ACME-2@23']);
  });

  it('ignores zero-length regex matches and stops at the match limit', () => {
    const scanner = compileScanner({ builtIns: [], custom: [regex('x', 'x*'), regex('d', '\\d')] });
    expect(found(scanner.scan, 'axxbx')).toEqual(['x:xx@1', 'x:x@4']);
    expect(scanner.scan('1'.repeat(5000)).length).toBe(MAX_REGEX_MATCHES);
  });

  it('leaves out invalid stored detectors and says why', () => {
    const scanner = compileScanner({
      builtIns: [],
      custom: [regex('bad', '(a+)+$'), keywords('empty', []), keywords('ok', ['保函'])],
    });
    expect(scanner.skipped.map((s) => s.id)).toEqual(['bad', 'empty']);
    expect(found(scanner.scan, '保函')).toEqual(['ok:保函@0']);
  });

  it('scans a 10,000-character adversarial message with unlucky but accepted regexes', () => {
    const scanner = compileScanner({
      builtIns: BUILT_IN_DETECTORS,
      custom: [regex('r1', '\\w+@\\w+\\.com'), regex('r2', '.*a.*b.*c'), regex('r3', '[a-z]{1,100}@')],
    });
    expect(scanner.scan('a'.repeat(10_000))).toEqual([]);
    expect(scanner.scan('1'.repeat(10_000))).toEqual([]);
    expect(scanner.scan('a@'.repeat(5_000)).length).toBeGreaterThan(0);
  });

  it('compiles a 5,000-term dictionary and finds its terms in Chinese and English text', () => {
    const terms = Array.from({ length: 5000 }, (_, i) => (i % 2 ? `项目${i}号` : `codename${i}`));
    const scanner = compileScanner({ builtIns: BUILT_IN_DETECTORS, custom: [keywords('big', terms)] });
    expect(found(scanner.scan, '关于项目4999号和 Codename4998 的进展，codename49980 不算')).toEqual([
      'big:项目4999号@2',
      'big:Codename4998@11',
    ]);
  });
});

describe('redact', () => {
  const scanner = compileScanner({ builtIns: BUILT_IN_DETECTORS, custom: [keywords('dict', ['保函'])] });
  const masked = (text: string) => redact(text, scanner.scan(text));

  it('keeps the first 3 and last 4 characters of numbers, and their length', () => {
    expect(masked(`身份证 ${ID}`)).toBe('身份证 110***********002X');
    expect(masked('手机 13812345678')).toBe('手机 138****5678');
    expect(masked('手机 138-1234-5678')).toBe('手机 138-****-5678');
    expect(masked('手机 +86 13812345678')).toBe('手机 +86 138****5678');
    expect(masked('卡号 4111 1111 1111 1111')).toBe('卡号 411* **** **** 1111');
  });

  it('masks every group of a number written with separators, keeping the separators', () => {
    expect(masked('身份证 110105 19491231 002X')).toBe('身份证 110*** ******** 002X');
    expect(masked('身份证 110105\u300019491231\u3000002X')).toBe('身份证 110***\u3000********\u3000002X');
    expect(masked('证件 110105·1949·1231·002X')).toBe('证件 110***·****·****·002X');
    expect(masked('手机 138.1234.5678')).toBe('手机 138.****.5678');
    expect(masked('手机 1381234 5678')).toBe('手机 138**** 5678');
    expect(masked('手机 +86.138.1234.5678')).toBe('手机 +86.138.****.5678');
    expect(masked('卡号 6222 0212 3456 7890 128')).toBe('卡号 622* **** **** ***0 128');
    expect(masked('代码 9135 0100 M000 100Y 43')).toBe('代码 913* **** **** **0Y 43');
    // A custom detector's find of digits and separators is masked as a number too.
    expect(redact('单号 12·3456·78', [{ start: 3, end: 13, detector: 'order' }])).toBe('单号 1*·****·78');
  });

  it('hides most of a short number: the first character and the last two stay', () => {
    expect(redact('护照 E12345678', [{ start: 3, end: 12, detector: 'passport' }])).toBe('护照 E******78');
  });

  it('keeps the first character and the domain of emails, but never a whole one-letter name', () => {
    expect(masked('发给 zhang.wei@example.com 吧')).toBe('发给 z********@example.com 吧');
    expect(masked('发给 a@b.com 吧')).toBe('发给 *@b.com 吧');
  });

  it('masks everything else one star per character', () => {
    expect(masked('【机密】的保函')).toBe('【**】的**');
    expect(redact('a😀b', [{ start: 1, end: 3, detector: 'x' }])).toBe('a*b');
    expect(redact('工单 LX-4821', [{ start: 3, end: 10, detector: 'ticket' }])).toBe('工单 *******');
  });

  it('merges overlapping spans and leaves text without matches as it is', () => {
    expect(
      redact('abcdefgh', [
        { start: 1, end: 4, detector: 'x' },
        { start: 3, end: 6, detector: 'y' },
      ]),
    ).toBe('a*****gh');
    expect(redact('nothing here', [])).toBe('nothing here');
  });
});
