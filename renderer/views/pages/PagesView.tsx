// The pages list: newest first, virtualized (only the rows on screen exist), filtered and searched
// in the store. ↑/↓ move, Enter edits, Delete removes (with undo), `/` searches, Space marks pages
// to group into an incident.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Page } from '../../../shared/contract';
import { FormError } from '../../components/Field';
import { browserZone } from '../../format';
import { useApp } from '../../state/app';
import { deletePage, noFilters, usePages } from '../../state/pages';
import { useStudio } from '../../state/postmortems';
import { CreateIncidentDialog } from './CreateIncidentDialog';
import { FilterBar } from './FilterBar';
import { PageRow } from './PageRow';
import './pages.css';

const rowHeight = 60;

export function PagesView(): React.JSX.Element {
  const info = useApp((s) => s.info);
  const revision = useApp((s) => s.revision);
  const openDialog = useApp((s) => s.openDialog);
  const { pages, filters, nextCursor, total, loading, error, reload, loadMore } = usePages();
  const [selected, setSelected] = useState(0);
  const marked = useStudio((s) => s.marked);
  const toggleMark = useStudio((s) => s.toggleMark);
  const clearMarks = useStudio((s) => s.clearMarks);
  const [creating, setCreating] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void reload();
  }, [revision, reload]);

  const virtualizer = useVirtualizer({
    count: pages.length + (nextCursor ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (nextCursor && lastIndex >= pages.length - 20) void loadMore();
  }, [lastIndex, pages.length, nextCursor, loadMore]);

  useEffect(() => {
    if (selected >= pages.length) setSelected(Math.max(0, pages.length - 1));
  }, [pages.length, selected]);

  // Once the list has rows, it takes the keys (↑/↓/Enter/Del) unless the person is already elsewhere.
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (focusedOnce.current || pages.length === 0) return;
    focusedOnce.current = true;
    const active = document.activeElement;
    if ((!active || active === document.body) && !useApp.getState().dialog)
      scrollRef.current?.focus({ preventScroll: true });
  }, [pages.length]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const page = pages[selected];
    const move = (to: number): void => {
      const next = Math.max(0, Math.min(pages.length - 1, to));
      setSelected(next);
      virtualizer.scrollToIndex(next);
    };
    if (event.key === 'ArrowDown' || event.key === 'j') move(selected + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') move(selected - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(pages.length - 1);
    else if (event.key === 'PageDown') move(selected + 10);
    else if (event.key === 'PageUp') move(selected - 10);
    else if (event.key === 'Enter' && page) openDialog({ mode: 'edit', page });
    else if ((event.key === 'Delete' || event.key === 'Backspace') && page) void deletePage(page);
    else if (event.key === ' ' && page) toggleMark(page.id);
    else return;
    event.preventDefault();
  }

  if (info && !info.hasPages) {
    return (
      <section className="empty" aria-labelledby="empty-title">
        <h1 id="empty-title">No pages yet</h1>
        <p>When something pages you, log it here in a few seconds — even offline, even at 3 a.m.</p>
        <button type="button" className="primary big" onClick={() => openDialog({ mode: 'add' })}>
          Log a page <kbd>n</kbd>
        </button>
        <p className="muted">
          Just trying it out? Run <code>npx oncall demo --data-dir …</code> for two years of a realistic team history.
        </p>
      </section>
    );
  }

  const filtered = JSON.stringify(filters) !== JSON.stringify(noFilters);
  return (
    <section className="pages-view" aria-labelledby="pages-title">
      <header className="view-header">
        <h1 id="pages-title">Pages</h1>
        <span className="muted" aria-live="polite">
          {loading && pages.length === 0
            ? 'Loading…'
            : total !== null
              ? `${total.more ? 'over ' : ''}${total.total.toLocaleString('en')} ${filtered ? 'matching ' : ''}${total.total === 1 && !total.more ? 'page' : 'pages'}`
              : `${pages.length}${nextCursor ? '+' : ''} ${filtered ? 'matching ' : ''}pages, counting…`}
        </span>
      </header>
      <FilterBar filters={filters} services={info?.services ?? []} />
      {marked.length > 0 && (
        <div className="mark-bar" role="region" aria-label="Marked pages">
          <span>
            {marked.length} {marked.length === 1 ? 'page' : 'pages'} marked
          </span>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Create incident…
          </button>
          <button type="button" onClick={clearMarks}>
            Clear marks
          </button>
        </div>
      )}
      {creating && (
        <CreateIncidentDialog
          pages={marked.map((id) => pages.find((p) => p.id === id)).filter((p): p is Page => p !== undefined)}
          onClose={() => setCreating(false)}
        />
      )}
      <FormError message={error} />
      {!loading && pages.length === 0 ? (
        <p className="empty-filter">No pages match these filters.</p>
      ) : (
        <div
          ref={scrollRef}
          className="page-list"
          role="grid"
          aria-label="Pages, newest first"
          aria-rowcount={nextCursor ? (total && !total.more ? total.total : -1) : pages.length}
          tabIndex={0}
          data-keys-home
          onKeyDown={onKeyDown}
          aria-activedescendant={pages[selected] ? `page-${pages[selected].id}` : undefined}
        >
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const page = pages[item.index];
              const style: React.CSSProperties = { height: rowHeight, transform: `translateY(${item.start}px)` };
              return page ? (
                <PageRow
                  key={item.key}
                  page={page}
                  zone={info?.me.timeZone ?? browserZone()}
                  me={info?.me.handle ?? ''}
                  style={style}
                  selected={item.index === selected}
                  marked={marked.includes(page.id)}
                  onMark={() => toggleMark(page.id)}
                  onSelect={() => setSelected(item.index)}
                  onOpen={() => openDialog({ mode: 'edit', page })}
                  onDelete={() => void deletePage(page)}
                />
              ) : (
                <div key={item.key} role="row" className="page-row loading-row" style={style}>
                  <span role="gridcell">Loading more…</span>
                </div>
              );
            })}
          </div>
        </div>
      )}
      <p className="hint">
        <kbd>↑</kbd>/<kbd>↓</kbd> move · <kbd>Enter</kbd> edit · <kbd>Del</kbd> delete · <kbd>Space</kbd> mark for an
        incident · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo · <kbd>/</kbd> search
      </p>
    </section>
  );
}
