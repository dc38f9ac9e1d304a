// The pages list's search and filters: words, service, severity, triage, sleep hours, dates.

import { useEffect, useState } from 'react';
import { InputField } from '../../components/Field';
import { noFilters, usePages, type PageFilters } from '../../state/pages';

const dateFilters = [
  ['from', 'From'],
  ['to', 'To'],
] as const;

export function FilterBar({ filters, services }: { filters: PageFilters; services: string[] }) {
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
      {dateFilters.map(([key, label]) => (
        <InputField
          key={key}
          layout="inline"
          className="date"
          label={label}
          type="date"
          value={filters[key]}
          onValue={(date) => setFilters({ [key]: date })}
        />
      ))}
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
