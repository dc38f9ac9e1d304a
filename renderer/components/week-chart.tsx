// A light SVG chart over weeks: the plot the Load view's first charts (the load trend and the
// team's weeks) draw into. Not recharts, on purpose: those two charts are on the path from choosing
// the view to its first charts, and a recharts chart there cost more than the whole budget at 1M
// pages — each chart runs its own redux store that every axis, grid, series and tooltip registers
// with after mounting (a re-render per registration), lays its ticks out by measuring each label in
// the page, and draws only after ResponsiveContainer has measured it in a second pass. This plot
// measures its width once before the first paint, spaces its ticks from ./chart-ticks, and draws
// plain paths. Hover or the arrow keys (once focused) show a week's figures, as recharts' tooltip did.
// While the data is on its way (`loading`) the plot stands empty at its height and measures its
// width then, so the data draws in one pass, with no layout read between the data and its paint.

import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { niceTicks } from './chart-ticks';
import { tooltipStyle } from './chart-frame';

/** Where things go in the plot, in px of the SVG. */
export interface WeekScale {
  /** The centre of week i's band. */
  x: (i: number) => number;
  /** The width of one week's band. */
  band: number;
  /** The height of a value on the value axis. */
  y: (value: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const margin = { top: 10, right: 16, bottom: 28 };
/** About the width of one character of the axes' 12px labels. */
const charPx = 7;

export function WeekChart({
  label,
  weeks,
  max,
  height,
  tooltip,
  loading = false,
  children,
}: {
  /** What the chart shows, for assistive technology. */
  label: string;
  /** Each week's label (its Monday). */
  weeks: string[];
  /** The largest value drawn: the value axis ends at the first tick at or above it. */
  max: number;
  height: number;
  /** A week's figures, shown on hover or when the arrow keys reach it. */
  tooltip: (i: number) => ReactNode;
  /** The data is on its way: the plot stands empty (and measures its width meanwhile). */
  loading?: boolean;
  children: (scale: WeekScale) => ReactNode;
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [active, setActive] = useState<number | null>(null);
  // The width is read once before the first paint, and again when the box is resized. A plot
  // mounted while loading waits for the observer's first report (in the next frame, after its
  // layout) instead of forcing a layout of the whole view in the key's task: it has nothing to draw
  // before then.
  const mountedLoading = useRef(loading);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    if (!mountedLoading.current) setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const ticks = niceTicks(max);
  const top = ticks.at(-1) ?? 1;
  const left = 12 + charPx * Math.max(...ticks.map((t) => String(t).length));
  const right = Math.max(left + 1, width - margin.right);
  const plotBottom = height - margin.bottom;
  const band = weeks.length > 0 ? (right - left) / weeks.length : right - left;
  const scale: WeekScale = {
    x: (i) => left + band * (i + 0.5),
    band,
    y: (value) => plotBottom - ((plotBottom - margin.top) * Math.min(value, top)) / top,
    left,
    right,
    top: margin.top,
    bottom: plotBottom,
  };

  // Week labels that fit side by side, counted back from the latest week (always labelled); each
  // kept inside the chart, so the last one is never cut off at the edge.
  const labelPx = charPx * Math.max(0, ...weeks.map((w) => w.length));
  const every = Math.max(1, Math.ceil((labelPx + 12) / Math.max(1, band)));
  const labelled: number[] = [];
  for (let i = weeks.length - 1; i >= 0; i -= every) labelled.unshift(i);
  if (labelled[0] !== 0 && (labelled[0] ?? 0) >= every) labelled.unshift(0);
  const labelX = (i: number): number =>
    Math.min(Math.max(scale.x(i), labelPx / 2 + 2), Math.max(labelPx / 2 + 2, width - labelPx / 2 - 2));

  function onKeyDown(event: React.KeyboardEvent): void {
    const last = weeks.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: Math.min(last, (active ?? -1) + 1),
      ArrowLeft: Math.max(0, (active ?? last + 1) - 1),
      Home: 0,
      End: last,
    };
    if (event.key === 'Escape') setActive(null);
    else if (event.key in moves && last >= 0) setActive(moves[event.key] ?? null);
    else return;
    event.preventDefault();
  }
  function onMouseMove(event: React.MouseEvent<HTMLDivElement>): void {
    const at = event.clientX - event.currentTarget.getBoundingClientRect().left;
    const i = Math.floor((at - left) / band);
    setActive(i >= 0 && i < weeks.length ? i : null);
  }

  const tipLeft = active === null ? 0 : scale.x(active) + band / 2 + 8;
  if (loading) return <div ref={box} className="week-chart" style={{ height }} />;
  return (
    <div
      ref={box}
      className="week-chart"
      style={{ height }}
      tabIndex={0}
      role="group"
      aria-label={`${label}: the arrow keys step through the weeks`}
      onKeyDown={onKeyDown}
      onMouseMove={onMouseMove}
      onMouseLeave={() => setActive(null)}
      onBlur={() => setActive(null)}
    >
      {width > 0 && (
        <svg className="week-chart-surface" width={width} height={height} role="img" aria-label={label}>
          {active !== null && (
            <rect
              className="week-cursor"
              x={scale.x(active) - band / 2}
              y={scale.top}
              width={band}
              height={scale.bottom - scale.top}
              fill="var(--grid)"
              fillOpacity={0.6}
            />
          )}
          {ticks.map((t) => (
            <g key={t}>
              <line
                x1={left}
                x2={right}
                y1={scale.y(t)}
                y2={scale.y(t)}
                stroke="var(--grid)"
                strokeDasharray={t === 0 ? undefined : '3 3'}
              />
              <text x={left - 6} y={scale.y(t) + 4} textAnchor="end" fontSize={12} fill="var(--muted)">
                {t}
              </text>
            </g>
          ))}
          <line x1={left} x2={right} y1={scale.bottom} y2={scale.bottom} stroke="var(--muted)" />
          {labelled.map((i) => (
            <text key={i} x={labelX(i)} y={scale.bottom + 18} textAnchor="middle" fontSize={12} fill="var(--muted)">
              {weeks[i]}
            </text>
          ))}
          {children(scale)}
        </svg>
      )}
      {active !== null && (
        <div
          className="week-chart-tooltip"
          role="status"
          style={{
            ...tooltipStyle,
            ...(tipLeft > width / 2 ? { right: width - scale.x(active) + band / 2 + 8 } : { left: tipLeft }),
          }}
        >
          {tooltip(active)}
        </div>
      )}
    </div>
  );
}

/** A line through the weeks' values; weeks without a value are stepped over (the line joins across them). */
export function linePath(scale: WeekScale, values: (number | null)[]): string {
  let d = '';
  values.forEach((value, i) => {
    if (value === null) return;
    d += `${d ? 'L' : 'M'}${scale.x(i).toFixed(1)},${scale.y(value).toFixed(1)}`;
  });
  return d;
}
