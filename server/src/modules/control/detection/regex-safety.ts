import { setFlagsFromString } from 'node:v8';
import { REGEX_MAX_LENGTH } from '@liaison/contracts';
import {
  ALL,
  intersects,
  parseRegex,
  type Ranges,
  type RegexNode,
  RegexSyntaxError,
  writeRegex,
} from './regex-syntax.ts';

/**
 * Custom regular expressions run on every message, so one careless pattern must not be able to
 * stall the server. Three layers, because each alone leaves a hole (all measured on Node 24.21,
 * V8 13.6):
 *
 * 1. **V8's linear-time engine, switched on at start.** `--enable-experimental-regexp-engine`
 *    (the `l` flag: a breadth-first engine whose time is linear in the text) and
 *    `--enable-experimental-regexp-engine-on-excessive-backtracks` (a backtracking run that
 *    exceeds 50,000 backtracks is re-run on that engine) are not on by default, but
 *    `v8.setFlagsFromString` turns both on at run time; they act on regexes compiled afterwards
 *    (the fallback even on earlier ones). `/(a+)+$/` on 40 a's and a b: never finishes without,
 *    2 ms with. The flags are process-wide: any regex in the process that backtracks that much
 *    now finishes on the linear engine with the same result, which only helps.
 *
 *    The linear engine does not run everything, though: not the `i` or `u` flags, not
 *    backreferences or lookahead, and not counted repetitions above 16 (`\d{17}`). The fallback
 *    silently does not apply to such patterns, and `/(a+)+$/i` hangs as before. Hence the
 *    pattern is rewritten (regex-syntax.ts) into a form it does run: case-insensitivity becomes
 *    case-closed character sets instead of `i`, counted repetitions are written out, and what it
 *    cannot run at all is refused.
 *
 * 2. **Static refusal** of what backtracks catastrophically, from the pattern's position
 *    automaton (Glushkov) and its self-product, the standard ambiguity criteria:
 *    - exponential: some state can return to itself along two different paths reading the same
 *      text — `(a+)+`, `(a*)*`, `(a|a)*`, `(\w+\s?)*`, a quantified group whose alternatives
 *      overlap — refused;
 *    - polynomial of degree d: a chain of d loops each of which can hand the same text on to the
 *      next — `(.*a){20}` is degree 20 — refused from degree 4.
 *    Exact, not a rule of thumb: `([a-z0-9]+\.)+com` (the dot separates the rounds) is accepted.
 *
 * 3. **The engine per pattern.** The fallback does not catch the commonest slow case: the
 *    search itself retrying every start position of a pattern that scans far and then fails.
 *    `\w+@\w+\.com` over 10,000 letters takes 180 ms on V8's usual engine (15 s over 100,000),
 *    with the fallback on, because no single attempt backtracks enough to trigger it. So the
 *    analysis also asks whether a loop can be entered from two different start positions over
 *    the same text (the search's own "degree" ≥ 2), or whether the pattern has more than a
 *    little bounded ambiguity (`(a|a){16}`); such patterns are compiled with the `l` flag and
 *    always run in linear time (about 10 M characters/s, 50× slower than the backtracking
 *    engine on friendly text, which is why the rest are not). All others (`LX-\d{4}`,
 *    `(?:合同|协议)编号\d+`) run on the backtracking engine, whose work over a whole text is then
 *    linear too, with the fallback as a net.
 *
 *    Linear is not yet cheap: both engines pay for every state that can be active over a
 *    character (`[a-z]+[a-z]{0,90}@` keeps ~90 busy and takes 77 ms over 10,000 letters on the
 *    linear engine). So counted repetitions are limited to 100, the written-out pattern to 500
 *    positions, and the states active at once (`MAX_WIDTH`) to 100, or 50 on the linear engine:
 *    the worst accepted pattern costs tens of milliseconds over the longest message.
 *
 * Should the flags ever stop being settable (`LINEAR_ENGINE` false), patterns that would need the
 * linear engine and could cost more than quadratic time are refused instead.
 */
export const LINEAR_ENGINE: boolean = enableLinearEngine();

