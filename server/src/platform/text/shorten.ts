/** Bytes of a string as UTF-8, the unit robot platforms count their limits in. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** `[text](url)` and `![alt](url)`: cut before one or after it, never inside. */
const MARKDOWN_LINK = /!?\[[^\]\n]*\]\([^)\s]*\)/g;

/**
 * The places a text may be cut: between user-perceived characters (so never inside a UTF-8
 * sequence, a surrogate pair, or an emoji with its modifiers) and outside Markdown links.
 * Ascending, from 0 to `text.length`.
 */
export function cutPoints(text: string): number[] {
  const links = [...text.matchAll(MARKDOWN_LINK)].map((m) => [m.index, m.index + m[0].length] as const);
  const inLink = (at: number) => links.some(([start, end]) => at > start && at < end);
  const points: number[] = [];
  for (const { index } of graphemes.segment(text)) if (!inLink(index)) points.push(index);
  points.push(text.length);
  return points;
}

/**
 * The text itself if `fits` accepts it; else its longest prefix, cut at a `cutPoints` place and
 * followed by `ellipsis`, that `fits` accepts; null when not even the ellipsis alone fits. `fits`
 * must be monotone (a longer candidate never fits where a shorter one does not), as any size limit
 * is; it is called O(log n) times.
 */
export function shortenToFit(
  text: string,
  fits: (candidate: string) => boolean,
  ellipsis = '…',
): string | null {
  if (fits(text)) return text;
  const points = cutPoints(text);
  const candidate = (i: number) => `${text.slice(0, points[i])}${ellipsis}`;
  if (!fits(candidate(0))) return null;
  // The largest index whose candidate fits; points[0] fits, the whole text does not.
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(candidate(mid))) low = mid;
    else high = mid - 1;
  }
  return candidate(low);
}
