// The frame every load chart sits in (its one-line definition, PNG and CSV downloads), the legend
// of buttons that show or hide series, and the pieces the charts share: palette, grid, height.
// A saved PNG carries the chart's title, the range it covers (the `range` prop, or the view's
// <ChartRange>) and its legend as shown, above the drawing.
import { Definition } from './Definition';
import { createContext, useContext, useRef, useState, type ReactNode } from 'react';
import { type CartesianGridProps } from 'recharts';
import { toCsv, type CsvCell } from '../../shared/domain/csv';
import { chartToPng, download, downloadText, fileSlug } from './export';
import './load-charts.css';

/** The range the charts below it cover, as the view shows it: written into every saved PNG. */
export const ChartRange = createContext<string | undefined>(undefined);

/** A colour as the canvas can paint it: `var(--x)` read from the page. */
function paint(color: string): string {
  const variable = /^var\((--[\w-]+)\)$/.exec(color.trim())?.[1];
  return variable ? getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || '#888' : color;
}

/** The legend a frame shows: its SeriesLegend's buttons that are on, by name and swatch colour. */
function shownLegend(frame: HTMLElement): { name: string; color: string }[] {
  return Array.from(frame.querySelectorAll<HTMLElement>('.series-legend button[aria-pressed="true"]')).map((b) => ({
    name: b.textContent?.trim() ?? '',
    color: getComputedStyle(b.querySelector('.swatch') ?? b).backgroundColor,
  }));
}

export const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' };
/** Distinct, colour-blind-friendly enough series colours (Okabe–Ito plus greys). */
export const palette = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#7a3fc4',
  '#8c6d31',
  '#F0E442',
  '#6b7483',
];

export interface ChartData {
  header: string[];
  rows: CsvCell[][];
}

export function ChartFrame({
  id,
  title,
  definition,
  data,
  range,
  legend,
  loading = false,
  children,
}: {
  id: string;
  title: string;
  definition: string;
  data: ChartData;
  /** The range the chart covers, for its PNG; without it, the one a <ChartRange> around it gives. */
  range?: string;
  /** The series for the PNG's legend, for a chart without a SeriesLegend (one with shows what it shows). */
  legend?: { name: string; color: string }[];
  /** The frame stands while its data is on its way: no downloads yet. */
  loading?: boolean;
  children: ReactNode;
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLElement>(null);
  const viewRange = useContext(ChartRange);
  const [error, setError] = useState<string | null>(null);
  async function savePng(): Promise<void> {
    const svg = box.current?.querySelector(
      'svg.recharts-surface, svg.heatmap, svg.week-chart-surface',
    ) as SVGSVGElement | null;
    if (!svg || !frame.current) return setError('There is no chart to save yet.');
    try {
      const root = getComputedStyle(document.documentElement);
      const color = (name: string, fallback: string): string => root.getPropertyValue(name).trim() || fallback;
      const picture = {
        title,
        range: range ?? viewRange,
        legend: legend ? legend.map((l) => ({ name: l.name, color: paint(l.color) })) : shownLegend(frame.current),
        colors: {
          background: color('--surface', '#ffffff'),
          text: color('--text', '#17191c'),
          muted: color('--muted', '#5b6370'),
        },
        font: getComputedStyle(document.body).fontFamily || 'sans-serif',
      };
      download(await chartToPng(svg, picture), `${fileSlug(title)}.png`);
      setError(null);
    } catch (caught) {
      setError((caught as Error).message);
    }
  }
  return (
    <figure
      ref={frame}
      className="chart load-chart"
      aria-labelledby={`${id}-title`}
      aria-busy={loading || undefined}
      data-testid={`chart-${id}`}
    >
      <figcaption>
        <span>
          <span id={`${id}-title`}>{title}</span> <Definition term={title} text={definition} />
        </span>
        {!loading && (
          <span className="chart-actions">
            <button type="button" onClick={() => void savePng()} aria-label={`Save “${title}” as PNG`}>
              PNG
            </button>
            <button
              type="button"
              onClick={() =>
                downloadText(toCsv(data.header, data.rows), `${fileSlug(title)}.csv`, 'text/csv;charset=utf-8')
              }
              aria-label={`Save the data of “${title}” as CSV`}
            >
              CSV
            </button>
          </span>
        )}
      </figcaption>

      <div ref={box}>{children}</div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </figure>
  );
}

/** A legend of buttons: each shows or hides its series. */
export function SeriesLegend({
  label,
  series,
  hidden,
  onToggle,
}: {
  label: string;
  series: { key: string; name: string; color: string }[];
  hidden: Set<string>;
  onToggle: (key: string) => void;
}): React.JSX.Element {
  return (
    <div className="series-legend" role="group" aria-label={label}>
      {series.map((s) => (
        <button
          key={s.key}
          type="button"
          aria-pressed={!hidden.has(s.key)}
          onClick={() => onToggle(s.key)}
          title={hidden.has(s.key) ? `Show ${s.name}` : `Hide ${s.name}`}
        >
          <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.name}
        </button>
      ))}
    </div>
  );
}

export function useHidden(): [Set<string>, (key: string) => void] {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const toggle = (key: string): void =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return [hidden, toggle];
}

type GridAxis = Parameters<NonNullable<CartesianGridProps['horizontalCoordinatesGenerator']>>[0]['yAxis'];

/**
 * Grid lines at a numeric axis' ticks, from the scale alone. recharts' own generators lay the
 * ticks out again (measuring every label in the DOM) for each grid, even a grid whose lines in
 * that direction are off: about a quarter of drawing the Load view.
 */
function gridLines(axis: GridAxis, from: number, to: number): number[] {
  const lines = [from, to];
  const scale = axis?.scale;
  for (const value of axis?.ticks ?? axis?.niceTicks ?? []) {
    const at = scale?.map(value);
    if (at !== undefined && Number.isFinite(at) && at !== from && at !== to) lines.push(at);
  }
  return lines;
}

/** The grid props every load chart uses: dashed, and laid out from the axes' scales. */
export const grid = {
  strokeDasharray: '3 3',
  stroke: 'var(--grid)',
  horizontalCoordinatesGenerator: ({ yAxis, offset }) =>
    gridLines(yAxis, offset.top ?? 0, (offset.top ?? 0) + (offset.height ?? 0)),
  verticalCoordinatesGenerator: ({ xAxis, offset }) =>
    gridLines(xAxis, offset.left ?? 0, (offset.left ?? 0) + (offset.width ?? 0)),
} satisfies CartesianGridProps;

export const height = 240;
