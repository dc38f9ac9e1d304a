// The quarter's toil share against the cap, its hours, last quarter's share, and this week's.

import { previousQuarter } from '../../../shared/domain/toil';
import type { ToilReport } from '../../../shared/toil-contract';
import { hours, pct } from './figures';

export function ToilStats({
  report,
  running,
  broken,
  thisWeek,
}: {
  report: ToilReport;
  /** The quarter shown is the one under way. */
  running: boolean;
  broken: boolean;
  thisWeek: ToilReport['weeks'][number] | undefined;
}): React.JSX.Element {
  const current = report.quarter;
  return (
    <div className="stats">
      <div
        className={`stat${broken ? ' broken' : report.current.share !== null ? ' met' : ''}`}
        data-testid="toil-share"
      >
        <span className="stat-label">{running ? 'Toil this quarter' : `Toil in ${current}`}</span>
        <span className="stat-value">{pct(report.current.share)}</span>
        <span className="stat-target">cap: {pct(report.cap)} of engineering time</span>
      </div>
      <div className="stat">
        <span className="stat-label">Toil hours</span>
        <span className="stat-value">{hours(report.current.toilHours)}</span>
        <span className="stat-target">of {hours(report.current.capacityHours)} engineering time</span>
      </div>
      <div className="stat">
        <span className="stat-label">{running ? 'Last quarter' : previousQuarter(current)}</span>
        <span className="stat-value">{report.previous.toilHours > 0 ? pct(report.previous.share) : '—'}</span>
        <span className="stat-target">should be falling</span>
      </div>
      {running && (
        <div className="stat" data-testid="toil-week">
          <span className="stat-label">This week</span>
          <span className="stat-value">{pct(thisWeek?.share ?? null)}</span>
          <span className="stat-target">{hours(thisWeek?.toilHours ?? 0)} of toil</span>
        </div>
      )}
    </div>
  );
}
