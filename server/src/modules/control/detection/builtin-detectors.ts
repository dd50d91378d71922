import type { BuiltInDetector } from '@liaison/contracts';
import { isCardNumber, isValidCnIdCard, isValidOldCnIdCard, isValidUscc } from './checksums.ts';
import { GROUPINGS_BY_FIRST, MOBILE_GROUPINGS } from './number-groupings.ts';

/**
 * The built-in sensitive-information detectors. Everything but `classification` is found by one
 * pass over the text (`compileStructured`) that stops only at digits (half- or full-width), '@'
 * and ':' — about twice as fast as eight separate regular expressions that only check shapes
 * (bench:control) — and looks at the token there: digit runs (ID cards, mobiles, bank cards, IPv4, all-digit
 * USCCs), letter–digit tokens (USCCs, passports), '@' (emails), ':' (IPv6). A number written in
 * groups (110105 19491231 002X, 138.1234.5678, 6222 0212 3456 7890 128) is read as one number when
 * its groups have one of the shapes in number-groupings.ts. Each number is judged once, as one
 * thing, so a valid ID number is never also a bank card, and a mobile inside a longer run is not a
 * mobile. Offsets are into the original text; full-width digits and letters are read as ASCII. Classification markings are dictionary terms: the scanner puts them
 * into its keyword automaton and asks `classificationConfidence` how much each occurrence looks
 * like a marking.
 *
 * Confidence: a base per detector for a valid find, raised when a context word (身份证, 银行卡 …)
 * is within `CONTEXT_CHARS` before or after. The numbers reflect how often a valid-looking find
 * is the real thing in business chat:
 *
 * | detector         | base                                                  | with context |
 * |------------------|-------------------------------------------------------|--------------|
 * | `cn_id_card`     | 0.85 (date, region and check character all valid, bare or in groups); | 0.99 |
 * |                  | 15-digit first generation (no check character): 0.4, 0.5 written 6-6-3 |    |
 * | `cn_mobile`      | 0.6 bare 11 digits; 0.75 written 3-4-4 or 7-4; 0.85 with +86 | 0.95  |
 * | `bank_card`      | 0.5 Luhn-valid with an issuer of its length; 0.6 in groups  | 0.9     |
 * | `uscc`           | 0.8 (0.5 when all digits, as order numbers can be)    | 0.98         |
 * | `passport`       | 0.4 Chinese format (E12345678); 0.3 generic (AB1234567) | 0.9 / 0.85 |
 * | `email`          | 0.9                                                   | 0.99         |
 * | `ip_address`     | 0.7 IPv4; 0.8 IPv6                                    | 0.95         |
 * | `classification` | see `classificationConfidence`: 0.95 bracketed 【机密】 … 0.2 "secret" mid-sentence | 0.9 |
 */

export interface BuiltInMatch {
  detector: BuiltInDetector;
  start: number;
  end: number;
  confidence: number;
}

export interface BuiltInDefinition {
  /** What it finds, for people. */
  description: string;
  /** Confidence with a context word near (the bases are in the table above). */
  withContext: number;
  /** Lower-case; ASCII words must stand alone ("tel" is not in "hotel"), Chinese anywhere. */
  contextWords: readonly string[];
}

/** How far around a find (in UTF-16 units) context words count. */
export const CONTEXT_CHARS = 24;

