// The load metrics as tiles, each with its target (met or broken) and its definition behind a "?".

import { memo } from 'react';
import type { Dashboard, LoadSummary } from '../../../shared/report-contract';
import { Definition } from '../../components/Definition';
import { n1, pct } from './figures';

function Tile({
  label,
  value,
  detail,
  definition,
  status,
}: {
  label: string;
  value: string;
  detail?: string;
  definition: string;
  status?: 'met' | 'broken';
}): React.JSX.Element {
  return (
    <div className={`stat${status ? ` ${status}` : ''}`}>
      <span className="stat-label">
        {label} <Definition term={label} text={definition} />
      </span>
      <span className="stat-value">{value}</span>
      {detail && <span className="stat-target">{detail}</span>}
    </div>
  );
}

/** Memoised like the charts below: typing a date in the range form re-renders none of them. */
export const Tiles = memo(function Tiles({ d }: { d: Dashboard }): React.JSX.Element {
  const t: LoadSummary = d.totals;
  const def = d.definitions;
  const status = (value: number | null, ok: boolean): 'met' | 'broken' | undefined =>
    value === null ? undefined : ok ? 'met' : 'broken';
  return (
    <div className="stats" aria-label="Load metrics" role="group">
      <Tile
        label="Actionable pages per on-call week"
        value={n1(t.actionablePerOnCallWeek)}
        detail={`target: fewer than ${d.targets.actionablePagesPerWeek} · all ${n1(t.pagesPerOnCallWeek)} · noise ${n1(t.noisePerOnCallWeek)}${t.untriaged > 0 ? ` · ${t.untriaged} not triaged, not counted` : ''}`}
        definition={def.actionablePerOnCallWeek ?? ''}
        status={status(t.actionablePerOnCallWeek, (t.actionablePerOnCallWeek ?? 0) < d.targets.actionablePagesPerWeek)}
      />
      <Tile
        label="Sleep-hour pages per shift"
        value={n1(t.sleepHourPagesPerShift)}
        detail={`target: fewer than ${d.targets.sleepHourPagesPerShift} · ${t.sleepHourPages} in ${t.shifts} shifts`}
        definition={def.sleepHourPagesPerShift ?? ''}
        status={status(t.sleepHourPagesPerShift, (t.sleepHourPagesPerShift ?? 0) < d.targets.sleepHourPagesPerShift)}
      />
      <Tile
        label="Incidents per 12 hours on call"
        value={n1(t.incidentsPer12Hours)}
        detail={`target: at most ${d.targets.incidentsPer12Hours}`}
        definition={def.incidentsPer12Hours ?? ''}
        status={status(t.incidentsPer12Hours, (t.incidentsPer12Hours ?? 0) <= d.targets.incidentsPer12Hours)}
      />
      <Tile
        label="Pages per on-call hour"
        value={t.pagesPerOnCallHour === null ? '—' : t.pagesPerOnCallHour.toFixed(2)}
        detail={`${t.pages} pages · ${t.actionable} actionable · ${t.noise} noise`}
        definition={def.pagesPerOnCallHour ?? ''}
      />
      <Tile
        label="Off-hours · weekend pages"
        value={`${t.offHoursPages} · ${t.weekendPages}`}
        definition={`${def.offHoursPages ?? ''} ${def.weekendPages ?? ''}`}
      />
      <Tile
        label="Time spent on pages"
        value={`${n1(t.minutesSpent / 60)} h`}
        detail={`${pct(t.over30Share)} took more than 30 minutes`}
        definition={`${def.minutesSpent ?? ''} ${def.over30Share ?? ''}`}
      />
      <Tile
        label="Time to acknowledge"
        value={`${n1(t.ackMeanMinutes)} min`}
        detail={`p90 ${n1(t.ackP90Minutes)} min`}
        definition={def.ack ?? ''}
      />
      <Tile
        label="Time to resolve"
        value={`${n1(t.resolveMeanMinutes)} min`}
        detail={`p90 ${n1(t.resolveP90Minutes)} min`}
        definition={def.resolve ?? ''}
      />
      <Tile
        label="Hours on call"
        value={n1(t.onCallHours)}
        detail={`business ${n1(t.businessHours)} · off ${n1(t.offHours)} · sleep ${n1(t.sleepHours)} · weekend ${n1(t.weekendHours)} · holiday ${n1(t.holidayHours)} · ${t.nights} nights · primary ${n1(t.primaryHours)}`}
        definition={`${def.onCallHours ?? ''} ${def.primaryHours ?? ''}`}
      />
      {d.scope === 'team' && (
        <Tile
          label="Top 20% share · Gini · balance"
          value={pct(d.equity.topShare)}
          detail={`Gini ${d.equity.gini === null ? '—' : d.equity.gini.toFixed(2)} · balance ${d.equity.balance === null ? '—' : d.equity.balance.toFixed(2)}${d.equity.topShareOverHalf ? ' · the top 20% carry more than half' : ''}`}
          definition={def.topShare ?? ''}
          status={status(d.equity.topShare, (d.equity.topShare ?? 0) <= d.targets.topShareMax)}
        />
      )}
    </div>
  );
});
