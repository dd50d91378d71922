import { Flex, Tooltip, Typography } from 'antd';

export interface BarSeries {
  key: string;
  name: string;
  colour: string;
  /** One value per category, between 0 and `max`; null draws no bar (nothing to measure). */
  values: (number | null)[];
}

interface Props {
  categories: string[];
  series: BarSeries[];
  max?: number;
  /** A dashed line across the chart (e.g. the 95 % target), with its label in the legend. */
  target?: { value: number; label: string };
  /** Height of the plot area in pixels (labels and legend come below). */
  height?: number;
  format?: (value: number) => string;
  /** What the chart shows, for screen readers. */
  title: string;
  'data-testid'?: string;
}

const percent = (value: number, max: number) => `${(Math.min(Math.max(value, 0), max) / max) * 100}%`;

/**
 * Grouped vertical bars in plain HTML and CSS (there is no chart library): one group per category,
 * one bar per series with its exact value on hover, and an optional target line. Bars keep their
 * width whatever the number of categories, so one department does not become a wall of colour.
 */
export function BarChart({
  categories,
  series,
  max = 1,
  target,
  height = 160,
  format = (value) => String(value),
  title,
  'data-testid': testId,
}: Props) {
  const columns = `repeat(${Math.max(categories.length, 1)}, minmax(0, 1fr))`;
  return (
    <div data-testid={testId} role="img" aria-label={title}>
      <div className="lia-chart-plot" style={{ height, gridTemplateColumns: columns }}>
        {categories.map((category, i) => (
          <div key={category} className="lia-chart-group">
            {series.map((s) => {
              const value = s.values[i];
              if (value === null || value === undefined)
                return <span key={s.key} className="lia-chart-bar-empty" />;
              return (
                <Tooltip key={s.key} title={`${category} · ${s.name}：${format(value)}`}>
                  <span
                    className="lia-chart-bar"
                    style={{ height: percent(value, max), background: s.colour }}
                    data-testid="bar"
                    data-value={value}
                  />
                </Tooltip>
              );
            })}
          </div>
        ))}
        {target && <div className="lia-chart-target" style={{ bottom: percent(target.value, max) }} />}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: columns, marginTop: 4 }}>
        {categories.map((category) => (
          <Typography.Text
            key={category}
            type="secondary"
            ellipsis
            style={{ textAlign: 'center', fontSize: 12 }}
          >
            {category}
          </Typography.Text>
        ))}
      </div>
      {(series.length > 1 || target) && (
        <Flex gap={16} justify="center" wrap style={{ marginTop: 8, fontSize: 12 }}>
          {series.length > 1 &&
            series.map((s) => (
              <span key={s.key}>
                <span className="lia-chart-swatch" style={{ background: s.colour }} />
                {s.name}
              </span>
            ))}
          {target && (
            <span>
              <span className="lia-chart-swatch lia-chart-swatch-target" />
              {target.label}
            </span>
          )}
        </Flex>
      )}
    </div>
  );
}
