// Toil: its share of engineering time per week and quarter against the 50% cap, with the trend
// and a plain verdict; what to automate first (payback); chores that recur; my entries; my
// capacity and leave weeks.

import { useCallback, useEffect, useState } from 'react';
import { previousQuarter, quarterOf } from '../../../shared/domain/toil';
import { toilReportMarkdown } from '../../../shared/domain/toil-markdown';
import type { ToilEntry, ToilReport } from '../../../shared/toil-contract';
import { ToilShareChart } from '../../components/charts';
import { useApp } from '../../state/app';
import { loadToilQuarter, setCountPageTime, useToil, type Suggestion } from '../../state/toil';
import { AutomationSources } from './AutomationSources';
import { Capacity } from './Capacity';
import { RecurringChores } from './RecurringChores';
import { ToilByPerson } from './ToilByPerson';
import { ToilEntries } from './ToilEntries';
import { ToilStats } from './ToilStats';
import './toil.css';

function nextQuarter(quarter: string): string {
  const [year, q] = quarter.split('Q').map(Number);
  return q === 4 ? `${(year ?? 0) + 1}Q1` : `${year}Q${(q ?? 0) + 1}`;
}

export function ToilView(): React.JSX.Element {
  const info = useApp((s) => s.info);
  const revision = useApp((s) => s.revision);
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const setQuickOpen = useToil((s) => s.setQuickOpen);
  const [scope, setScope] = useState<'me' | 'team'>('me');
  const [quarter, setQuarter] = useState<string | null>(null);
  const [report, setReport] = useState<ToilReport | null>(null);
  const [entries, setEntries] = useState<ToilEntry[]>([]);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [countPageTime, setCountsPageTime] = useState(false);

  const load = useCallback(async () => {
    try {
      const next = await loadToilQuarter(scope, quarter);
      setReport(next.report);
      setCountsPageTime(next.report.countsPageTime);
      setEntries(next.entries);
      setSuggestions(next.suggestions);
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }, [scope, quarter, toast]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  if (!report || !info) return <p className="muted">Loading…</p>;
  const broken = report.current.share !== null && report.current.share > report.cap;

  async function copyMarkdown(): Promise<void> {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(toilReportMarkdown(report));
      toast('Report copied as Markdown.');
    } catch {
      toast('The clipboard is not available here; use `oncall toil report --md`.', 'error');
    }
  }

  const current = report.quarter;
  const today = quarterOf(new Date().toISOString().slice(0, 10));
  const empty = report.current.toilHours === 0 && entries.length === 0;
  const running = current === today;
  const thisWeek = running ? report.weeks.find((w) => w.week === thisMonday()) : undefined;

  return (
    <section className="toil-view" aria-labelledby="toil-title">
      <header className="view-header">
        <h1 id="toil-title">Toil</h1>
        <span className="muted">
          {report.who} · {current} ({report.first} –{' '}
          {report.through < report.last ? `${report.through}, so far` : report.last})
        </span>
        <div className="week-nav">
          <div role="group" aria-label="Whose toil" className="segmented">
            <button type="button" aria-pressed={scope === 'me'} onClick={() => setScope('me')}>
              Me
            </button>
            <button type="button" aria-pressed={scope === 'team'} onClick={() => setScope('team')}>
              Team
            </button>
          </div>
          <button type="button" onClick={() => setQuarter(previousQuarter(current))} aria-label="Previous quarter">
            ← {previousQuarter(current)}
          </button>
          <button
            type="button"
            onClick={() => setQuarter(nextQuarter(current))}
            aria-label="Next quarter"
            disabled={current >= today}
          >
            {nextQuarter(current)} →
          </button>
          <button type="button" onClick={() => void copyMarkdown()}>
            Copy as Markdown
          </button>
        </div>
      </header>
      <div className="toil-scroll">
        {empty && (
          <div className="panel empty-panel">
            <p>
              <strong>No toil logged in {current}.</strong> Press <kbd>t</kbd> and type how long and what — “45m alert
              triage payments” — or just what, to start a timer.
            </p>
            <button type="button" className="primary" onClick={() => setQuickOpen(true)}>
              Log toil <kbd>t</kbd>
            </button>
          </div>
        )}
        <ToilStats report={report} running={running} broken={broken} thisWeek={thisWeek} />
        {!empty && (
          <div className={`verdict${broken ? ' broken' : ''}`} role="status">
            <p>{running ? report.verdict : report.verdict.replace(/this quarter/g, `in ${current}`)}</p>
          </div>
        )}
        <ToilShareChart
          title="Toil per week, % of engineering time"
          cap={report.cap * 100}
          weeks={report.weeks.map((w) => ({
            label: w.week.slice(5),
            toil: w.share === null ? null : Math.round(w.share * 1000) / 10,
            trend: w.trend === null ? null : Math.max(0, Math.round(w.trend * 1000) / 10),
          }))}
        />
        <AutomationSources sources={report.sources} />
        {scope === 'team' && <ToilByPerson report={report} />}
        {suggestions.length > 0 && <RecurringChores suggestions={suggestions} />}
        {entries.length > 0 && <ToilEntries entries={entries} scope={scope} />}
        {scope === 'me' && <Capacity weeklyHours={info.me.weeklyCapacityHours} onSaved={changed} />}
        <label className="check panel">
          <input
            type="checkbox"
            checked={countPageTime}
            onChange={(e) => {
              void setCountPageTime(e.target.checked).then(changed);
            }}
          />
          Count time spent on pages as toil
        </label>
      </div>
    </section>
  );
}

function thisMonday(): string {
  const now = new Date();
  const monday = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7)));
  return monday.toISOString().slice(0, 10);
}
