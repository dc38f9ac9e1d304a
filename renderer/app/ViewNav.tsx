// The header's view tabs: as many as fit in the room the header leaves, the rest in a "More"
// menu, so a long list of views (or a running toil timer) never clips a tab. Takes any number of
// views from the one list in App.tsx.

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { View } from '../state/app';

export interface ViewEntry {
  id: View;
  label: string;
  key: string;
}

interface Props {
  views: readonly ViewEntry[];
  view: View;
  onView: (id: View) => void;
}

/** How many tabs fit in `room` px, leaving room for the More button when not all do. */
export function tabsThatFit(widths: readonly number[], moreWidth: number, room: number, gap: number): number {
  const all = widths.reduce((sum, w, i) => sum + w + (i > 0 ? gap : 0), 0);
  if (all <= room) return widths.length;
  let used = moreWidth;
  let count = 0;
  for (const width of widths) {
    if (used + gap + width > room) break;
    used += gap + width;
    count++;
  }
  return count;
}

export function ViewNav({ views, view, onView }: Props): React.JSX.Element {
  const navRef = useRef<HTMLElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const [shown, setShown] = useState(views.length);
  const [open, setOpen] = useState(false);

  useLayoutEffect(() => {
    const nav = navRef.current;
    const measure = measureRef.current;
    if (!nav || !measure) return;
    const fit = (): void => {
      const widths = [...measure.children].map((child) => child.getBoundingClientRect().width);
      const moreWidth = widths.pop() ?? 0;
      const gap = parseFloat(getComputedStyle(nav).columnGap) || 0;
      setShown(tabsThatFit(widths, moreWidth, nav.clientWidth, gap));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(nav);
    return () => observer.disconnect();
  }, [views]);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const close = (event: MouseEvent): void => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !moreRef.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const visible = views.slice(0, shown);
  const hidden = views.slice(shown);
  const hiddenActive = hidden.find((v) => v.id === view);

  function onMenuKey(event: React.KeyboardEvent<HTMLUListElement>): void {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.stopPropagation();
      setOpen(false);
      moreRef.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
    // Letter keys stay with the app (they choose views); the menu closes with the choice.
  }

  return (
    <nav aria-label="Views" ref={navRef} className="view-nav">
      <div className="nav-measure" ref={measureRef} aria-hidden="true">
        {views.map((v) => (
          <span key={v.id} className="tab">
            {v.label} <kbd>{v.key}</kbd>
          </span>
        ))}
        <span className="tab">More ▾</span>
      </div>
      {visible.map((v) => (
        <button
          key={v.id}
          type="button"
          className={view === v.id ? 'tab active' : 'tab'}
          aria-current={view === v.id ? 'page' : undefined}
          onClick={() => onView(v.id)}
        >
          {v.label} <kbd>{v.key}</kbd>
        </button>
      ))}
      {hidden.length > 0 && (
        <span className="more">
          <button
            ref={moreRef}
            type="button"
            className={hiddenActive ? 'tab active' : 'tab'}
            aria-haspopup="menu"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            {hiddenActive ? hiddenActive.label : 'More'} ▾
          </button>
          {open && (
            <ul className="more-menu" role="menu" aria-label="More views" ref={menuRef} onKeyDown={onMenuKey}>
              {hidden.map((v) => (
                <li key={v.id} role="none">
                  <button
                    type="button"
                    role="menuitem"
                    aria-current={view === v.id ? 'page' : undefined}
                    onClick={() => {
                      onView(v.id);
                      setOpen(false);
                    }}
                  >
                    {v.label} <kbd>{v.key}</kbd>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </span>
      )}
    </nav>
  );
}
