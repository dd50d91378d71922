/**
 * Chinese-aware text for full-text search, the same analysis at write time and at query time.
 *
 * Chat users expect any run of characters they type to find the messages containing it, the way a
 * find-in-page does. A word segmenter cannot give that: Intl.Segmenter('zh') cuts 财务审计 into
 * 财务 | 审计, so 务审 (a substring across the cut) or 审 alone would never match a word, and it
 * cuts a phrase differently alone and inside a sentence (发布会 alone, 发布 | 会 in context). So
 * Han text is indexed by position, whatever the segmenter thinks: every adjacent pair of
 * characters (bigram) of every run of Han characters, and the run's last character. A query's Han
 * run is the phrase of its overlapping bigrams — adjacency is enforced by the index (FTS5 phrases,
 * tsquery `<->`), so 财务审计 contains 务审 but 审计…财务 does not match 财务审计 — and a single
 * character is found as the start of a bigram or the end of a run (fts-encoding.ts).
 *
 * The segmenter still gives the words: non-Han words (English, digits, kana…) are matched as words
 * (Latin ones as prefixes: meet → meeting), and Han words of two or more characters are kept only
 * to rank a hit where the query is a whole word (合同 in 场地合同) above one across a word boundary
 * (合同 in 配合同事).
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/**
 * Han characters that are letters or numbers. Radicals and strokes (⺀, ㇀) are Han symbols, which
 * both full-text tokenizers treat as separators, so they are not part of a run.
 */
const HAN = /[\p{Script=Han}&&[\p{L}\p{N}]]/v;
const HAN_RUN = /[\p{Script=Han}&&[\p{L}\p{N}]]+/gv;
/** What counts as a searchable word after segmentation: letters or digits of any script. */
const WORDLIKE = /[\p{L}\p{N}]/u;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
/**
 * A word is stored at most this long (code points): PostgreSQL refuses a lexeme over 2,046 bytes,
 * and a query (200 characters at most) can only ever look for its beginning.
 */
const WORD_MAX = 200;
/** At most this many terms are taken from a query (each is one more list for the index to join). */
const QUERY_TERMS_MAX = 12;

/** A run of Han characters in a text. */
export interface HanRun {
  /** The code-point offset of its first character in the text. */
  at: number;
  /** Its characters (code points). */
  chars: string[];
}

/** What the index holds for a text (see fts-encoding.ts for how each database stores it). */
export interface AnalysedText {
  /** Non-Han words, and Han words of two or more characters (for ranking), lower case, once each. */
  words: string[];
  /** Every Han run, in order. */
  han: HanRun[];
  /** The text's length in code points. */
  length: number;
}

export type QueryTerm =
  /** A run of Han characters: found as a substring, wherever the segmenter cut the text. */
  | { kind: 'han'; word: string; chars: string[] }
  /** Any other word, lower case; Latin words match as prefixes (meet → meeting). */
  | { kind: 'word'; word: string; prefix: boolean };

/** The letter-and-digit pieces of a segmenter's word (the index never sees query syntax). */
function pieces(segment: string): string[] {
  return segment.split(NOT_WORD).filter((p) => p !== '');
}

function cap(word: string): string {
  return word.length <= WORD_MAX ? word : [...word].slice(0, WORD_MAX).join('');
}

/** The words of a text that contains no Han characters. */
function plainWords(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) {
    if (s.isWordLike || WORDLIKE.test(s.segment)) out.push(...pieces(s.segment));
  }
  return out;
}

export function analyse(text: string): AnalysedText {
  const lower = text.toLowerCase();
  const words = new Set<string>();
  for (const s of segmenter.segment(lower)) {
    if (!s.isWordLike && !WORDLIKE.test(s.segment)) continue;
    for (const piece of pieces(s.segment)) {
      if (!HAN.test(piece)) {
        words.add(cap(piece));
        continue;
      }
      // A segmenter word may mix Han with other letters (Japanese 取り消し): its Han part is
      // indexed by position below; the rest is indexed as words, as a query would split it.
      const nonHan = piece.split(HAN_RUN).filter((p) => p !== '');
      if (nonHan.length === 0 && [...piece].length >= 2) words.add(cap(piece));
      for (const p of nonHan) words.add(cap(p));
    }
  }
  const han: HanRun[] = [];
  let at = 0;
  let last = 0;
  for (const m of lower.matchAll(HAN_RUN)) {
    at += [...lower.slice(last, m.index)].length;
    const chars = [...m[0]];
    han.push({ at, chars });
    at += chars.length;
    last = m.index + m[0].length;
  }
  return { words: [...words], han, length: at + [...lower.slice(last)].length };
}

/** A user's query as terms that must all match: its Han runs and its other words, in order. */
export function queryTerms(q: string): QueryTerm[] {
  const lower = q.toLowerCase();
  const out: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (term: QueryTerm) => {
    const key = `${term.kind}:${term.word}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(term);
  };
  const addWords = (text: string) => {
    for (const word of plainWords(text)) {
      add({
        kind: 'word',
        word,
        prefix: /^[\p{L}\p{N}]{2,}$/u.test(word) && /[a-z]/.test(word),
      });
    }
  };
  let last = 0;
  for (const m of lower.matchAll(HAN_RUN)) {
    addWords(lower.slice(last, m.index));
    add({ kind: 'han', word: m[0], chars: [...m[0]] });
    last = m.index + m[0].length;
  }
  addWords(lower.slice(last));
  return out.slice(0, QUERY_TERMS_MAX);
}

/** The overlapping character pairs of a Han run. */
export function bigrams(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * Where the terms occur in `text`, as [start, end) ranges, and a snippet window around the first:
 * what the result list highlights.
 */
export function highlight(
  text: string,
  terms: readonly QueryTerm[],
  width = 120,
): { snippet: string; highlights: [number, number][] } {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const t of terms) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(t.word, from);
      if (at < 0) break;
      ranges.push([at, at + t.word.length]);
      from = at + t.word.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const first = merged[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(width / 3), text.length - width));
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const snippet = prefix + text.slice(start, end) + suffix;
  const highlights = merged
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as [number, number]);
  return { snippet, highlights };
}
