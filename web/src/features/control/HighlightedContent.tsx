import { Tooltip } from 'antd';
import { highlightSpans } from './highlightSpans.ts';

/**
 * A reviewed text with what the detectors found marked; hovering a mark names the detector. Built
 * as React nodes from offsets, never as HTML.
 */
export function HighlightedContent({
  content,
  highlights,
  names,
}: {
  content: string;
  highlights: readonly { start: number; end: number; detector: string }[];
  /** Detector key or id → the name people read. */
  names: (detector: string) => string;
}) {
  return (
    <div className="lia-control-content" data-testid="control-content">
      {highlightSpans(content, highlights).map((span) =>
        span.detectors.length === 0 ? (
          <span key={span.start}>{span.text}</span>
        ) : (
          <Tooltip key={span.start} title={span.detectors.map(names).join(' / ')}>
            <mark className="lia-control-mark" data-testid="control-mark">
              {span.text}
            </mark>
          </Tooltip>
        ),
      )}
    </div>
  );
}
