/**
 * Aho–Corasick over UTF-16 code units: thousands of dictionary terms (Chinese and English) found
 * in one pass over a message, whatever their number.
 *
 * - Case-insensitive: terms and text are folded code unit by code unit (`FOLD`: the simple
 *   lower case, and full-width ASCII to ASCII) through a table, so the text is never copied.
 *   Folding one unit to one unit keeps offsets into the original text.
 * - Terms that start (end) with a word character (Latin letter or digit) match only at a word
 *   boundary on that side, so "secret" does not fire inside "secretary"; Chinese terms, which
 *   are written without spaces, match anywhere. The same rule lets the scan skip the rest of a
 *   word once it is back at the root inside it (no term can start there).
 * - A term maps to every owner that listed it (several dictionaries may share a term); an owner
 *   may ask for the exact case of its own spelling.
 *
 * Layout, chosen by measuring (bench/src/control.bench.ts): the alphabet is the set of folded
 * characters that occur in some term, numbered in code order (`col`); a character outside it
 * sends the automaton back to the root at once. The root's transitions are a dense array; every
 * other state's children are one sorted slice of two flat typed arrays (binary search; almost
 * all states below depth one have a single child), guarded by a 32-bit mask of the child columns
 * that answers most misses without searching (1.4× the throughput on chat text with a
 * 5,000-term dictionary). Failure links and "nearest terminal along the failure chain"
 * (`report`) are precomputed. The same automaton with a Map per node is 2.5–3× slower
 * (bench:control prints both).
 */

/** Simple case folding per code unit (see above), built once on first use. */
let FOLD: Uint16Array | null = null;
/** 1 where a code unit is part of a word for the boundary rule (Latin letters and digits). */
let WORD: Uint8Array | null = null;

export function foldTable(): Uint16Array {
  if (FOLD) return FOLD;
  const fold = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c < 0x80) {
      fold[c] = c >= 65 && c <= 90 ? c + 32 : c;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      fold[c] = c;
    } else {
      const lower = String.fromCharCode(c).toLowerCase();
      fold[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
    }
  }
  // Full-width ASCII (Ａ, ａ, １ …) is the same word to a reader; spaces are spaces.
  for (let c = 0xff01; c <= 0xff5e; c++) fold[c] = fold[c - 0xfee0]!;
  fold[0x3000] = 0x20;
  fold[0xa0] = 0x20;
  FOLD = fold;
  return fold;
}

/** The string folded code unit by code unit (the same length; itself when nothing changes). */
export function foldString(s: string): string {
  const fold = foldTable();
  let i = 0;
  while (i < s.length && fold[s.charCodeAt(i)] === s.charCodeAt(i)) i++;
  if (i === s.length) return s;
  const units: number[] = [];
  for (let k = 0; k < s.length; k++) units.push(fold[s.charCodeAt(k)]!);
  return String.fromCharCode(...units);
}

export function wordTable(): Uint8Array {
  if (WORD) return WORD;
  const word = new Uint8Array(0x10000);
  const mark = (from: number, to: number) => word.fill(1, from, to + 1);
  mark(0x30, 0x39);
  mark(0x41, 0x5a);
  mark(0x61, 0x7a);
  word[0x5f] = 1;
  mark(0xc0, 0x24f); // Latin-1 letters and Latin Extended-A/B
  word[0xd7] = 0;
  word[0xf7] = 0;
  mark(0x370, 0x52f); // Greek, Cyrillic
  mark(0xff10, 0xff19); // full-width digits and letters
  mark(0xff21, 0xff3a);
  mark(0xff41, 0xff5a);
  WORD = word;
  return word;
}

export interface KeywordEntry {
  term: string;
  /** Caller's number for whoever listed the term (a dictionary, a label). */
  owner: number;
  /** Match only the exact spelling of `term` (still found through the folded automaton). */
  caseSensitive?: boolean;
}

export interface KeywordAutomaton {
  /** Distinct terms after folding. */
  readonly termCount: number;
  readonly stateCount: number;
  /**
   * Calls `onMatch` for every occurrence of every term, for each of its owners, in order of the
   * occurrence's end; overlapping and nested occurrences are all reported.
   */
  scan(text: string, onMatch: (owner: number, start: number, end: number) => void): void;
}

