// Saving what a view shows: a chart's SVG as a PNG, its data as CSV, a report as Markdown.
// Everything is made in the page and handed to the browser (or Electron) as a download.

/** Hands a blob to the browser as a file download. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(text: string, filename: string, type: string): void {
  download(new Blob([text], { type }), filename);
}

const painted = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

/**
 * An SVG drawn as an image. The chart's colours come from CSS variables, which an SVG drawn as an
 * image cannot see: each element's computed paint is written onto a copy first. `pad` widens the
 * drawing on both sides, so a label that reaches past the chart's edge is drawn whole.
 */
async function svgImage(
  svg: SVGSVGElement,
  pad: number,
): Promise<{ image: HTMLImageElement; width: number; height: number }> {
  const box = svg.getBoundingClientRect();
  // The copy lives in a document of its own (parsed, never shown): the page's CSP, which
  // forbids inline styles, has nothing to say about it. Paint goes on as plain attributes.
  const copy = new DOMParser().parseFromString(new XMLSerializer().serializeToString(svg), 'image/svg+xml')
    .documentElement as unknown as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((original, i) => {
    const target = copies[i];
    if (!target) return;
    const computed = getComputedStyle(original);
    target.removeAttribute('style');
    target.removeAttribute('class');
    for (const property of painted) {
      const value = computed.getPropertyValue(property);
      if (value) target.setAttribute(property, value);
    }
  });
  const width = box.width + 2 * pad;
  const viewBox = svg
    .getAttribute('viewBox')
    ?.split(/[\s,]+/)
    .map(Number);
  // A chart drawn to a viewBox (the heatmap) is scaled to its box: the padding is in its own units.
  const unit = viewBox && viewBox.length === 4 && box.width > 0 ? (viewBox[2] ?? box.width) / box.width : 1;
  const [x0, y0, w0, h0] = viewBox && viewBox.length === 4 ? viewBox : [0, 0, box.width, box.height];
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(box.height));
  copy.setAttribute('viewBox', `${(x0 ?? 0) - pad * unit} ${y0 ?? 0} ${(w0 ?? 0) + 2 * pad * unit} ${h0 ?? 0}`);
  copy.setAttribute('overflow', 'visible');
  const xml = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  });
  return { image, width, height: box.height };
}

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))), 'image/png'),
  );
}

/** An SVG as a PNG, the SVG alone. */
export async function svgToPng(svg: SVGSVGElement, background: string, scale = 2): Promise<Blob> {
  const { image, width, height } = await svgImage(svg, 0);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images.');
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return toPng(canvas);
}

/** What a saved chart says about itself above the drawing. */
export interface ChartPicture {
  title: string;
  /** The range it covers, as the view shows it ("2026-08-24 – 2026-11-23 (Europe/Berlin)"). */
  range?: string;
  /** Its series as the legend shows them (the hidden ones left out). */
  legend?: { name: string; color: string }[];
  /** Paint: the page's background, text and muted text colours. */
  colors: { background: string; text: string; muted: string };
  font: string;
}

/** Lines of a legend: swatch and name, wrapped to the width. */
function legendRows(context: CanvasRenderingContext2D, legend: { name: string }[], width: number): number[][] {
  const rows: number[][] = [[]];
  let x = 0;
  legend.forEach((item, i) => {
    const w = 18 + context.measureText(item.name).width + 16;
    const row = rows[rows.length - 1] ?? [];
    if (x + w > width && row.length > 0) {
      rows.push([i]);
      x = w;
    } else {
      row.push(i);
      x += w;
    }
  });
  return rows.filter((r) => r.length > 0);
}

/**
 * A chart as a PNG that stands on its own: a band above the drawing with its title, the range it
 * covers and its legend, then the chart (padded so no label at its edge is cut off).
 */
export async function chartToPng(svg: SVGSVGElement, picture: ChartPicture, scale = 2): Promise<Blob> {
  const pad = 16;
  const { image, width: drawn, height: chartHeight } = await svgImage(svg, pad);
  const width = Math.max(drawn, 360);
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('This browser cannot draw images.');
  measure.font = `13px ${picture.font}`;
  const legend = picture.legend ?? [];
  const rows = legendRows(measure, legend, width - 2 * pad);
  const titleTop = pad;
  const rangeTop = titleTop + 24;
  const legendTop = (picture.range ? rangeTop + 20 : rangeTop) + 6;
  const band = legendTop + (legend.length > 0 ? rows.length * 20 + 6 : 0);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil((band + chartHeight + pad / 2) * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images.');
  context.fillStyle = picture.colors.background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.textBaseline = 'top';
  context.fillStyle = picture.colors.text;
  context.font = `600 16px ${picture.font}`;
  context.fillText(picture.title, pad, titleTop, width - 2 * pad);
  if (picture.range) {
    context.fillStyle = picture.colors.muted;
    context.font = `13px ${picture.font}`;
    context.fillText(picture.range, pad, rangeTop, width - 2 * pad);
  }
  context.font = `13px ${picture.font}`;
  rows.forEach((row, r) => {
    let x = pad;
    const y = legendTop + r * 20;
    for (const i of row) {
      const item = legend[i];
      if (!item) continue;
      context.fillStyle = item.color;
      context.fillRect(x, y + 2, 12, 12);
      context.fillStyle = picture.colors.text;
      context.fillText(item.name, x + 18, y + 1);
      x += 18 + context.measureText(item.name).width + 16;
    }
  });
  context.drawImage(image, (width - drawn) / 2, band, drawn, chartHeight);
  return toPng(canvas);
}

/** A name for a saved file: the title in lowercase words joined by dashes. */
export const fileSlug = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