export const BUILT_IN_DEFINITIONS = {
  cn_id_card: {
    description:
      '居民身份证号码 (18 digits or 17 + X: region, birth date and check character validated; the old 15 digits: region and birth date; also written in groups)',
    withContext: 0.99,
    contextWords: [
      '身份证',
      '证件号',
      '身份证号',
      '公民身份',
      '证件号码',
      'id card',
      'id no',
      'id number',
      'identity',
    ],
  },
  cn_mobile: {
    description:
      'mainland mobile number (1[3-9] + 9 digits, optionally +86/0086, optionally written 3-4-4 or 7-4)',
    withContext: 0.95,
    contextWords: [
      '手机',
      '电话',
      '联系方式',
      '手机号',
      '联系电话',
      '微信',
      'mobile',
      'tel',
      'phone',
      'cell',
    ],
  },
  bank_card: {
    description:
      'bank card number (Luhn-valid: 16–19 digits with a card issuer prefix, 15-digit Amex, 14-digit Diners; also in groups of four or six)',
    withContext: 0.9,
    contextWords: [
      '银行卡',
      '卡号',
      '账号',
      '帐号',
      '账户',
      '帐户',
      '开户行',
      '信用卡',
      '借记卡',
      '储蓄卡',
      'account',
      'card',
      'iban',
    ],
  },
  uscc: {
    description: '统一社会信用代码 (GB 32100-2015, check character validated; also written in groups)',
    withContext: 0.98,
    contextWords: ['统一社会信用代码', '信用代码', '社会信用', '营业执照', '税号', 'uscc', 'credit code'],
  },
  passport: {
    description:
      'passport number (Chinese E/G/D/S/P + 8 digits, E + letter + 7 digits; 1–2 letters + 7–8 digits)',
    withContext: 0.85,
    contextWords: ['护照', 'passport'],
  },
  email: {
    description: 'email address',
    withContext: 0.99,
    contextWords: ['邮箱', '邮件', '电邮', 'email', 'e-mail', 'mail'],
  },
  ip_address: {
    description: 'IPv4 (each part ≤ 255) or IPv6 address',
    withContext: 0.95,
    contextWords: ['ip', '服务器', '地址', '主机', '网关', 'server', 'host', 'gateway'],
  },
  classification: {
    description:
      'classification marking (绝密, 机密, 秘密, 内部资料, 商业秘密, CONFIDENTIAL, SECRET, INTERNAL ONLY …)',
    withContext: 0.9,
    contextWords: ['密级', '保密级别', '标密', 'classification', 'classified'],
  },
} as const satisfies Record<BuiltInDetector, BuiltInDefinition>;

// --- classification markings ------------------------------------------------------------------

/**
 * Markings, found case-insensitively on word boundaries. "Weak" ones are also everyday words
 * (秘密 "a secret", SECRET, RESTRICTED), so they need their position to count for much.
 */
export const CLASSIFICATION_MARKINGS: readonly { term: string; weak: boolean }[] = [
  ...[
    '绝密',
    '机密',
    '商业秘密',
    '商业机密',
    '内部资料',
    '内部文件',
    '内部使用',
    '仅限内部',
    '仅供内部使用',
    '严格保密',
  ].map((term) => ({ term, weak: false })),
  ...['CONFIDENTIAL', 'STRICTLY CONFIDENTIAL', 'TOP SECRET', 'INTERNAL ONLY', 'INTERNAL USE ONLY'].map(
    (term) => ({
      term,
      weak: false,
    }),
  ),
  ...['秘密', 'SECRET', 'RESTRICTED'].map((term) => ({ term, weak: true })),
];

const OPENING = '【[(（「『《〔〈<';
const CLOSING = '】])）」』》〕〉>★';

/**
 * How much an occurrence of a marking looks like a marking rather than a word in a sentence:
 * in brackets (【机密】, [机密], (机密), 机密★) 0.95; after 密级/classification 0.9; at the start of
 * the text or a line 0.85 (weak terms 0.7); in capitals within English 0.6 (0.4); a Chinese term
 * within a sentence 0.5 (0.3); a lower-case English word within a sentence 0.4 (0.2). Returns 0
 * for a term that is part of a longer word (机密性, "confidentiality").
 */
export function classificationConfidence(text: string, start: number, end: number, weak: boolean): number {
  if (text.charCodeAt(end) === 0x6027 /* 性 */) return 0;
  let b = start - 1;
  while (b >= 0 && (text[b] === ' ' || text[b] === '\t' || text[b] === '\u3000')) b--;
  let a = end;
  while (a < text.length && (text[a] === ' ' || text[a] === '\t' || text[a] === '\u3000')) a++;
  const before = b >= 0 ? text[b]! : '';
  const after = a < text.length ? text[a]! : '';
  if ((before !== '' && OPENING.includes(before) && after !== '' && CLOSING.includes(after)) || after === '★')
    return 0.95;
  if (hasContext(text, start, end, BUILT_IN_DEFINITIONS.classification.contextWords))
    return BUILT_IN_DEFINITIONS.classification.withContext;
  if (before === '' || before === '\n' || before === '\r') return weak ? 0.7 : 0.85;
  const written = text.slice(start, end);
  if (/^[\x20-\x7e]+$/.test(written)) {
    if (written === written.toUpperCase()) return weak ? 0.4 : 0.6;
    return weak ? 0.2 : 0.4;
  }
  return weak ? 0.3 : 0.5;
}

