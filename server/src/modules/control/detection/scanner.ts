import { type BuiltInDetector, KEYWORDS_MAX } from '@liaison/contracts';
import {
  type BuiltInMatch,
  CLASSIFICATION_MARKINGS,
  classificationConfidence,
  compileStructured,
  SEPARATORS,
} from './builtin-detectors.ts';
import {
  buildKeywordAutomaton,
  foldString,
  type KeywordAutomaton,
  type KeywordEntry,
} from './keyword-automaton.ts';
import { checkCustomRegex } from './regex-safety.ts';

/**
 * The content-detection entry point of communication control: `compileScanner` once per change
 * of policies or detectors, `scan` for every message.
 *
 * One scan is one pass of the keyword automaton (every custom dictionary and label list and the
 * classification markings, merged), one pass of the structured built-ins (builtin-detectors.ts),
 * and one run per custom regex. Matches of one detector do not overlap: of overlapping ones the
 * leftmost, then longest, is kept (商业机密 rather than 机密 inside it), so counts are counts of
 * places in the text. Different detectors may overlap.
 */

export interface CustomDetectorSpec {
  id: string;
  name: string;
  type: 'keywords' | 'label' | 'regex';
  terms: readonly string[];
  pattern: string | null;
  caseSensitive: boolean;
}

export interface DetectionMatch {
  /** A BuiltInDetector key or a custom detector's id. */
  detector: string;
  /** UTF-16 offsets into the scanned text, end exclusive. */
  start: number;
  end: number;
  /** 0–1; custom detectors always 1. */
  confidence: number;
}

export interface Scanner {
  /** Matches sorted by start (then longest first). */
  scan(text: string): DetectionMatch[];
  /**
   * Custom detectors left out because they are not valid (stored before a rule tightened, say);
   * `validateCustomDetector` keeps new ones from getting here.
   */
  readonly skipped: readonly { id: string; message: string }[];
}

/** Per custom regex and text: matches beyond this are not reported (the count is enough). */
export const MAX_REGEX_MATCHES = 1000;
export const LABELS_MAX = 200;

/**
 * Trimmed, without empty entries and duplicates. Duplicates (after case folding, unless the
 * detector is case-sensitive) are merged rather than refused: an imported word list often has them.
 */
export function normalizeTerms(terms: readonly string[], caseSensitive: boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.trim();
    if (term === '') continue;
    const key = caseSensitive ? term : foldString(term);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}

type Prepared =
  | { ok: true; regex: RegExp; terms: null }
  | { ok: true; regex: null; terms: string[] }
  | { ok: false; message: string };

/** What a custom detector contributes to a scanner, or why it cannot. */
function prepare(spec: Omit<CustomDetectorSpec, 'id'>): Prepared {
  switch (spec.type) {
    case 'keywords':
    case 'label': {
      const terms = normalizeTerms(spec.terms, spec.caseSensitive);
      const what = spec.type === 'keywords' ? 'keyword' : 'label';
      if (terms.length === 0) return { ok: false, message: `Add at least one ${what}.` };
      const max = spec.type === 'keywords' ? KEYWORDS_MAX : LABELS_MAX;
      if (terms.length > max)
        return { ok: false, message: `At most ${max} ${what}s (${terms.length} given).` };
      return { ok: true, regex: null, terms };
    }
    case 'regex': {
      const check = checkCustomRegex(spec.pattern ?? '', spec.caseSensitive);
      return check.ok ? { ok: true, regex: check.regex, terms: null } : { ok: false, message: check.message };
    }
    default:
      return { ok: false, message: `Unknown detector type "${String(spec.type)}".` };
  }
}

export function validateCustomDetector(
  spec: Omit<CustomDetectorSpec, 'id'>,
): { ok: true } | { ok: false; message: string } {
  if (spec.name.trim() === '') return { ok: false, message: 'The detector needs a name.' };
  const prepared = prepare(spec);
  return prepared.ok ? { ok: true } : { ok: false, message: prepared.message };
}

const NO_MATCHES: DetectionMatch[] = [];

interface Owner {
  detector: string;
  /** For classification markings: weak or strong; null for custom dictionaries. */
  weak: boolean | null;
}

