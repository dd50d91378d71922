import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REGEX_MAX_LENGTH } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { checkCustomRegex, LINEAR_ENGINE } from './regex-safety.ts';

function accepted(pattern: string, caseSensitive = true) {
  const check = checkCustomRegex(pattern, caseSensitive);
  if (!check.ok) throw new Error(`refused ${pattern}: ${check.message}`);
  return check;
}

function refusal(pattern: string, caseSensitive = true): string {
  const check = checkCustomRegex(pattern, caseSensitive);
  if (check.ok) throw new Error(`accepted ${pattern}`);
  return check.message;
}

/** [start, end] of every non-empty match, as the scanner walks them. */
function spans(regex: RegExp, text: string): [number, number][] {
  const out: [number, number][] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex = m.index + 1;
    else out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

describe('V8 regular-expression engines, as switched on by this module', () => {
  it('has the linear-time engine: an exponential pattern with the l flag runs in linear time', () => {
    expect(LINEAR_ENGINE).toBe(true);
    // biome-ignore lint/complexity/useRegexLiterals: a literal with the l flag does not parse before the flag is on
    expect(new RegExp('(a+)+$', 'l').test(`${'a'.repeat(10_000)}b`)).toBe(false);
  });

  it('falls back from catastrophic backtracking — a run that does not finish without the flag', () => {
    // /(a+)+$/ over 40 a's and a b: 2^40 steps backtracking. A fresh Node without the flags is
    // stopped after 5 s; one that imports this module answers (given all the time it needs).
    const server = fileURLToPath(new URL('../../../..', import.meta.url));
    const run = (setup: string, timeout: number) =>
      spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `${setup}\nconsole.log(/(a+)+$/.test('a'.repeat(40) + 'b'));`],
        { cwd: server, timeout, encoding: 'utf8' },
      );
    const without = run('', 5_000);
    expect(without.error?.message ?? '').toMatch(/ETIMEDOUT/);
    const module = JSON.stringify(new URL('./regex-safety.ts', import.meta.url).href);
    const withModule = run(`await import(${module});`, 60_000);
    expect(withModule.stderr).toBe('');
    expect(withModule.stdout.trim()).toBe('false');
  }, 90_000);
});

describe('checkCustomRegex refuses', () => {
  it('syntax errors, with the engine’s message', () => {
    expect(refusal('(abc')).toMatch(/Invalid regular expression.*Unterminated group/);
    expect(refusal('[a-')).toMatch(/Invalid regular expression/);
    expect(refusal('a**')).toMatch(/Nothing to repeat/);
    expect(refusal('')).toMatch(/empty/);
    expect(refusal('x'.repeat(REGEX_MAX_LENGTH + 1))).toMatch(/longer than 500/);
  });

  it('backreferences, lookaround, inline modifiers and \\p{…}', () => {
    expect(refusal('(a)\\1')).toMatch(/Backreferences/);
    expect(refusal('(?<x>a)\\k<x>')).toMatch(/Backreferences/);
    expect(refusal('a(?=b)')).toMatch(/Lookahead/);
    expect(refusal('(?<!b)a')).toMatch(/lookbehind/);
    expect(refusal('(?i:a)b')).toMatch(/Inline modifiers/);
    expect(refusal('\\p{Script=Han}')).toMatch(/property escapes/);
    expect(refusal('a{101}')).toMatch(/above 100/);
  });

  it('(a+)+$ and the other patterns that backtrack exponentially', () => {
    expect(refusal('(a+)+$')).toMatch(/exponentially: \(a\+\)\+/);
    for (const p of [
      '(a*)*',
      '(a|a)*',
      '(a|aa)+$',
      '^(\\w+\\s?)*$',
      '(x+x+)+y',
      '(\\s*,\\s*)+',
      '(?:\\d|\\d\\d)+$',
    ]) {
      expect(refusal(p), p).toMatch(/exponentially/);
    }
    // Case-insensitively the alternatives overlap too.
    expect(checkCustomRegex('(?:A|a)+$', true).ok).toBe(true);
    expect(refusal('(?:A|a)+$', false)).toMatch(/exponentially/);
  });

  it('(.*a){20} and other high-degree polynomial patterns', () => {
    expect(refusal('(.*a){20}')).toMatch(/polynomially: 20 repeated parts/);
    expect(refusal('.*a.*b.*c.*d')).toMatch(/polynomially/);
  });
});