// --- context words ------------------------------------------------------------------------------

export function hasContext(text: string, start: number, end: number, words: readonly string[]): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT_CHARS), start).toLowerCase();
  const after = text.slice(end, end + CONTEXT_CHARS).toLowerCase();
  return words.some((w) => containsWord(before, w) || containsWord(after, w));
}

function containsWord(haystack: string, word: string): boolean {
  const ascii = word.charCodeAt(0) < 0x80;
  for (let i = haystack.indexOf(word); i >= 0; i = haystack.indexOf(word, i + 1)) {
    if (!ascii) return true;
    const left = i === 0 || !isAsciiAlnum(haystack.charCodeAt(i - 1));
    const right = i + word.length >= haystack.length || !isAsciiAlnum(haystack.charCodeAt(i + word.length));
    if (left && right) return true;
  }
  return false;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// --- the structured pass ------------------------------------------------------------------------

const DIGIT = 1;
const UPPER = 2;
const LOWER = 4;
const AT = 8;
const COLON = 16;
/** ASCII hexadecimal digits (IPv6). */
const HEX = 32;
/** Characters of an email's local part besides letters and digits. */
const LOCAL = 64;
/** Separators between the groups of a written-out number (see SEPARATORS). */
const SEP = 128;
const ALNUM = DIGIT | UPPER | LOWER;

/**
 * What people put between the groups of a written-out number — 110105 19491231 002X,
 * 138-1234-5678, 138.1234.5678, 6222·0212·…, 91350100/M000100Y/43 — in ASCII, full width and the
 * dashes and dots of Chinese and Western typography. Not line breaks or tabs: a column of numbers
 * is not one number.
 */
export const SEPARATORS =
  ' \u00a0\u3000' + // space, no-break space, ideographic (full-width) space
  '-\u2010\u2011\u2012\u2013\u2212\uff0d' + // hyphen-minus, hyphens, figure and en dash, minus, full-width
  '.\uff0e' + // full stop, full-width
  '\u00b7\u30fb\uff65' + // middle dots: Latin, katakana (used in Chinese text), half-width
  '/\uff0f'; // solidus, full-width

const CLASS = new Uint8Array(0x10000);
CLASS.fill(DIGIT, 0x30, 0x3a);
CLASS.fill(UPPER, 0x41, 0x5b);
CLASS.fill(LOWER, 0x61, 0x7b);
CLASS.fill(DIGIT, 0xff10, 0xff1a);
CLASS.fill(UPPER, 0xff21, 0xff3b);
CLASS.fill(LOWER, 0xff41, 0xff5b);
for (const c of '0123456789abcdefABCDEF') CLASS[c.charCodeAt(0)]! |= HEX;
for (const c of '._%+-') CLASS[c.charCodeAt(0)] = LOCAL;
for (const c of SEPARATORS) CLASS[c.charCodeAt(0)]! |= SEP;
CLASS[0x40] = AT;
CLASS[0xff20] = AT; // ＠
CLASS[0x3a] = COLON;

const isDigitAt = (text: string, i: number) => (CLASS[text.charCodeAt(i)]! & DIGIT) !== 0;
/** A decimal point: what it joins is a fraction, a version or an address, never an identifier. */
const isDot = (c: number) => c === 0x2e || c === 0xff0e;

/** The text between start and end with full-width ASCII read as ASCII. */
function ascii(text: string, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    s += String.fromCharCode(c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c);
  }
  return s;
}

const isMobile = (s: string) =>
  s.length === 11 && s[0] === '1' && s.charCodeAt(1) >= 51 && s.charCodeAt(1) <= 57;

/** Groups of one written-out number looked at together; beyond, the next ones start afresh. */
const MAX_GROUPS = 16;

const NONE: BuiltInMatch[] = [];

