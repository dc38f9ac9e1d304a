// The pages list: newest first, virtualized (only the rows on screen exist), filtered and searched
// in the store. ↑/↓ move, Enter edits, Delete removes (with undo), `/` searches, Space marks pages
// to group into an incident.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Page } from '../../../shared/contract';
import { deletePage, useApp } from '../../app/store';
import { browserZone, minutesText, shortTime } from '../../format';
import { CreateIncidentDialog } from '../postmortems/CreateIncidentDialog';
import { useStudio } from '../postmortems/postmortemStore';
import { noFilters, usePages, type PageFilters } from './pagesStore';

const rowHeight = 52;

interface RowProps {
  page: Page;
  zone: string;
  /** The handle of the person this device logs as: other people's pages say whose they are. */
  me: string;
  selected: boolean;
  marked: boolean;
  style: React.CSSProperties;
  onMark: () => void;
  onSelect: () => void;
  onOpen: () => void;
  onDelete: () => void;
}

function PageRow({ page, zone, me, selected, marked, style, onMark, onSelect, onOpen, onDelete }: RowProps) {
  const triage = page.triage ?? 'untriaged';
  return (
    <div
      id={`page-${page.id}`}
      className={`page-row${selected ? ' selected' : ''}`}
      role="row"
      aria-selected={selected}
      style={style}
      onClick={onSelect}
      onDoubleClick={onOpen}
    >
      <span role="gridcell" className="mark">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={marked}
          aria-label={`Mark for an incident: ${page.summary}`}
          onClick={(e) => e.stopPropagation()}
          onChange={onMark}
        />
      </span>
      <span role="gridcell" className="when">
        {shortTime(page.receivedAt, zone)}
      </span>
      <span role="gridcell">
        <span className={`sev sev${page.severity}`}>SEV{page.severity}</span>
      </span>
      <span role="gridcell" className="service">
        {page.service}
        {page.personHandle !== me && <span className="who"> · @{page.personHandle}</span>}
      </span>
      <span role="gridcell" className="summary">
        <button type="button" className="link" onClick={onOpen} tabIndex={-1}>
          {page.summary}
        </button>
      </span>
      <span role="gridcell" className="chips">
        <span className={`chip ${triage}`}>{triage}</span>
        {page.sleepHour && <span className="chip sleep">sleep hours</span>}
        {page.offHours && !page.sleepHour && <span className="chip off">off hours</span>}
      </span>
      <span role="gridcell" className="minutes">
        {page.minutesSpent !== null ? minutesText(page.minutesSpent) : ''}
      </span>
      <span role="gridcell">
        <button
          type="button"
          className="icon"
          aria-label={`Delete page: ${page.summary}`}
          onClick={onDelete}
          tabIndex={-1}
        >
          ✕
        </button>
      </span>
    </div>
  );
}

function FilterBar({ filters, services }: { filters: PageFilters; services: string[] }) {
  const setFilters = usePages((s) => s.setFilters);
  const [query, setQuery] = useState(filters.query);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (query !== usePages.getState().filters.query) setFilters({ query });
    }, 200);
    return () => window.clearTimeout(timer);
  }, [query, setFilters]);
  const active = JSON.stringify({ ...filters, query }) !== JSON.stringify(noFilters);
  return (
    <div className="filters" role="search">
      <input
        id="page-search"
        type="search"
        placeholder="Search summaries and notes  ( / )"
        aria-label="Search pages"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <select aria-label="Service" value={filters.service} onChange={(e) => setFilters({ service: e.target.value })}>
        <option value="">All services</option>
        {services.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select aria-label="Severity" value={filters.severity} onChange={(e) => setFilters({ severity: e.target.value })}>
        <option value="">Any severity</option>
        {[1, 2, 3, 4, 5].map((n) => (
          <option key={n} value={n}>
            SEV{n}
          </option>
        ))}
      </select>
      <select
        aria-label="Actionable or noise"
        value={filters.triage}
        onChange={(e) => setFilters({ triage: e.target.value as PageFilters['triage'] })}
      >
        <option value="">Actionable and noise</option>
        <option value="actionable">Actionable</option>
        <option value="noise">Noise</option>
        <option value="untriaged">Not triaged</option>
      </select>
      <label className="check">
        <input
          type="checkbox"
          checked={filters.sleepHour}
          onChange={(e) => setFilters({ sleepHour: e.target.checked })}
        />
        Sleep hours only
      </label>
      <label className="date">
        From
        <input type="date" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} />
      </label>
      <label className="date">
        To
        <input type="date" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} />
      </label>
      {active && (
        <button
          type="button"
          onClick={() => {
            setQuery('');
            setFilters(noFilters);
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

export function PagesView(): React.JSX.Element {
  const info = useApp((s) => s.info);
  const revision = useApp((s) => s.revision);
  const openDialog = useApp((s) => s.openDialog);
  const { pages, filters, nextCursor, loading, error, reload, loadMore } = usePages();
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
            : `${pages.length}${nextCursor ? '+' : ''} ${filtered ? 'matching' : ''} pages`}
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
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!loading && pages.length === 0 ? (
        <p className="empty-filter">No pages match these filters.</p>
      ) : (
        <div
          ref={scrollRef}
          className="page-list"
          role="grid"
          aria-label="Pages, newest first"
          aria-rowcount={nextCursor ? -1 : pages.length}
          tabIndex={0}
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
