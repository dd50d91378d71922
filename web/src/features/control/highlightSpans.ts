/** A piece of a reviewed text: plain, or matched by one or more detectors. */
export interface Span {
  start: number;
  text: string;
  /** The detectors (built-in keys or custom ids) that matched this piece; empty when plain. */
  detectors: string[];
}

/**
 * Cuts `content` at the server's [start, end) highlight offsets, keeping which detectors matched
 * each piece (overlapping matches make pieces with several). Offsets are clamped to the text and
 * empty ranges dropped, so an odd range cannot duplicate or lose characters. The pieces are
 * rendered as React nodes, never as HTML.
 */
export function highlightSpans(
  content: string,
  highlights: readonly { start: number; end: number; detector: string }[],
): Span[] {
  const clamp = (n: number) => Math.max(0, Math.min(n, content.length));
  const ranges = highlights
    .map((h) => ({ start: clamp(h.start), end: clamp(h.end), detector: h.detector }))
    .filter((h) => h.end > h.start);
  const cuts = [...new Set([0, content.length, ...ranges.flatMap((r) => [r.start, r.end])])].sort(
    (a, b) => a - b,
  );
  const spans: Span[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const detectors = [
      ...new Set(ranges.filter((r) => r.start <= start && r.end >= end).map((r) => r.detector)),
    ];
    const last = spans.at(-1);
    // Neighbours matched by the same detectors read as one piece.
    if (last && sameSet(last.detectors, detectors)) last.text += content.slice(start, end);
    else spans.push({ start, text: content.slice(start, end), detectors });
  }
  return spans;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