const LEFT = 1;
const WORD_BIT = 0x10000;
const RIGHT = 2;

interface TermInfo {
  folded: string;
  /** Owner → exact spellings it requires, or null for any case. */
  owners: Map<number, string[] | null>;
}

export function buildKeywordAutomaton(entries: Iterable<KeywordEntry>): KeywordAutomaton {
  const fold = foldTable();
  const word = wordTable();

  // Distinct folded terms, each with its owners.
  const byFolded = new Map<string, TermInfo>();
  for (const { term, owner, caseSensitive } of entries) {
    if (term.length === 0) continue;
    const folded = foldString(term);
    let info = byFolded.get(folded);
    if (!info) {
      info = { folded, owners: new Map() };
      byFolded.set(folded, info);
    }
    const had = info.owners.get(owner);
    if (!caseSensitive || had === null) info.owners.set(owner, null);
    else if (had === undefined) info.owners.set(owner, [term]);
    else if (!had.includes(term)) had.push(term);
  }
  // Sorted by code units (the default sort), so that the trie is built left to right and
  // siblings come in order.
  const terms = [...byFolded.keys()].sort().map((folded) => byFolded.get(folded)!);

  // The alphabet: folded characters used by terms, numbered in code order from 1.
  const used = new Uint8Array(0x10000);
  for (const t of terms) for (let i = 0; i < t.folded.length; i++) used[t.folded.charCodeAt(i)] = 1;
  const colOfFolded = new Uint16Array(0x10000);
  let alphabet = 0;
  for (let c = 0; c < 0x10000; c++) if (used[c]) colOfFolded[c] = ++alphabet;
  // The column, with WORD_BIT for letters and digits: the boundary rule needs both at once.
  const col = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) col[c] = colOfFolded[fold[c]!]! | (word[c] ? WORD_BIT : 0);

  // The trie. Node 0 is the root; nodes are created in sorted-term order.
  let capacity = 1024;
  let parent = new Int32Array(capacity);
  let edge = new Uint16Array(capacity);
  let termOf = new Int32Array(capacity).fill(-1);
  let nodes = 1;
  const path: number[] = [0];
  let previous = '';
  for (let t = 0; t < terms.length; t++) {
    const s = terms[t]!.folded;
    let common = 0;
    while (
      common < s.length &&
      common < previous.length &&
      s.charCodeAt(common) === previous.charCodeAt(common)
    )
      common++;
    path.length = common + 1;
    for (let i = common; i < s.length; i++) {
      if (nodes === capacity) {
        capacity *= 2;
        parent = grow(parent, capacity);
        edge = grow(edge, capacity);
        const termGrown = new Int32Array(capacity).fill(-1);
        termGrown.set(termOf);
        termOf = termGrown;
      }
      parent[nodes] = path[i]!;
      edge[nodes] = colOfFolded[s.charCodeAt(i)]!;
      path.push(nodes++);
    }
    termOf[path[s.length]!] = t;
    previous = s;
  }

  // Children of each node as one sorted slice (creation order is column order per parent).
  const childStart = new Int32Array(nodes + 1);
  for (let v = 1; v < nodes; v++) childStart[parent[v]! + 1]!++;
  for (let v = 0; v < nodes; v++) childStart[v + 1]! += childStart[v]!;
  const fillAt = childStart.slice(0, nodes);
  const childCol = new Uint16Array(Math.max(1, nodes - 1));
  const childNode = new Int32Array(Math.max(1, nodes - 1));
  for (let v = 1; v < nodes; v++) {
    const at = fillAt[parent[v]!]!++;
    childCol[at] = edge[v]!;
    childNode[at] = v;
  }
  // A 32-bit summary of each state's child columns: most lookups end here, without a search.
  const childMask = new Int32Array(nodes);
  for (let v = 1; v < nodes; v++) childMask[parent[v]!]! |= 1 << (edge[v]! & 31);
  const rootNext = new Int32Array(alphabet + 1);
  for (let k = childStart[0]!; k < childStart[1]!; k++) rootNext[childCol[k]!] = childNode[k]!;

  const child = (s: number, a: number): number => {
    if (s === 0) return rootNext[a]!;
    let lo = childStart[s]!;
    let hi = childStart[s + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = childCol[mid]!;
      if (m === a) return childNode[mid]!;
      if (m < a) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  };

  // Failure links and report links, breadth first.
  const fail = new Int32Array(nodes);
  const report = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  let head = 0;
  let tail = 0;
  for (let k = childStart[0]!; k < childStart[1]!; k++) queue[tail++] = childNode[k]!;
  while (head < tail) {
    const v = queue[head++]!;
    if (parent[v] !== 0) {
      const a = edge[v]!;
      let f = fail[parent[v]!]!;
      let next = child(f, a);
      while (next < 0) {
        f = fail[f]!;
        next = child(f, a);
      }
      fail[v] = next;
    }
    report[v] = termOf[v]! >= 0 ? v : report[fail[v]!]!;
    for (let k = childStart[v]!; k < childStart[v + 1]!; k++) queue[tail++] = childNode[k]!;
  }

  // Per term: length, boundary rule, owners.
  const termLength = new Int32Array(terms.length);
  const termFlags = new Uint8Array(terms.length);
  const ownerStart = new Int32Array(terms.length + 1);
  const ownerIds: number[] = [];
  const ownerExact: (string[] | null)[] = [];
  for (let t = 0; t < terms.length; t++) {
    const { folded, owners } = terms[t]!;
    termLength[t] = folded.length;
    termFlags[t] =
      (word[folded.charCodeAt(0)] ? LEFT : 0) | (word[folded.charCodeAt(folded.length - 1)] ? RIGHT : 0);
    for (const [owner, exact] of owners) {
      ownerIds.push(owner);
      ownerExact.push(exact);
    }
    ownerStart[t + 1] = ownerIds.length;
  }
  const owners = Int32Array.from(ownerIds);

  function scan(text: string, onMatch: (owner: number, start: number, end: number) => void): void {
    // Locals rather than the closure's variables: about 10 % faster in the loop.
    const colOf = col;
    const root = rootNext;
    const mask = childMask;
    const starts = childStart;
    const cols = childCol;
    const targets = childNode;
    const failure = fail;
    const reports = report;
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = colOf[text.charCodeAt(i)]!;
      const a = v & 0xffff;
      if (s !== 0) {
        if (a === 0) s = 0;
        else {
          for (;;) {
            if (((mask[s]! >>> (a & 31)) & 1) !== 0) {
              let lo = starts[s]!;
              let hi = starts[s + 1]!;
              let next = -1;
              while (lo < hi) {
                const mid = (lo + hi) >>> 1;
                const m = cols[mid]!;
                if (m === a) {
                  next = targets[mid]!;
                  break;
                }
                if (m < a) lo = mid + 1;
                else hi = mid;
              }
              if (next >= 0) {
                s = next;
                break;
              }
            }
            s = failure[s]!;
            if (s === 0) break;
          }
        }
      }
      if (s === 0) {
        // At the root on a letter or digit inside a word: no term can start there (terms that
        // start with one need a word boundary before them), nor later in the word: skip to its end.
        if (v & WORD_BIT && i > 0 && colOf[text.charCodeAt(i - 1)]! & WORD_BIT) {
          while (i + 1 < n && colOf[text.charCodeAt(i + 1)]! & WORD_BIT) i++;
          continue;
        }
        if (a === 0) continue;
        s = root[a]!;
        if (s === 0) continue;
      }
      let r = reports[s]!;
      while (r !== 0) {
        emit(text, termOf[r]!, i + 1, onMatch);
        r = reports[failure[r]!]!;
      }
    }
  }

  function emit(
    text: string,
    t: number,
    end: number,
    onMatch: (owner: number, start: number, end: number) => void,
  ): void {
    const start = end - termLength[t]!;
    const flags = termFlags[t]!;
    if (flags & LEFT && start > 0 && word[text.charCodeAt(start - 1)]) return;
    if (flags & RIGHT && end < text.length && word[text.charCodeAt(end)]) return;
    for (let k = ownerStart[t]!; k < ownerStart[t + 1]!; k++) {
      const exact = ownerExact[k];
      if (exact && !exact.some((e) => text.startsWith(e, start))) continue;
      onMatch(owners[k]!, start, end);
    }
  }

  return { termCount: terms.length, stateCount: nodes, scan };
}

function grow<T extends Int32Array | Uint16Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}
