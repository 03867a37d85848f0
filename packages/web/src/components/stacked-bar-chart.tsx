import { useEffect, useRef, useState } from "react";

export type ChartSeries = { key: string; label: string; color: string };

export type ChartBar = {
  key: string;
  /** Under the bar, e.g. "14:00". */
  label: string;
  /** In tooltips and the data table, e.g. "from Nov 27, 14:00". */
  longLabel: string;
  /** Per series key; missing keys count as zero. */
  values: Record<string, number>;
};

type StackedBarChartProps = {
  /** Names the chart and its data table. */
  title: string;
  series: readonly ChartSeries[];
  bars: readonly ChartBar[];
  /** What the bars count, e.g. ["event", "events"]. */
  unit: readonly [string, string];
  /** Label at most every n-th bar, counted back from the latest; narrow charts label fewer. */
  labelEvery?: number;
  /** Shown across an empty chart. */
  emptyMessage?: string;
};

/** The drawing is as wide as its box, so text keeps its size; this until the box is measured. */
const DEFAULT_WIDTH = 720;
const MIN_WIDTH = 320;
const HEIGHT = 220;
/** Room an axis label needs; labels are skipped so they never overlap. */
const LABEL_SPACING = 64;
const PLOT = { top: 10, right: 8, bottom: 26, left: 40 };
const TICKS = 4;

/** The axis top: TICKS steps of a round size (1, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) that reach `max`. */
function axisMax(max: number): number {
  const rough = Math.max(1, max / TICKS);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    const step = factor * magnitude;
    if (step >= rough && Number.isInteger(step)) return step * TICKS;
  }
  return 10 * magnitude * TICKS;
}

function plural(count: number, unit: readonly [string, string]): string {
  return `${count.toLocaleString()} ${count === 1 ? unit[0] : unit[1]}`;
}

/**
 * Bars stacked by series, drawn in plain SVG. The picture is summed up in its accessible name, and
 * every bar's numbers are in a table for screen readers; each bar has a tooltip.
 */
export function StackedBarChart({
  title,
  series,
  bars,
  unit,
  labelEvery = 1,
  emptyMessage = "Nothing in this period",
}: StackedBarChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const node = box.current;
    if (!node || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      const observed = entry?.contentRect.width;
      if (observed) setMeasured(Math.round(observed));
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  const width = Math.max(MIN_WIDTH, measured);
  const totals = bars.map((bar) => series.reduce((sum, item) => sum + (bar.values[item.key] ?? 0), 0));
  const total = totals.reduce((sum, value) => sum + value, 0);
  const max = axisMax(Math.max(0, ...totals));
  const plotWidth = width - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = bars.length ? plotWidth / bars.length : plotWidth;
  const barWidth = Math.max(2, Math.min(36, slot * 0.7));
  const every = Math.max(labelEvery, Math.ceil(LABEL_SPACING / slot));
  const y = (value: number) => PLOT.top + plotHeight - (value / max) * plotHeight;
  const peakIndex = totals.indexOf(Math.max(...totals));
  const peak = bars[peakIndex];
  const seriesTotals = series
    .map((item) => ({ ...item, total: bars.reduce((sum, bar) => sum + (bar.values[item.key] ?? 0), 0) }))
    .filter((item) => item.total > 0);
  const summary =
    total === 0
      ? `${title}: ${emptyMessage.toLowerCase()}`
      : `${title}: ${plural(total, unit)}${peak ? `, the most ${peak.longLabel} (${plural(totals[peakIndex] ?? 0, unit)})` : ""}. ${seriesTotals.map((item) => `${item.label} ${item.total.toLocaleString()}`).join(", ")}.`;

  return (
    <div className="bar-chart" ref={box}>
      <svg className="bar-chart__svg" viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={summary}>
        {Array.from({ length: TICKS + 1 }, (_, index) => {
          const value = (max / TICKS) * index;
          return (
            <g key={index} className="bar-chart__grid">
              <line x1={PLOT.left} x2={width - PLOT.right} y1={y(value)} y2={y(value)} />
              <text x={PLOT.left - 6} y={y(value)} dy="0.32em" textAnchor="end">
                {value.toLocaleString()}
              </text>
            </g>
          );
        })}
        {bars.map((bar, index) => {
          const x = PLOT.left + slot * index + (slot - barWidth) / 2;
          let base = 0;
          const parts = series.map((item) => {
            const value = bar.values[item.key] ?? 0;
            const from = base;
            base += value;
            return { item, value, from };
          });
          const barTotal = totals[index] ?? 0;
          const tooltip = `${bar.longLabel}: ${plural(barTotal, unit)}${parts
            .filter((part) => part.value > 0)
            .map((part) => `\n${part.item.label}: ${part.value.toLocaleString()}`)
            .join("")}`;
          return (
            <g key={bar.key} className="bar-chart__bar" data-testid="chart-bar">
              <title>{tooltip}</title>
              {/* A full-height target, so thin bars still show their tooltip. */}
              <rect
                className="bar-chart__hit"
                x={PLOT.left + slot * index}
                y={PLOT.top}
                width={slot}
                height={plotHeight}
              />
              {parts
                .filter((part) => part.value > 0)
                .map((part) => (
                  <rect
                    key={part.item.key}
                    x={x}
                    width={barWidth}
                    y={y(part.from + part.value)}
                    height={Math.max(1, y(part.from) - y(part.from + part.value))}
                    fill={part.item.color}
                  />
                ))}
              {(bars.length - 1 - index) % every === 0 ? (
                <text className="bar-chart__label" x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle">
                  {bar.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line
          className="bar-chart__axis"
          x1={PLOT.left}
          x2={width - PLOT.right}
          y1={PLOT.top + plotHeight}
          y2={PLOT.top + plotHeight}
        />
        {total === 0 ? (
          <text
            className="bar-chart__empty"
            x={PLOT.left + plotWidth / 2}
            y={PLOT.top + plotHeight / 2}
            textAnchor="middle"
          >
            {emptyMessage}
          </text>
        ) : null}
      </svg>
      {seriesTotals.length > 1 || (seriesTotals.length === 1 && series.length > 1) ? (
        <ul className="chart-legend" aria-label="Legend">
          {seriesTotals.map((item) => (
            <li key={item.key}>
              <span className="chart-legend__swatch" style={{ background: item.color }} aria-hidden="true" />
              <span>{item.label}</span>
              <strong>{item.total.toLocaleString()}</strong>
            </li>
          ))}
        </ul>
      ) : null}
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Total</th>
            {series.map((item) => (
              <th key={item.key} scope="col">
                {item.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {bars.map((bar, index) => (
            <tr key={bar.key}>
              <th scope="row">{bar.longLabel}</th>
              <td>{totals[index]}</td>
              {series.map((item) => (
                <td key={item.key}>{bar.values[item.key] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
