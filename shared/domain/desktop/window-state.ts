// The main window's size and position, remembered per display (a laptop alone and the same
// laptop at a desk with a monitor each get their own), and put back only where it can be seen:
// a window saved on a monitor that is gone, or larger than the screen it lands on, is clamped
// into a display's work area instead of opening off-screen.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayArea {
  id: number;
  workArea: Rect;
}

export interface SavedWindow {
  bounds: Rect;
  maximized: boolean;
}

/** Saved windows by a key for the set of displays attached (see `layoutKey`). */
export type WindowMemory = Record<string, SavedWindow>;

export const defaultWindowSize = { width: 1200, height: 800 };
export const minimumWindowSize = { width: 640, height: 480 };
/** How much of the window's title bar must show on a display for it to count as visible. */
const visibleStrip = 48;
const maxLayouts = 16;

/** One key per arrangement of displays: a window remembered at the desk comes back at the desk. */
export function layoutKey(displays: readonly DisplayArea[]): string {
  return displays
    .map((d) => `${d.workArea.x},${d.workArea.y},${d.workArea.width}x${d.workArea.height}`)
    .sort()
    .join('|');
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function titleBarVisible(bounds: Rect, area: Rect): boolean {
  const bar: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(visibleStrip, bounds.height) };
  const w = Math.min(bar.x + bar.width, area.x + area.width) - Math.max(bar.x, area.x);
  return (
    w >= Math.min(visibleStrip * 2, bounds.width) && bar.y >= area.y && bar.y < area.y + area.height - visibleStrip / 2
  );
}

function clampInto(bounds: Rect, area: Rect): Rect {
  const width = Math.max(Math.min(bounds.width, area.width), Math.min(minimumWindowSize.width, area.width));
  const height = Math.max(Math.min(bounds.height, area.height), Math.min(minimumWindowSize.height, area.height));
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

function centred(area: Rect): Rect {
  const width = Math.min(defaultWindowSize.width, area.width);
  const height = Math.min(defaultWindowSize.height, area.height);
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where the window opens: its bounds saved for this arrangement of displays, kept as they are
 * when the title bar shows on a display, otherwise clamped into the display it overlaps most
 * (or the primary one); with nothing saved, centred on the primary display.
 */
export function restoreWindow(
  memory: WindowMemory,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
): SavedWindow {
  const saved = memory[layoutKey(displays)];
  if (!saved || !validRect(saved.bounds)) return { bounds: centred(primary.workArea), maximized: false };
  if (displays.some((d) => titleBarVisible(saved.bounds, d.workArea))) {
    const home = bestDisplay(saved.bounds, displays) ?? primary;
    const fits = saved.bounds.width <= home.workArea.width && saved.bounds.height <= home.workArea.height;
    return { bounds: fits ? saved.bounds : clampInto(saved.bounds, home.workArea), maximized: saved.maximized };
  }
  const target = bestDisplay(saved.bounds, displays) ?? primary;
  return { bounds: clampInto(saved.bounds, target.workArea), maximized: saved.maximized };
}

function bestDisplay(bounds: Rect, displays: readonly DisplayArea[]): DisplayArea | undefined {
  let best: DisplayArea | undefined;
  let area = 0;
  for (const display of displays) {
    const o = overlap(bounds, display.workArea);
    if (o > area) [best, area] = [display, o];
  }
  return best;
}

function validRect(r: Rect): boolean {
  return [r.x, r.y, r.width, r.height].every(Number.isFinite) && r.width > 0 && r.height > 0;
}

/** The memory with this arrangement's window saved (a bounded number of arrangements kept). */
export function rememberWindow(
  memory: WindowMemory,
  displays: readonly DisplayArea[],
  saved: SavedWindow,
): WindowMemory {
  const key = layoutKey(displays);
  const rest = Object.entries(memory).filter(([k]) => k !== key);
  return Object.fromEntries([...rest.slice(-(maxLayouts - 1)), [key, saved]]);
}

/** Window memory read back from storage; anything malformed is dropped, never trusted. */
export function readWindowMemory(value: unknown): WindowMemory {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const memory: WindowMemory = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = entry as Partial<SavedWindow> | null;
    const b = e?.bounds as Partial<Rect> | undefined;
    if (!b || typeof e?.maximized !== 'boolean') continue;
    const bounds = { x: Number(b.x), y: Number(b.y), width: Number(b.width), height: Number(b.height) };
    if (validRect(bounds)) memory[key] = { bounds, maximized: e.maximized };
  }
  return memory;
}
