import { highlightSegments } from './highlight.ts';

/** A search snippet with its matches in <mark>, built as React nodes (the text is never parsed as HTML). */
export function Highlighted({
  text,
  ranges,
}: {
  text: string;
  ranges: readonly (readonly [number, number])[];
}) {
  const segments = highlightSegments(text, ranges);
  let offset = 0;
  return (
    <>
      {segments.map((segment) => {
        const key = offset;
        offset += segment.text.length;
        return segment.mark ? <mark key={key}>{segment.text}</mark> : <span key={key}>{segment.text}</span>;
      })}
    </>
  );
}