/**
 * A function that finds the enabled built-in detectors' matches (all but `classification`) in a
 * text, appending them to `out` (in order of position, not sorted).
 *
 * Every token of letters and digits that holds a digit is read with the groups that follow it
 * (a separator, then another such token: see SEPARATORS) as one written-out number. Its groups are
 * judged in one of the GROUPINGS when they are joined by one kind of separator and the number does
 * not go on with that separator on either side (订单 12-138-1234-5678 holds no mobile); otherwise
 * each group on its own, as if alone. Groups joined by a decimal point are never judged alone (3.14,
 * v1.2, the parts of an address). Each character is looked at a bounded number of times: the scan
 * stays linear, whatever the text.
 */
export function compileStructured(
  enabled: ReadonlySet<BuiltInDetector>,
): (text: string, out: BuiltInMatch[]) => void {
  const on = {
    id: enabled.has('cn_id_card'),
    mobile: enabled.has('cn_mobile'),
    bank: enabled.has('bank_card'),
    uscc: enabled.has('uscc'),
    passport: enabled.has('passport'),
    email: enabled.has('email'),
    ip: enabled.has('ip_address'),
  };
  const numbersOn = on.id || on.mobile || on.bank || on.uscc;
  const digitsOn = numbersOn || on.ip;
  const tokensOn = digitsOn || on.passport;
  // The text being scanned, set by each call: the helpers below are made once per scanner, not
  // once per message (scanning is synchronous, so they never see two texts at a time).
  let text = '';
  let out = NONE;
  let n = 0;
  // The groups of the number being read: [from, to) and digits of each; sep[g] is the separator
  // before group g, and sep[count] the one after the last group when the number goes on beyond
  // MAX_GROUPS (else 0, as for the first group).
  const from = new Int32Array(MAX_GROUPS);
  const to = new Int32Array(MAX_GROUPS);
  const digits = new Int32Array(MAX_GROUPS);
  const sep = new Uint16Array(MAX_GROUPS + 1);
  let count = 0;
  /** Where a number was cut at MAX_GROUPS (the separator's index) and by what, for its sequel. */
  let cutAt = -1;
  let cutSep = 0;

  const emit = (
    detector: BuiltInDetector,
    start: number,
    end: number,
    base: number,
    withContext: number = BUILT_IN_DEFINITIONS[detector].withContext,
  ) => {
    const near = hasContext(text, start, end, BUILT_IN_DEFINITIONS[detector].contextWords);
    out.push({ detector, start, end, confidence: near ? Math.max(base, withContext) : base });
  };

  /**
   * A candidate number `s` (ASCII) found at [start, end): bare, or joined from groups. Each is
   * judged once, as one thing, so a valid ID number is never also a bank card. Returns whether it
   * was something.
   */
  const judge = (
    s: string,
    start: number,
    end: number,
    digitsOnly: boolean,
    grouped: boolean,
    plusBefore: boolean,
  ): boolean => {
    const len = s.length;
    if (len === 18) {
      if (on.id && isValidCnIdCard(s)) {
        emit('cn_id_card', start, end, 0.85);
        return true;
      }
      if (on.uscc && isValidUscc(s)) {
        emit('uscc', start, end, digitsOnly ? 0.5 : 0.8);
        return true;
      }
    }
    if (!digitsOnly) return false;
    if (len === 15 && on.id && isValidOldCnIdCard(s)) {
      // No check character: weaker than an 18-digit number. An Amex number of the same shape
      // wins when card words are near.
      const card =
        on.bank &&
        isCardNumber(s) &&
        hasContext(text, start, end, BUILT_IN_DEFINITIONS.bank_card.contextWords);
      if (!card) {
        emit('cn_id_card', start, end, grouped ? 0.5 : 0.4);
        return true;
      }
    }
    if (on.mobile) {
      if (isMobile(s)) {
        emit('cn_mobile', start, end, grouped ? 0.75 : 0.6);
        return true;
      }
      if (
        (len === 13 && s.startsWith('86') && isMobile(s.slice(2))) ||
        (len === 15 && s.startsWith('0086') && isMobile(s.slice(4)))
      ) {
        emit('cn_mobile', plusBefore ? start - 1 : start, end, 0.85);
        return true;
      }
    }
    if (on.bank && isCardNumber(s)) {
      emit('bank_card', start, end, grouped ? 0.6 : 0.5);
      return true;
    }
    return false;
  };

  /** One run of digits [start, end) standing alone (its neighbours are not digits). */
  const digitRun = (start: number, end: number, plusBefore: boolean) => {
    // Nothing it finds is shorter than a mobile's 11 digits.
    if (end - start >= 11) judge(ascii(text, start, end), start, end, true, false, plusBefore);
  };

  /** A token of letters and digits [start, end) that has both. */
  const mixedToken = (start: number, end: number) => {
    // Shorter than the shortest passport (1 letter + 7 digits): 10am, Q3, LX-4821's parts.
    if (end - start < 8) return;
    const s = ascii(text, start, end);
    if (s.length === 18) {
      if (on.id && /^\d{17}[Xx]$/.test(s) && isValidCnIdCard(s)) return emit('cn_id_card', start, end, 0.85);
      if (on.uscc && isValidUscc(s)) return emit('uscc', start, end, 0.8);
    }
    if (on.passport) {
      if (/^[EGDSP]\d{8}$/.test(s) || /^E[A-HJ-NP-Z]\d{7}$/.test(s))
        return emit('passport', start, end, 0.4, 0.9);
      if (/^[A-Z]{1,2}\d{7,8}$/.test(s)) return emit('passport', start, end, 0.3);
    }
    if (!numbersOn) return;
    // Digit runs inside: 身份证ID11010519491231002X, Tel13812345678.
    for (let i = start; i < end; ) {
      if (!isDigitAt(text, i)) {
        i++;
        continue;
      }
      let j = i;
      while (j < end && isDigitAt(text, j)) j++;
      if (j - i === 17 && j + 1 === end && (s[j - start] === 'X' || s[j - start] === 'x')) {
        if (on.id && isValidCnIdCard(s.slice(i - start))) emit('cn_id_card', i, end, 0.85);
      } else {
        digitRun(i, j, false);
      }
      i = j;
    }
  };

  const digitCount = (g: number, k: number): number => {
    let d = 0;
    for (let x = g; x < g + k; x++) d += digits[x]!;
    return d;
  };

  /** The groups g … g+k-1 joined, as ASCII. */
  const joined = (g: number, k: number): string => {
    let s = '';
    for (let x = g; x < g + k; x++) s += ascii(text, from[x]!, to[x]!);
    return s;
  };

  /**
   * Whether the groups from g have these lengths, are joined by one kind of separator, and the
   * number does not go on with it after them (nor before them, with `left`).
   */
  const fits = (g: number, lengths: readonly number[], left: boolean): boolean => {
    const k = lengths.length;
    if (g + k > count) return false;
    for (let x = 0; x < k; x++) if (to[g + x]! - from[g + x]! !== lengths[x]) return false;
    // One group has no separator of its own (the 11 digits after +86).
    if (k === 1) return true;
    const by = sep[g + 1]!;
    for (let x = g + 2; x < g + k; x++) if (sep[x] !== by) return false;
    return sep[g + k] !== by && !(left && sep[g] === by);
  };

  /** An IPv4 address of four dotted groups from g; returns 4, or 0. */
  const ipv4At = (g: number): number => {
    if (g + 4 > count || isDot(sep[g]!) || isDot(sep[g + 4]!)) return 0;
    for (let x = g + 1; x < g + 4; x++) if (sep[x] !== 0x2e) return 0;
    if (!isIpv4(ascii(text, from[g]!, to[g + 3]!))) return 0;
    emit('ip_address', from[g]!, to[g + 3]!, 0.7);
    return 4;
  };

  /** A number in one of the GROUPINGS from g (or a mobile after a country code); returns its groups. */
  const numberAt = (g: number): number => {
    const first = to[g]! - from[g]!;
    if (on.mobile && (first === 2 || first === 4) && g + 1 < count) {
      const code = ascii(text, from[g]!, to[g]!);
      if (code === '86' || code === '0086') {
        // +86 138 1234 5678, 0086-13812345678: the country code may be set off differently.
        for (const lengths of MOBILE_GROUPINGS) {
          if (!fits(g + 1, lengths, false)) continue;
          const k = lengths.length;
          if (digitCount(g + 1, k) !== 11) continue;
          const s = joined(g + 1, k);
          if (!isMobile(s)) continue;
          const start = text[from[g]! - 1] === '+' ? from[g]! - 1 : from[g]!;
          emit('cn_mobile', start, to[g + k]!, 0.85);
          return 1 + k;
        }
      }
    }
    const k = groupedAt(g, first);
    if (k > 0 || g !== 0 || digits[0] === first) return k;
    // Letters glued before the first group (ID110105 19491231 002X, Tel138 1234 5678): read the
    // digits at its end as the first group.
    let d = to[0]!;
    while (d > from[0]! && isDigitAt(text, d - 1)) d--;
    if (d === to[0]) return 0;
    const [wholeFrom, wholeSep] = [from[0]!, sep[0]!];
    from[0] = d;
    sep[0] = 0;
    const found = groupedAt(0, to[0]! - d);
    if (found === 0) {
      from[0] = wholeFrom;
      sep[0] = wholeSep;
    }
    return found;
  };

  const groupedAt = (g: number, first: number): number => {
    const candidates = GROUPINGS_BY_FIRST[first];
    if (!candidates) return 0;
    for (const lengths of candidates) {
      if (!fits(g, lengths, true)) continue;
      const k = lengths.length;
      const s = joined(g, k);
      if (judge(s, from[g]!, to[g + k - 1]!, digitCount(g, k) === s.length, true, false)) return k;
    }
    return 0;
  };

  /** Group g on its own. */
  const single = (g: number) => {
    if (isDot(sep[g]!) || isDot(sep[g + 1]!)) return;
    if (digits[g] !== to[g]! - from[g]!) mixedToken(from[g]!, to[g]!);
    else if (numbersOn) digitRun(from[g]!, to[g]!, g === 0 && text[from[g]! - 1] === '+');
  };

  /**
   * The written-out number that starts with the token [start, end) (of which `letters` are not
   * digits). Returns where its last group ends.
   */
  const number = (start: number, end: number, letters: number): number => {
    from[0] = start;
    to[0] = end;
    digits[0] = end - start - letters;
    sep[0] = start === cutAt + 1 ? cutSep : 0;
    count = 1;
    let total = end - start;
    let after = 0;
    for (let e = end; e + 1 < n; ) {
      const s = text.charCodeAt(e);
      if (!(CLASS[s]! & SEP) || !(CLASS[text.charCodeAt(e + 1)]! & ALNUM)) break;
      let f = e + 1;
      let d = 0;
      for (; f < n; f++) {
        const c = CLASS[text.charCodeAt(f)]!;
        if (!(c & ALNUM)) break;
        if (c & DIGIT) d++;
      }
      // A word after a number (ID 110105 19491231 002X is valid) ends it.
      if (d === 0) break;
      if (count === MAX_GROUPS) {
        after = s;
        cutAt = e;
        cutSep = s;
        break;
      }
      sep[count] = s;
      from[count] = e + 1;
      to[count] = f;
      digits[count] = d;
      count++;
      total += f - e - 1;
      e = f;
    }
    sep[count] = after;
    // Nothing a grouping gives is shorter than a mobile's 11 characters.
    const grouped = numbersOn && count > 1 && total >= 11;
    for (let g = 0; g < count; ) {
      const k = (on.ip && count >= 4 ? ipv4At(g) : 0) || (grouped ? numberAt(g) : 0);
      if (k > 0) g += k;
      else single(g++);
    }
    return to[count - 1]!;
  };

  const email = (at: number) => {
    let a = at;
    while (a > 0 && at - a <= 64 && CLASS[text.charCodeAt(a - 1)]! & (ALNUM | LOCAL)) a--;
    if (at - a > 64) return;
    while (a < at && !(CLASS[text.charCodeAt(a)]! & ALNUM)) a++;
    if (a === at || text[at - 1] === '.') return;
    let e = at + 1;
    let labelStart = e;
    let lastDot = -1;
    while (e < n) {
      const c = text.charCodeAt(e);
      if (c < 0x80 && (CLASS[c]! & ALNUM || c === 0x2d)) e++;
      else if (c === 0x2e && e > labelStart && e + 1 < n && CLASS[text.charCodeAt(e + 1)]! & ALNUM) {
        lastDot = e++;
        labelStart = e;
      } else break;
    }
    if (lastDot < 0 || e - at > 254 || !/^[A-Za-z]{2,}$/.test(text.slice(lastDot + 1, e))) return;
    emit('email', a, e, 0.9);
  };

  /** At a ':'; returns the end of the run of address characters around it. */
  const ipv6 = (colon: number): number => {
    let a = colon;
    while (a > 0 && colon - a < 40 && CLASS[text.charCodeAt(a - 1)]! & (HEX | COLON)) a--;
    let b = colon;
    while (b < n && b - colon < 46 && (CLASS[text.charCodeAt(b)]! & (HEX | COLON) || text[b] === '.')) b++;
    while (b > colon && text[b - 1] === '.') b--;
    if (b - a < 4) return b;
    const bounded =
      (a === 0 || !(CLASS[text.charCodeAt(a - 1)]! & ALNUM)) &&
      (b === n || !(CLASS[text.charCodeAt(b)]! & ALNUM));
    if (bounded && isIpv6(text.slice(a, b))) emit('ip_address', a, b, 0.8);
    return b;
  };

  // Everything starts at a digit, an '@' or a ':'.
  const triggers = (tokensOn ? DIGIT : 0) | (on.email ? AT : 0) | (on.ip ? COLON : 0);

  return (input, into) => {
    if (triggers === 0) return;
    text = input;
    out = into;
    n = text.length;
    const first = out.length;
    cutAt = -1;
    /** Text before this has been looked at. */
    let done = 0;
    let colonsDone = 0;
    for (let at = 0; at < n; at++) {
      const c = text.charCodeAt(at);
      // Every trigger is ASCII or full-width (０-９, ＠): Chinese text never touches the table.
      if (c >= 0x80 && (c < 0xff10 || c > 0xff20)) continue;
      const k = CLASS[c]! & triggers;
      if (k === 0) continue;
      if (k & DIGIT) {
        // The token of letters and digits around the first digit; what precedes it are letters.
        let i = at;
        while (i > done && CLASS[text.charCodeAt(i - 1)]! & ALNUM) i--;
        let letters = at - i;
        let j = at + 1;
        while (j < n) {
          const c = CLASS[text.charCodeAt(j)]!;
          if (!(c & ALNUM)) break;
          if (!(c & DIGIT)) letters++;
          j++;
        }
        done = number(i, j, letters);
        at = done - 1;
      } else if (k & AT) {
        email(at);
      } else if (at >= colonsDone) {
        colonsDone = ipv6(at);
      }
    }
    if (out.length > first) dropInsideAddresses(out, first);
    text = '';
    out = NONE;
  };
}

