import { type AnalysedText, bigrams, type QueryTerm } from './segment.ts';

/**
 * How analysed text (segment.ts) is written for each database's full-text engine, and how a
 * query is written to match it. Both hold, for every run of Han characters, its overlapping bigrams
 * in sequence and its last character, and both enforce the same rules:
 *  - a query run of n ≥ 3 characters is the phrase of its n − 1 bigrams: it matches only where
 *    they stand next to each other in one run of the text (财务审计 is not 审计…财务 nor 财务，审计);
 *  - two characters are one bigram (which may also be a whole word);
 *  - one character is a prefix: any bigram it starts, or a run it ends. That finds every
 *    occurrence without indexing each character on its own, which would make each message's
 *    index half as large again (wider rows to read for every hit of a common word).
 */

// --- SQLite FTS5 ------------------------------------------------------------------------------

/** The FTS5 table's indexed columns for a text. */
export interface Fts5Columns {
  /** Non-Han words and Han words, space-separated. */
  words: string;
  /**
   * For each Han run, in order: its bigrams in sequence, then its last character. FTS5 positions
   * have no gaps, so that character also keeps one run's last bigram from standing next to the
   * next run's first: 财务，审计 must not give the phrase 财务 务审.
   */
  grams: string;
}

export function fts5Columns(text: AnalysedText): Fts5Columns {
  const grams: string[] = [];
  for (const run of text.han) grams.push(...bigrams(run.chars), run.chars.at(-1)!);
  return { words: text.words.join(' '), grams: grams.join(' ') };
}

/**
 * An FTS5 MATCH expression requiring every term. The table's `rank` (set by migration 0009) counts
 * a hit in `words` three times one in `grams`, so a two-character query that is a whole word in a
 * message ranks it above one where the pair straddles two words.
 */
export function fts5Query(terms: readonly QueryTerm[]): string {
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return terms
    .map((t) => {
      if (t.kind === 'word') return t.prefix ? `${quote(t.word)}*` : quote(t.word);
      if (t.chars.length === 1) return `${quote(t.word)}*`;
      if (t.chars.length === 2) return quote(t.word);
      return `{grams} : ${quote(bigrams(t.chars).join(' '))}`;
    })
    .join(' AND ');
}

// --- PostgreSQL tsvector ----------------------------------------------------------------------

/**
 * PostgreSQL stores a position up to 16,383 (larger ones become 16,383), so the words are placed
 * after the grams, whose positions must stay exact for phrases.
 */
const PG_MAX_POSITION = 16_383;

/**
 * A tsvector literal (cast with `::tsvector`) built here rather than by to_tsvector, so positions
 * can leave gaps and the database adds no parsing of its own. A bigram sits at its first
 * character's offset in the text, so a run boundary leaves a gap and a phrase never spans two runs;
 * a run's last character sits at its own offset. Words follow the text's end with weight A, so a
 * two-character query ranks whole words first, and a phrase restricted to weight D never matches
 * two adjacent words.
 */
export function tsvectorLiteral(text: AnalysedText): string {
  const positions = new Map<string, string[]>();
  const put = (lexeme: string, position: string) => {
    const list = positions.get(lexeme);
    if (list) list.push(position);
    else positions.set(lexeme, [position]);
  };
  for (const run of text.han) {
    const last = run.chars.length - 1;
    for (let i = 0; i < last; i++) put(run.chars[i]! + run.chars[i + 1]!, position(run.at + i));
    put(run.chars[last]!, position(run.at + last));
  }
  text.words.forEach((w, i) => {
    put(w, `${position(text.length + 1 + i)}A`);
  });
  const out: string[] = [];
  for (const [lexeme, list] of positions) out.push(`${pgQuote(lexeme)}:${list.join(',')}`);
  return out.join(' ');
}

/** The 1-based tsvector position of a 0-based offset. */
function position(offset: number): string {
  return String(Math.min(offset + 1, PG_MAX_POSITION));
}

/** A tsquery literal (cast with `::tsquery`) requiring every term. */
export function tsQueryLiteral(terms: readonly QueryTerm[]): string {
  return terms
    .map((t) => {
      if (t.kind === 'word') return t.prefix ? `${pgQuote(t.word)}:*` : pgQuote(t.word);
      if (t.chars.length === 1) return `${pgQuote(t.word)}:*`;
      if (t.chars.length === 2) return pgQuote(t.word);
      return `(${bigrams(t.chars)
        .map((b) => `${pgQuote(b)}:D`)
        .join(' <-> ')})`;
    })
    .join(' & ');
}

/** A lexeme in tsvector/tsquery literal syntax. */
function pgQuote(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
