/**
 * Chinese-aware text for full-text search. Chinese has no spaces between words, so text is split
 * with ICU's dictionary-based word segmenter (Intl.Segmenter) at write time and at query time,
 * and the pieces are stored space-separated for FTS5 / tsvector to index as ordinary words.
 *
 * The segmenter does not always cut a phrase the same way alone as inside a sentence (张伟 alone
 * may be one word, 张 + 伟 in context). So every run of Han characters is also indexed as
 * overlapping character pairs (bigrams), and a query word matches either itself or all of its
 * bigrams: a two-character word inside an unspaced sentence is always found.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
/** What counts as a searchable word after segmentation: letters or digits of any script. */
const WORDLIKE = /[\p{L}\p{N}]/u;

export interface QueryTerm {
  /** The word as the segmenter cut it (lower case). */
  word: string;
  /** For Han words of two or more characters: its bigrams, any match of all of which also counts. */
  bigrams: string[] | null;
  /** Latin words match as prefixes (meet → meeting). */
  prefix: boolean;
}

function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.toLowerCase())) {
    if (!s.isWordLike && !WORDLIKE.test(s.segment)) continue;
    // Keep only letters and digits, so the index never sees query syntax.
    for (const piece of s.segment.split(/[^\p{L}\p{N}]+/u)) if (piece) out.push(piece);
  }
  return out;
}

function bigramsOf(han: string): string[] {
  const chars = [...han];
  if (chars.length < 2) return [];
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The space-separated terms to index for a text: its words, plus bigrams of its Han runs. */
export function indexTerms(text: string): string {
  const terms = words(text);
  for (const run of text.match(HAN_RUN) ?? []) terms.push(...bigramsOf(run));
  return [...new Set(terms)].join(' ');
}

/** A user's query as terms that must all match. */
export function queryTerms(q: string): QueryTerm[] {
  const seen = new Set<string>();
  const out: QueryTerm[] = [];
  for (const word of words(q)) {
    if (seen.has(word)) continue;
    seen.add(word);
    const han = HAN.test(word);
    out.push({
      word,
      bigrams: han && [...word].length >= 2 ? bigramsOf(word) : null,
      prefix: !han && /^[\p{L}\p{N}]{2,}$/u.test(word) && /[a-z]/.test(word),
    });
  }
  return out.slice(0, 12);
}

/** An FTS5 MATCH expression for the terms (every term required). */
export function fts5Query(terms: readonly QueryTerm[]): string {
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return terms
    .map((t) => {
      const word = t.prefix ? `${quote(t.word)}*` : quote(t.word);
      if (!t.bigrams || t.bigrams.length <= 1) return word;
      return `(${word} OR (${t.bigrams.map(quote).join(' AND ')}))`;
    })
    .join(' AND ');
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
    for (const needle of [t.word]) {
      let from = 0;
      for (;;) {
        const at = lower.indexOf(needle, from);
        if (at < 0) break;
        ranges.push([at, at + needle.length]);
        from = at + needle.length;
      }
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