function enableLinearEngine(): boolean {
  try {
    setFlagsFromString('--enable-experimental-regexp-engine');
    setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
    // biome-ignore lint/complexity/useRegexLiterals: a literal with the l flag does not parse before the flag is on
    return new RegExp('a', 'l').test('a');
  } catch {
    return false;
  }
}

export type RegexCheck =
  | {
      ok: true;
      /** Global (`g`); reset `lastIndex` before each text. */
      regex: RegExp;
      /** `linear`: compiled with V8's `l` flag; `backtracking`: V8's usual engine. */
      engine: 'linear' | 'backtracking';
    }
  | { ok: false; message: string };

/** Polynomial ambiguity from this degree on is refused (`(.*a){4}`, `.*a.*b.*c.*d`). */
const MAX_DEGREE = 3;
/** Bounded ambiguity: up to 2^k ways through the pattern per start; from this k, the linear engine. */
const MAX_BOUNDED_AMBIGUITY = 6;
/**
 * States that can be active over one character, runs from every start position together. The
 * linear engine pays about 80 ns per character for each: at 50, 40 ms for the worst such pattern
 * over a 10,000-character message. The backtracking engine pays far less per state (a few ms at
 * 100), but is held to 100 as well.
 */
const MAX_WIDTH = 100;
const MAX_LINEAR_WIDTH = 50;
/** Positions (character sets) after writing out counted repetitions. */
const MAX_POSITIONS = 500;
/** Pair-graph edges the analysis may look at (about 100 ms); a pattern needing more is refused. */
const ANALYSIS_BUDGET = 1_000_000;

