/**
 * The subset of JavaScript regular expressions that custom detectors may use, parsed into a small
 * tree that regex-safety.ts analyses and then writes back out in a form V8's linear-time engine
 * accepts. The syntax is the ordinary (non-`u`) one administrators know, with these left out on
 * purpose: backreferences and lookaround (no linear-time engine runs them), inline modifiers,
 * `\p{…}` (needs the `u` flag), octal escapes and other Annex B oddities that read as something
 * else than they mean.
 *
 * Every character-consuming atom becomes a set of UTF-16 code units (sorted inclusive ranges), so
 * case-insensitive matching is done by closing the sets under case (`caseClose`, the same
 * equivalence as the `i` flag) rather than by the `i` flag, which the linear engine refuses.
 */

/** Sorted, disjoint, non-adjacent inclusive ranges [lo0, hi0, lo1, hi1, …] of code units. */
export type Ranges = readonly number[];

export type RegexNode =
  | { type: 'set'; ranges: Ranges }
  | { type: 'assert'; kind: '^' | '$' | '\\b' | '\\B' }
  | { type: 'seq'; items: RegexNode[] }
  | { type: 'alt'; options: RegexNode[] }
  | { type: 'repeat'; min: number; max: number; lazy: boolean; body: RegexNode; source: string };

export class RegexSyntaxError extends Error {}

/** Counted repetitions above this are refused (they could not be checked or run cheaply). */
export const MAX_REPEAT = 100;

const MAX_UNIT = 0xffff;
export const ALL: Ranges = [0, MAX_UNIT];
const DIGIT: Ranges = [0x30, 0x39];
const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: Ranges = normalize([
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f,
  0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);
export const DOT: Ranges = complement([0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029]);

// --- sets ---------------------------------------------------------------------------------------

export function normalize(pairs: readonly number[]): number[] {
  const items: [number, number][] = [];
  for (let i = 0; i < pairs.length; i += 2) items.push([pairs[i]!, pairs[i + 1]!]);
  items.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of items) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export function union(a: Ranges, b: Ranges): number[] {
  return normalize([...a, ...b]);
}

export function complement(a: Ranges): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < a.length; i += 2) {
    if (a[i]! > next) out.push(next, a[i]! - 1);
    next = a[i + 1]! + 1;
  }
  if (next <= MAX_UNIT) out.push(next, MAX_UNIT);
  return out;
}

export function contains(a: Ranges, c: number): boolean {
  let lo = 0;
  let hi = a.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (c < a[2 * mid]!) hi = mid - 1;
    else if (c > a[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

export function intersects(a: Ranges, b: Ranges): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1]! < b[j]!) i += 2;
    else if (b[j + 1]! < a[i]!) j += 2;
    else return true;
  }
  return false;
}

function sameRanges(a: Ranges, b: Ranges): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Code units with a case partner under the `i` flag, grouped by their canonical form. */
let ORBITS: { members: Uint16Array; groupOf: Map<number, number[]> } | null = null;

/**
 * ECMAScript Canonicalize without `u`: the single-unit upper case, except that nothing outside
 * ASCII folds into ASCII. Two units match each other under `i` exactly when these are equal.
 */
function orbits(): { members: Uint16Array; groupOf: Map<number, number[]> } {
  if (ORBITS) return ORBITS;
  const byCanon = new Map<number, number[]>();
  for (let c = 0; c <= MAX_UNIT; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const upper = String.fromCharCode(c).toUpperCase();
    let canon = upper.length === 1 ? upper.charCodeAt(0) : c;
    if (c >= 128 && canon < 128) canon = c;
    const group = byCanon.get(canon);
    if (group) group.push(c);
    else byCanon.set(canon, [c]);
  }
  const groupOf = new Map<number, number[]>();
  for (const group of byCanon.values()) if (group.length > 1) for (const c of group) groupOf.set(c, group);
  ORBITS = { members: Uint16Array.from([...groupOf.keys()].sort((a, b) => a - b)), groupOf };
  return ORBITS;
}

/** The set with every case variant of its members added (what `i` would match). */
export function caseClose(a: Ranges): number[] {
  const { members, groupOf } = orbits();
  const extra: number[] = [];
  for (const c of members) {
    if (contains(a, c)) continue;
    if (groupOf.get(c)!.some((d) => contains(a, d))) extra.push(c, c);
  }
  return extra.length ? union(a, extra) : [...a];
}

// --- parsing ------------------------------------------------------------------------------------

/**
 * Parses a pattern already accepted by `new RegExp(pattern)`, so only what this subset leaves out
 * is reported here; `caseInsensitive` closes every set under case.
 */