/**
 * A number inside an email address (13812345678@163.com) or an IPv6 address is part of that
 * address, not a find of its own.
 */
function dropInsideAddresses(out: BuiltInMatch[], first: number): void {
  const addresses = out.filter(
    (m, k) => k >= first && (m.detector === 'email' || m.detector === 'ip_address'),
  );
  if (addresses.length === 0) return;
  let w = first;
  for (let k = first; k < out.length; k++) {
    const m = out[k]!;
    const inside = addresses.some((a) => a.detector !== m.detector && a.start <= m.start && m.end <= a.end);
    if (!inside) out[w++] = m;
  }
  out.length = w;
}

export function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return (
    parts.length === 4 &&
    parts.every(
      (p) =>
        p.length >= 1 && p.length <= 3 && /^\d+$/.test(p) && (p === '0' || p[0] !== '0') && Number(p) <= 255,
    )
  );
}

export function isIpv6(s: string): boolean {
  const double = s.indexOf('::');
  if (double !== s.lastIndexOf('::')) return false;
  const split = (x: string) => (x === '' ? [] : x.split(':'));
  const parts = double >= 0 ? [...split(s.slice(0, double)), ...split(s.slice(double + 2))] : split(s);
  let groups = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (k === parts.length - 1 && p.includes('.')) {
      if (!isIpv4(p)) return false;
      groups += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) groups++;
    else return false;
  }
  // "::1" and "a::" alone are too short to tell from other text; a full address has 8 groups.
  return double >= 0 ? groups <= 7 && parts.length >= 2 : groups === 8;
}