export function checkCustomRegex(pattern: string, caseSensitive: boolean): RegexCheck {
  if (pattern.trim() === '') return { ok: false, message: 'The pattern is empty.' };
  if (pattern.length > REGEX_MAX_LENGTH)
    return { ok: false, message: `The pattern is longer than ${REGEX_MAX_LENGTH} characters.` };
  try {
    new RegExp(pattern);
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  let tree: RegexNode;
  try {
    tree = parseRegex(pattern, !caseSensitive);
  } catch (err) {
    if (err instanceof RegexSyntaxError) return { ok: false, message: err.message };
    throw err;
  }

  let analysis: Analysis;
  try {
    analysis = analyse(tree);
  } catch (err) {
    if (err instanceof TooLarge)
      return {
        ok: false,
        message: `The pattern is too large once its repetition counts are written out (more than ${MAX_POSITIONS} character positions).`,
      };
    throw err;
  }
  if (analysis.exponential !== null)
    return {
      ok: false,
      message: `The pattern can backtrack exponentially: ${analysis.exponential} can match the same text in more than one way (as in (a+)+ or (a|a)*). Make the repeated part unambiguous.`,
    };
  if (analysis.degree > MAX_DEGREE)
    return {
      ok: false,
      message: `The pattern can backtrack polynomially: ${analysis.degree} repeated parts can each take the same text (as in (.*a){20}). Use more specific character classes than "." or fewer repetitions.`,
    };

  if (analysis.budgetExceeded)
    return { ok: false, message: 'The pattern is too complex to check; make it shorter or more specific.' };
  const needsLinear = analysis.searchDegree >= 2 || analysis.boundedAmbiguity >= MAX_BOUNDED_AMBIGUITY;
  if (analysis.width > (needsLinear ? MAX_LINEAR_WIDTH : MAX_WIDTH))
    return {
      ok: false,
      message: `Too many parts of the pattern can be matching the same text at once (${analysis.width}), which makes it slow on long messages. Use fewer or shorter {n,m} ranges.`,
    };
  const source = writeRegex(tree);
  if (needsLinear && LINEAR_ENGINE) {
    try {
      return { ok: true, regex: new RegExp(source, 'gl'), engine: 'linear' };
    } catch {
      return { ok: false, message: 'The pattern cannot be run in guaranteed linear time.' };
    }
  }
  if (needsLinear && analysis.searchDegree >= 3)
    return {
      ok: false,
      message: 'The pattern can backtrack polynomially; make its repeated parts more specific.',
    };
  return { ok: true, regex: new RegExp(source, 'g'), engine: 'backtracking' };
}

// --- the analysis -------------------------------------------------------------------------------

class TooLarge extends Error {}
class OverBudget extends Error {}

interface Analysis {
  /** The repetition (as written) that can backtrack exponentially, or null. */
  exponential: string | null;
  /** Longest chain of loops that can pass the same text along (1 = no polynomial ambiguity). */
  degree: number;
  /** The same, counting the search's retry at every start position as a loop in front. */
  searchDegree: number;
  /** Most merges of two runs over the same text along one path (2^k runs per start). */
  boundedAmbiguity: number;
  /** Most states active over one character (all start positions); unknown if over budget. */
  width: number;
  budgetExceeded: boolean;
}

/**
 * The position automaton: state 0 is the start, then one state per character set of the pattern
 * with repetitions written out, then the search state `P` (loops on any character and may enter
 * the pattern at any time). Entering a state reads one character of its set.
 */
interface Automaton {
  sets: Ranges[];
  /** Distinct-set number per state, to memoise intersections. */
  setOf: number[];
  succ: number[][];
  /**
   * How many different ways lead from a state to each successor. Glushkov's construction merges
   * them, but a backtracking engine tries each: in `(a*)*`, a → a both by the inner loop and by
   * leaving it and going round the outer one.
   */
  ways: number[][];
  pred: number[][];
  /** The outermost repetition (as written) around each position, for messages. */
  origin: (string | null)[];
  search: number;
}

interface Fragment {
  nullable: boolean;
  first: number[];
  last: number[];
}

function buildAutomaton(tree: RegexNode): Automaton {
  const sets: Ranges[] = [[]];
  const origin: (string | null)[] = [null];
  const follow: Map<number, number>[] = [new Map()];
  const link = (from: readonly number[], to: readonly number[]) => {
    for (const a of from) for (const b of to) follow[a]!.set(b, (follow[a]!.get(b) ?? 0) + 1);
  };
  const concat = (a: Fragment, b: Fragment): Fragment => {
    link(a.last, b.first);
    return {
      nullable: a.nullable && b.nullable,
      first: a.nullable ? [...a.first, ...b.first] : a.first,
      last: b.nullable ? [...a.last, ...b.last] : b.last,
    };
  };
  const EMPTY: Fragment = { nullable: true, first: [], last: [] };

  function build(node: RegexNode, around: string | null): Fragment {
    switch (node.type) {
      case 'set': {
        if (sets.length > MAX_POSITIONS) throw new TooLarge();
        const p = sets.length;
        sets.push(node.ranges);
        origin.push(around);
        follow.push(new Map());
        return { nullable: false, first: [p], last: [p] };
      }
      case 'assert':
        // Treated as always true: the automaton may only over-approximate what matches.
        return EMPTY;
      case 'seq':
        return node.items.reduce((acc, item) => concat(acc, build(item, around)), EMPTY);
      case 'alt': {
        const parts = node.options.map((option) => build(option, around));
        return {
          nullable: parts.some((p) => p.nullable),
          first: parts.flatMap((p) => p.first),
          last: parts.flatMap((p) => p.last),
        };
      }
      case 'repeat': {
        const { min, max, body } = node;
        const inner = around ?? (max > 1 ? node.source : null);
        let result = EMPTY;
        for (let i = 0; i < min; i++) result = concat(result, build(body, inner));
        if (max === Infinity) {
          const loop = build(body, inner);
          link(loop.last, loop.first);
          return concat(result, { nullable: true, first: loop.first, last: loop.last });
        }
        // x{0,3} as (?:x(?:x(?:x)?)?)? — the shape writeRegex emits, and unambiguous.
        let optional = EMPTY;
        for (let k = 0; k < max - min; k++) {
          const copy = concat(build(body, inner), optional);
          optional = { nullable: true, first: copy.first, last: copy.last };
        }
        return concat(result, optional);
      }
    }
  }

  const root = build(tree, null);
  const search = sets.length;
  sets.push(ALL);
  origin.push(null);
  follow.push(new Map());
  follow[0] = new Map();
  link([0, search], [search, ...root.first]);

  const keys = new Map<Ranges, number>();
  const setOf = sets.map((s) => {
    const known = keys.get(s);
    if (known !== undefined) return known;
    keys.set(s, keys.size);
    return keys.size - 1;
  });
  const succ = follow.map((f) => [...f.keys()]);
  const ways = follow.map((f) => [...f.values()]);
  const pred: number[][] = sets.map(() => []);
  succ.forEach((targets, from) => {
    for (const to of targets) pred[to]!.push(from);
  });
  return { sets, setOf, succ, ways, pred, origin, search };
}

function analyse(tree: RegexNode): Analysis {
  const a = buildAutomaton(tree);
  const n = a.sets.length;
  const P = a.search;
  let work = 0;
  const overlap = new Map<number, boolean>();
  const compatible = (i: number, j: number): boolean => {
    if (++work > ANALYSIS_BUDGET) throw new OverBudget();
    const si = a.setOf[i]!;
    const sj = a.setOf[j]!;
    const key = si < sj ? si * n + sj : sj * n + si;
    const known = overlap.get(key);
    if (known !== undefined) return known;
    const v = intersects(a.sets[i]!, a.sets[j]!);
    overlap.set(key, v);
    return v;
  };
  const node = (i: number, j: number) => i * n + j;

  /** Pairs reachable in one step: both runs read the same character. `withSearch`: through P too. */
  const forEachNext = (i: number, j: number, withSearch: boolean, visit: (v: number) => void) => {
    for (const x of a.succ[i]!) {
      if (x === P && !withSearch) continue;
      for (const y of a.succ[j]!) {
        if (y === P && !withSearch) continue;
        if (compatible(x, y)) visit(node(x, y));
      }
    }
  };
  const forEachPrevious = (i: number, j: number, visit: (v: number) => void) => {
    if (!compatible(i, j)) return;
    for (const x of a.pred[i]!) for (const y of a.pred[j]!) visit(node(x, y));
  };

  const result: Analysis = {
    exponential: null,
    degree: 1,
    searchDegree: 1,
    boundedAmbiguity: 0,
    width: Number.POSITIVE_INFINITY,
    budgetExceeded: false,
  };
  try {
    // Strongly connected components of the pair graph from (start, start), without P.
    // Exponential ambiguity ⇔ a component holds a diagonal pair and either an off-diagonal pair
    // or a step that two runs can take in different ways (a state reached by two routes).
    const sccs = tarjan(n * n, node(0, 0), (v, visit) => forEachNext(Math.floor(v / n), v % n, false, visit));
    const componentOf = new Int32Array(n * n);
    sccs.forEach((members, c) => {
      for (const v of members) componentOf[v] = c;
    });
    // Bounded ambiguity: along a path of components (sinks come first), count the steps where
    // two different runs meet again in one state.
    const merges: number[] = [];
    sccs.forEach((members, c) => {
      let diagonal = -1;
      let ambiguous = false;
      let best = 0;
      for (const v of members) {
        const i = Math.floor(v / n);
        const j = v % n;
        if (i === j) diagonal = i;
        else ambiguous = true;
        forEachNext(i, j, false, (w) => {
          const wi = Math.floor(w / n);
          const wj = w % n;
          // Two runs in one state meet again (or split: a step with two ways).
          const merge = wi === wj && (i !== j || a.ways[i]![a.succ[i]!.indexOf(wi)]! > 1) ? 1 : 0;
          const d = componentOf[w]!;
          if (d === c) {
            if (merge) ambiguous = true;
            return;
          }
          best = Math.max(best, merges[d]! + merge);
        });
      }
      merges[c] = best;
      if (diagonal > 0 && ambiguous && result.exponential === null)
        result.exponential = a.origin[diagonal] ?? 'a repeated part';
    });
    result.boundedAmbiguity = merges[componentOf[node(0, 0)]!] ?? 0;
    if (result.exponential !== null) return result;

    // Polynomial ambiguity between loops p ≠ q (Weber & Seidl): p can read some text back to p
    // and on to q, and q that text back to q. Approximated through pairs: (p,p) →⁺ (p,q) →⁺ (q,q).
    const loops = loopStates(a).filter((q) => q !== P);
    const reach = (from: readonly number[], step: (v: number, visit: (w: number) => void) => void) => {
      const seen = new Uint8Array(n * n);
      const queue: number[] = [];
      const visit = (w: number) => {
        if (!seen[w]) {
          seen[w] = 1;
          queue.push(w);
        }
      };
      from.forEach(visit);
      for (let k = 0; k < queue.length; k++) step(queue[k]!, visit);
      return seen;
    };
    const forward = (i: number, j: number, withSearch: boolean) => {
      const starts: number[] = [];
      forEachNext(i, j, withSearch, (w) => starts.push(w));
      return reach(starts, (v, visit) => forEachNext(Math.floor(v / n), v % n, withSearch, visit));
    };
    const backward = new Map<number, Uint8Array>();
    for (const q of loops) {
      const starts: number[] = [];
      forEachPrevious(q, q, (w) => starts.push(w));
      backward.set(
        q,
        reach(starts, (v, visit) => forEachPrevious(Math.floor(v / n), v % n, visit)),
      );
    }
    const next = new Map<number, number[]>();
    for (const p of loops) {
      const from = forward(p, p, false);
      next.set(
        p,
        loops.filter((q) => q !== p && from[node(p, q)] === 1 && backward.get(q)![node(p, q)] === 1),
      );
    }
    const chain = longestChains(loops, next);
    result.degree = Math.max(1, ...chain.values());
    if (!Number.isFinite(result.degree)) result.exponential = 'a repeated part';
    // The search loop in front: q can be entered afresh while an earlier start is still in q.
    for (const q of loops) {
      if (forward(P, q, true)[node(q, q)] === 1)
        result.searchDegree = Math.max(result.searchDegree, 1 + chain.get(q)!);
    }
    // How many states can be active over the same character, runs from earlier start
    // positions included: the linear engine's work per character, and a floor for the other's.
    const together = new Int32Array(n);
    const active = reach([node(0, 0)], (v, visit) => forEachNext(Math.floor(v / n), v % n, true, visit));
    for (let v = 0; v < active.length; v++) {
      const i = Math.floor(v / n);
      const j = v % n;
      if (active[v] && i !== j && i !== P && j !== P) together[i]!++;
    }
    result.width = 1 + together.reduce((max, k) => Math.max(max, k), 0);
  } catch (err) {
    if (!(err instanceof OverBudget)) throw err;
    result.budgetExceeded = true;
  }
  return result;
}

/** States on a cycle of the automaton (not counting P). */
function loopStates(a: Automaton): number[] {
  const out: number[] = [];
  for (const members of tarjan(a.sets.length, 0, (v, visit) => a.succ[v]!.forEach(visit))) {
    if (members.length > 1 || a.succ[members[0]!]!.includes(members[0]!)) out.push(...members);
  }
  return out;
}

/** Longest chain (in loops) starting at each loop; a cycle would mean exponential ambiguity. */
function longestChains(loops: readonly number[], next: Map<number, number[]>): Map<number, number> {
  const memo = new Map<number, number>();
  const visiting = new Set<number>();
  const longest = (p: number): number => {
    const known = memo.get(p);
    if (known !== undefined) return known;
    if (visiting.has(p)) return Number.POSITIVE_INFINITY;
    visiting.add(p);
    let best = 1;
    for (const q of next.get(p)!) best = Math.max(best, 1 + longest(q));
    visiting.delete(p);
    memo.set(p, best);
    return best;
  };
  for (const p of loops) longest(p);
  return memo;
}

/**
 * Tarjan's strongly connected components of the graph reachable from `root`, iteratively (pair
 * graphs run to thousands of nodes). Components come out sinks first.
 */
function tarjan(
  size: number,
  root: number,
  edges: (v: number, visit: (w: number) => void) => void,
): number[][] {
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const stack: number[] = [];
  const out: number[][] = [];
  const frames: { v: number; next: number[]; k: number }[] = [];
  let counter = 0;
  const open = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    const next: number[] = [];
    edges(v, (w) => next.push(w));
    frames.push({ v, next, k: 0 });
  };
  open(root);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.k < frame.next.length) {
      const w = frame.next[frame.k++]!;
      if (index[w] === -1) open(w);
      else if (onStack[w]) low[frame.v] = Math.min(low[frame.v]!, index[w]!);
      continue;
    }
    frames.pop();
    const { v } = frame;
    const parent = frames[frames.length - 1];
    if (parent) low[parent.v] = Math.min(low[parent.v]!, low[v]!);
    if (low[v] === index[v]) {
      const members: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        members.push(w);
      } while (w !== v);
      out.push(members);
    }
  }
  return out;
}