export function parseRegex(pattern: string, caseInsensitive: boolean): RegexNode {
  let pos = 0;
  const fail = (message: string): never => {
    throw new RegexSyntaxError(message);
  };
  const set = (ranges: Ranges): RegexNode => ({
    type: 'set',
    ranges: caseInsensitive ? caseClose(ranges) : ranges,
  });

  function disjunction(): RegexNode {
    const options = [alternative()];
    while (pattern[pos] === '|') {
      pos++;
      options.push(alternative());
    }
    if (options.length === 1) return options[0]!;
    // a|b|c is [abc] when no two overlap: the same matches, a smaller automaton to check and run.
    if (options.every((o) => o.type === 'set')) {
      const sets = options.map((o) => (o as { ranges: Ranges }).ranges);
      if (sets.every((a, i) => sets.every((b, j) => j <= i || !intersects(a, b))))
        return { type: 'set', ranges: sets.reduce((acc, r) => union(acc, r), [] as number[]) };
    }
    return { type: 'alt', options };
  }

  function alternative(): RegexNode {
    const items: RegexNode[] = [];
    while (pos < pattern.length && pattern[pos] !== '|' && pattern[pos] !== ')') {
      const from = pos;
      // A quantifier after a bare assertion is a syntax error the engine already reported.
      items.push(quantified(term(), from));
    }
    return items.length === 1 ? items[0]! : { type: 'seq', items };
  }

  function term(): RegexNode {
    const c = pattern[pos]!;
    if (c === '^' || c === '$') {
      pos++;
      return { type: 'assert', kind: c };
    }
    if (c === '(') return group();
    if (c === '.') {
      pos++;
      return set(DOT);
    }
    if (c === '[') return set(characterClass());
    if (c === '\\') {
      const next = pattern[pos + 1];
      if (next === 'b' || next === 'B') {
        pos += 2;
        return { type: 'assert', kind: next === 'b' ? '\\b' : '\\B' };
      }
      pos++;
      return set(atomEscape(false));
    }
    if (c === '{') fail('A literal "{" must be written as "\\{".');
    pos++;
    const code = c.charCodeAt(0);
    return set([code, code]);
  }

  function group(): RegexNode {
    pos++; // (
    if (pattern[pos] === '?') {
      const kind = pattern.slice(pos, pos + 3);
      if (kind.startsWith('?:')) pos += 2;
      else if (kind.startsWith('?=') || kind.startsWith('?!') || kind === '?<=' || kind === '?<!')
        fail('Lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported.');
      else if (kind.startsWith('?<')) pos = pattern.indexOf('>', pos) + 1;
      else fail('Inline modifiers such as (?i:…) are not supported; use the case-sensitivity option.');
    }
    const body = disjunction();
    pos++; // )
    return body;
  }

  function quantified(atom: RegexNode, from: number): RegexNode {
    const c = pattern[pos];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos));
      if (!m) return fail('A literal "{" must be written as "\\{".');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT))
        fail(
          `Repetition counts above ${MAX_REPEAT} are not supported (${m[0]}); use + or * for longer runs.`,
        );
      pos += m[0].length - 1;
    } else return atom;
    pos++;
    let lazy = false;
    if (pattern[pos] === '?') {
      lazy = true;
      pos++;
    }
    return { type: 'repeat', min, max, lazy, body: atom, source: pattern.slice(from, pos) };
  }

  function characterClass(): Ranges {
    pos++; // [
    let negated = false;
    if (pattern[pos] === '^') {
      negated = true;
      pos++;
    }
    let ranges: number[] = [];
    while (pattern[pos] !== ']') {
      const lo = classAtom();
      if (pattern[pos] === '-' && pattern[pos + 1] !== ']' && pos + 1 < pattern.length) {
        pos++;
        const hi = classAtom();
        // A class escape at either end makes the dash literal (Annex B), e.g. [\w-.].
        if (lo.length === 2 && lo[0] === lo[1] && hi.length === 2 && hi[0] === hi[1]) {
          ranges.push(lo[0]!, hi[0]!);
        } else {
          ranges.push(...lo, ...hi, 0x2d, 0x2d);
        }
      } else {
        ranges.push(...lo);
      }
    }
    pos++; // ]
    ranges = normalize(ranges);
    if (!negated) return ranges;
    // `i` applies before negation: [^a] under `i` excludes both a and A.
    return complement(caseInsensitive ? caseClose(ranges) : ranges);
  }

  function classAtom(): Ranges {
    const c = pattern[pos]!;
    if (c === '\\') {
      pos++;
      return atomEscape(true);
    }
    pos++;
    const code = c.charCodeAt(0);
    return [code, code];
  }

  /** After the backslash. Inside a class `\b` is a backspace and `\-` a dash. */
  function atomEscape(inClass: boolean): Ranges {
    const c = pattern[pos]!;
    pos++;
    const unit = (code: number): Ranges => [code, code];
    switch (c) {
      case 'd':
        return DIGIT;
      case 'D':
        return complement(DIGIT);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      case 'n':
        return unit(0x0a);
      case 'r':
        return unit(0x0d);
      case 't':
        return unit(0x09);
      case 'v':
        return unit(0x0b);
      case 'f':
        return unit(0x0c);
      case 'b':
        return unit(0x08); // only reached inside a class
      case '0':
        if (/[0-9]/.test(pattern[pos] ?? '')) return fail('Octal escapes such as \\01 are not supported.');
        return unit(0);
      case 'x': {
        const hex = pattern.slice(pos, pos + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) return fail('\\x must be followed by two hexadecimal digits.');
        pos += 2;
        return unit(Number.parseInt(hex, 16));
      }
      case 'u': {
        const hex = pattern.slice(pos, pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex))
          return fail('\\u must be followed by four hexadecimal digits (\\u{…} is not supported).');
        pos += 4;
        return unit(Number.parseInt(hex, 16));
      }
      case 'c': {
        const letter = pattern[pos] ?? '';
        if (!/^[A-Za-z]$/.test(letter)) return fail('\\c must be followed by a letter.');
        pos++;
        return unit(letter.charCodeAt(0) % 32);
      }
      case 'p':
      case 'P':
        return fail('Unicode property escapes (\\p{…}) are not supported.');
      case 'k':
        return fail('Backreferences (\\k<name>) are not supported.');
      default:
        break;
    }
    if (c >= '1' && c <= '9')
      return fail(
        inClass
          ? 'Octal escapes such as \\1 are not supported.'
          : `Backreferences (\\${c}) are not supported.`,
      );
    if (/[A-Za-z0-9_]/.test(c)) return fail(`Unknown escape \\${c}.`);
    return unit(c.charCodeAt(0));
  }

  const tree = disjunction();
  if (pos !== pattern.length) fail('Unbalanced parenthesis.');
  return tree;
}