describe('checkCustomRegex refuses, for their cost on long messages,', () => {
  it('patterns that keep too many states busy over one character', () => {
    expect(refusal('[a-z]{0,100}[a-z]{0,100}x')).toMatch(/at once \(2\d\d\)/);
    expect(refusal('[a-z]+[a-z]{0,90}@')).toMatch(/at once/);
    expect(refusal('.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}@')).toMatch(/too large/);
  });
});

describe('checkCustomRegex accepts', () => {
  it('ordinary patterns, on the backtracking engine when they cannot backtrack much', () => {
    for (const p of [
      'LX-\\d{4}',
      '\\d{17}[\\dXx]',
      '(?:合同|协议)编号\\d+',
      '\\b1[3-9]\\d{9}\\b',
      'secret',
      '[A-Z]{2}\\d{6,8}',
    ]) {
      expect(accepted(p).engine, p).toBe('backtracking');
    }
  });

  it('unambiguous repetitions whose rounds are delimited, like ([a-z0-9]+\\.)+com', () => {
    expect(accepted('([a-z0-9]+\\.)+com').ok).toBe(true);
    expect(accepted('(\\d+-)+\\d+').ok).toBe(true);
  });

  it('patterns the search would retry quadratically, on the linear engine', () => {
    for (const p of ['\\w+@\\w+\\.com', 'a+c', '.*a.*b.*c', '(?:a|a){16}'])
      expect(accepted(p).engine, p).toBe('linear');
  });

  it('runs accepted worst cases over 10,000 adversarial characters to the end, finding exactly what is there', () => {
    const adversarial = ['a'.repeat(10_000), '1'.repeat(10_000), 'ab'.repeat(5_000), `${'a@'.repeat(5_000)}`];
    // No clock in the test (a catastrophic run shows as the suite hanging, not as a number): each
    // accepted pattern runs to the end over every adversarial text and finds exactly what it holds.
    const expected: Record<string, (text: string) => number> = {
      '\\w+@\\w+\\.com': () => 0,
      '.*a.*b.*c': () => 0,
      '\\d+\\d+x': () => 0,
      '[a-z]{1,100}@': (text) => (text.startsWith('a@') ? 5_000 : 0),
      '(?:\\d+-)+\\d+!': () => 0,
      '(?:a|a){16}$': (text) => (text === 'a'.repeat(10_000) ? 1 : 0),
    };
    for (const [p, count] of Object.entries(expected)) {
      const { regex } = accepted(p);
      for (const text of adversarial) {
        expect(spans(regex, text), `${p} over ${text.slice(0, 4)}…`).toHaveLength(count(text));
      }
    }
  });
});

describe('the rewritten pattern', () => {
  it('matches case-insensitively like the i flag, without it', () => {
    const alphabet = 'aAbBkKsSſΣσςİıiIÄäéÉ中-_. \n';
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (const p of [
      '[a-z]+',
      'k',
      'σ+',
      '[^a-c]+',
      '[^k]',
      'é+',
      '[à-ÿ]+',
      'i',
      '[\\w-]+',
      '\\W+',
      '[^\\W]+',
      'ä.s',
      'SS',
    ]) {
      const { regex } = accepted(p, false);
      expect(regex.flags).not.toContain('i');
      const native = new RegExp(p, 'gi');
      for (let k = 0; k < 300; k++) {
        const text = Array.from({ length: 8 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
          '',
        );
        expect(spans(regex, text), `${p} on ${JSON.stringify(text)}`).toEqual(spans(native, text));
      }
    }
  });

  it('matches exactly what the original matches, case-sensitively', () => {
    const alphabet = 'ab01-.@ x\n中';
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const patterns = [
      'a{2,5}',
      'a{3,40}?b',
      '(?:ab|ba){2,20}',
      '[^a-z\\d]{2,}',
      '\\bab\\b|^x|x$',
      '(a)(?<n>b)?\\.',
      '\\x61\\u0062[\\]\\-]?',
      '[\\w-.]+@[\\w.]+',
      '.{1,20}@',
      '\\d{17}[\\dX]',
      '(?:)a|',
      '[\\s\\S]{3}',
      '[^]{2}',
      '\\}\\]',
    ];
    for (const p of patterns) {
      const { regex } = accepted(p);
      const native = new RegExp(p, 'g');
      for (let k = 0; k < 300; k++) {
        const text = Array.from({ length: 30 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
          '',
        );
        expect(spans(regex, text), `${p} on ${JSON.stringify(text)}`).toEqual(spans(native, text));
      }
    }
  });
});