export function compileScanner(options: {
  builtIns: readonly BuiltInDetector[];
  custom: readonly CustomDetectorSpec[];
}): Scanner {
  const enabled = new Set(options.builtIns);
  const owners: Owner[] = [];
  const entries: KeywordEntry[] = [];
  if (enabled.has('classification')) {
    for (const { term, weak } of CLASSIFICATION_MARKINGS) {
      entries.push({ term, owner: owners.length });
      owners.push({ detector: 'classification', weak });
    }
  }
  const regexes: { id: string; regex: RegExp }[] = [];
  const skipped: { id: string; message: string }[] = [];
  for (const spec of options.custom) {
    const prepared = prepare(spec);
    if (!prepared.ok) skipped.push({ id: spec.id, message: prepared.message });
    else if (prepared.regex) regexes.push({ id: spec.id, regex: prepared.regex });
    else {
      const owner = owners.length;
      owners.push({ detector: spec.id, weak: null });
      for (const term of prepared.terms) entries.push({ term, owner, caseSensitive: spec.caseSensitive });
    }
  }
  const automaton: KeywordAutomaton | null = entries.length > 0 ? buildKeywordAutomaton(entries) : null;
  const structured = [...enabled].some((d) => d !== 'classification') ? compileStructured(enabled) : null;

  // The text being scanned, for the automaton's callback (made once, not per message).
  let text = '';
  let found = NO_MATCHES;
  const onKeyword = (owner: number, start: number, end: number) => {
    const o = owners[owner]!;
    if (o.weak === null) {
      found.push({ detector: o.detector, start, end, confidence: 1 });
      return;
    }
    const confidence = classificationConfidence(text, start, end, o.weak);
    if (confidence > 0) found.push({ detector: 'classification', start, end, confidence });
  };

  function scan(input: string): DetectionMatch[] {
    text = input;
    found = [];
    automaton?.scan(text, onKeyword);
    structured?.(text, found as BuiltInMatch[]);
    for (const { id, regex } of regexes) {
      regex.lastIndex = 0;
      for (let count = 0; count < MAX_REGEX_MATCHES; ) {
        const m = regex.exec(text);
        if (m === null) break;
        if (m[0].length === 0) {
          regex.lastIndex = m.index + 1;
          continue;
        }
        found.push({ detector: id, start: m.index, end: m.index + m[0].length, confidence: 1 });
        count++;
      }
    }
    const result = found;
    text = '';
    found = NO_MATCHES;
    return result.length < 2 ? result : withoutOverlaps(result);
  }

  return { scan, skipped };
}

/** Sorted by start, longest first; of one detector's overlapping matches only the first kept. */
function withoutOverlaps(found: DetectionMatch[]): DetectionMatch[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end || (a.detector < b.detector ? -1 : 1));
  const reach = new Map<string, number>();
  return found.filter((m) => {
    if ((reach.get(m.detector) ?? -1) > m.start) return false;
    reach.set(m.detector, m.end);
    return true;
  });
}

// --- redaction ----------------------------------------------------------------------------------

const NUMBERS = new Set(['cn_id_card', 'cn_mobile', 'bank_card', 'uscc', 'passport']);

/**
 * The text with every matched span masked; overlapping spans are merged first.
 * - numbers (ID cards, mobiles, bank cards, USCCs, passports, or any span of at least eight
 *   digits written with separators only): of 11 or more letters or digits the first 3 and last
 *   4 stay, of shorter ones the first and the last 2; the others become '*', separators stay —
 *   110***********002X, 110*** ******** 002X, 138-****-5678, E******78. A number written in
 *   groups is one span, so every group is masked, not only the first;
 * - emails: the first character and the domain stay — z********@example.com (a one-letter name
 *   is masked whole);
 * - everything else: one '*' per character.
 */
export function redact(
  text: string,
  matches: readonly { start: number; end: number; detector: string }[],
): string {
  const spans = matches
    .map((m) => ({ start: Math.max(0, m.start), end: Math.min(text.length, m.end), detectors: [m.detector] }))
    .filter((m) => m.start < m.end)
    .sort((a, b) => a.start - b.start);
  const merged: typeof spans = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      last.detectors.push(...span.detectors);
    } else merged.push({ ...span, detectors: [...span.detectors] });
  }
  let out = '';
  let at = 0;
  for (const { start, end, detectors } of merged) {
    out += text.slice(at, start);
    const part = text.slice(start, end);
    if (detectors.every((d) => d === 'email') && /[^@＠][@＠]/.test(part)) out += maskEmail(part);
    else if (detectors.every((d) => NUMBERS.has(d)) || WRITTEN_NUMBER.test(part)) out += maskNumber(part);
    else for (const _ of part) out += '*';
    at = end;
  }
  return out + text.slice(at);
}

/** Any span of at least eight digits written with separators only (a custom regex's find, say). */
const SEPARATOR_CLASS = SEPARATORS.replace(/[-\\\]^]/g, '\\$&');
const WRITTEN_NUMBER = new RegExp(
  `^(?=(?:[^\\d\\uff10-\\uff19]*[\\d\\uff10-\\uff19]){8})[\\d\\uff10-\\uff19\\s+()${SEPARATOR_CLASS}]+$`,
);
const COUNTRY_CODE = new RegExp(`^(?:\\+86|0086|\\(\\+86\\))[\\s${SEPARATOR_CLASS}]?`);

function maskNumber(part: string): string {
  // A country code in front stays as written: +86 138****5678.
  const country = COUNTRY_CODE.exec(part)?.[0] ?? '';
  if (country) return country + maskNumber(part.slice(country.length));
  const alnum = (c: string) => /[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/.test(c);
  const total = [...part].filter(alnum).length;
  // Long numbers keep 3 + 4 (the way Chinese services show a mobile or card); shorter ones such as
  // a passport number keep only 1 + 2, so most of the value is hidden whatever its length.
  const [head, tail] = total >= 11 ? [3, 4] : total >= 6 ? [1, 2] : [0, 0];
  let seen = 0;
  let out = '';
  for (const c of part) {
    if (!alnum(c)) {
      out += c;
      continue;
    }
    seen++;
    out += seen <= head || seen > total - tail ? c : '*';
  }
  return out;
}

function maskEmail(part: string): string {
  const at = Math.max(part.lastIndexOf('@'), part.lastIndexOf('＠'));
  const local = [...part.slice(0, at)];
  // A one-letter name would show whole: then it is masked too.
  if (local.length === 1) return `*${part.slice(at)}`;
  return local[0] + '*'.repeat(local.length - 1) + part.slice(at);
}