// --- writing it back out ------------------------------------------------------------------------

/** V8's linear engine refuses patterns whose counted repetitions would copy a part more than this. */
const LINEAR_REPLICATION = 16;

/**
 * The pattern as source for `new RegExp(source, 'g' | 'gl')`, equivalent to the original with
 * the case option applied: no capturing groups (nothing reads them), sets written out (so no `i`
 * flag), and counted repetitions that would exceed the linear engine's replication limit expanded
 * (`a{3,5}` → `aaa(?:a(?:a)?)?`), which it then accepts.
 */
export function writeRegex(node: RegexNode): string {
  return write(node, 1);
}

function write(node: RegexNode, factor: number): string {
  switch (node.type) {
    case 'set':
      return writeSet(node.ranges);
    case 'assert':
      return node.kind;
    case 'seq':
      return node.items
        .map((item) => (item.type === 'alt' ? `(?:${write(item, factor)})` : write(item, factor)))
        .join('');
    case 'alt':
      return node.options.map((option) => write(option, factor)).join('|');
    case 'repeat': {
      const { min, max, lazy, body } = node;
      const lazyMark = lazy ? '?' : '';
      const local = max === Infinity ? min + 1 : max;
      if (factor * local <= LINEAR_REPLICATION) {
        const quantifier =
          min === 0 && max === Infinity
            ? '*'
            : min === 1 && max === Infinity
              ? '+'
              : min === 0 && max === 1
                ? '?'
                : max === Infinity
                  ? `{${min},}`
                  : min === max
                    ? `{${min}}`
                    : `{${min},${max}}`;
        return atom(body, factor * local) + quantifier + lazyMark;
      }
      const one = atom(body, factor);
      let out = one.repeat(min);
      if (max === Infinity) return `${out}${one}*${lazyMark}`;
      let optional = '';
      for (let k = 0; k < max - min; k++) optional = `(?:${one}${optional})?${lazyMark}`;
      out += optional;
      return out;
    }
  }
}

function atom(node: RegexNode, factor: number): string {
  return node.type === 'set' ? writeSet(node.ranges) : `(?:${write(node, factor)})`;
}

function writeSet(ranges: Ranges): string {
  if (ranges.length === 0) return '[]';
  if (sameRanges(ranges, ALL)) return '[^]';
  if (sameRanges(ranges, DOT)) return '.';
  if (sameRanges(ranges, DIGIT)) return '\\d';
  if (sameRanges(ranges, WORD)) return '\\w';
  if (ranges.length === 2 && ranges[0] === ranges[1]) return literal(ranges[0]!);
  const negated = complement(ranges);
  const body = (r: Ranges) => {
    let s = '';
    for (let i = 0; i < r.length; i += 2) {
      s += classUnit(r[i]!);
      if (r[i + 1]! > r[i]!) s += `${r[i + 1]! > r[i]! + 1 ? '-' : ''}${classUnit(r[i + 1]!)}`;
    }
    return s;
  };
  return negated.length < ranges.length ? `[^${body(negated)}]` : `[${body(ranges)}]`;
}

function hex4(c: number): string {
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

function literal(c: number): string {
  if (c < 0x20 || c > 0x7e) return hex4(c);
  const ch = String.fromCharCode(c);
  return '^$\\.*+?()[]{}|/'.includes(ch) ? `\\${ch}` : ch;
}

function classUnit(c: number): string {
  if (c < 0x20 || c > 0x7e) return hex4(c);
  const ch = String.fromCharCode(c);
  return '\\]^-[/'.includes(ch) ? `\\${ch}` : ch;
}
