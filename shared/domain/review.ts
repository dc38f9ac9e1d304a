// Review reports over the load dashboard: the period a weekly, monthly or quarterly review
// covers, the reliability risks the data suggests, and Markdown that pastes cleanly into a doc
// or a pull request. Pure. People are listed by name, never ranked.

import type { Dashboard, ReviewReport } from '../report-contract';
import { equityMinDays } from './dashboard';
import { budgetMarkdown } from './slo/review';

const dayMs = 86_400_000;

export type ReviewKind = 'weekly' | 'monthly' | 'quarterly';

export interface Period {
  fromMs: number;
  toMs: number;
  label: string;
}

/** The UTC week (from Monday), calendar month or quarter containing an instant, and the one before it. */
export function reviewPeriods(kind: ReviewKind, atMs: number): { current: Period; previous: Period } {
  const at = new Date(atMs);
  if (kind === 'weekly') {
    const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
    const from = midnight - ((at.getUTCDay() + 6) % 7) * dayMs;
    const label = (ms: number): string => `week of ${new Date(ms).toISOString().slice(0, 10)}`;
    return {
      current: { fromMs: from, toMs: from + 7 * dayMs, label: label(from) },
      previous: { fromMs: from - 7 * dayMs, toMs: from, label: label(from - 7 * dayMs) },
    };
  }
  const months = kind === 'monthly' ? 1 : 3;
  const year = at.getUTCFullYear();
  const first = kind === 'monthly' ? at.getUTCMonth() : Math.floor(at.getUTCMonth() / 3) * 3;
  const start = (offset: number): number => Date.UTC(year, first + offset, 1);
  const label = (ms: number): string => {
    const d = new Date(ms);
    return kind === 'monthly'
      ? d.toISOString().slice(0, 7)
      : `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  };
  return {
    current: { fromMs: start(0), toMs: start(months), label: label(start(0)) },
    previous: { fromMs: start(-months), toMs: start(0), label: label(start(-months)) },
  };
}

/** Up to three risks the data suggests: the noisiest service, the slowest to resolve, the one that wakes people most. */
export function suggestRisks(dashboard: Dashboard): { title: string; sentence: string }[] {
  const risks: { title: string; sentence: string }[] = [];
  const services = dashboard.services;
  const noisiest = [...services].sort((a, b) => b.pages - a.pages)[0];
  if (noisiest && noisiest.pages > 0)
    risks.push({
      title: `Noisiest service: ${noisiest.service}`,
      sentence: `${noisiest.service} sent ${noisiest.pages} pages${noisiest.nonActionableRatio !== null ? `, ${Math.round(noisiest.nonActionableRatio * 100)}% of them needing no action` : ''}: tune or remove the alerts that need no action and fix the causes of the rest.`,
    });
  const slowest = [...services]
    .filter((s) => s.resolveMeanMinutes !== null && s.pages >= 3)
    .sort((a, b) => (b.resolveMeanMinutes ?? 0) - (a.resolveMeanMinutes ?? 0))[0];
  if (slowest && slowest.resolveMeanMinutes !== null)
    risks.push({
      title: `Longest time to resolve: ${slowest.service}`,
      sentence: `Pages from ${slowest.service} took ${Math.round(slowest.resolveMeanMinutes)} minutes on average to resolve: check that its runbooks, dashboards and rollbacks make the fix quick.`,
    });
  const wakes = [...services].sort((a, b) => b.sleepHourPages - a.sleepHourPages)[0];
  if (wakes && wakes.sleepHourPages > 0)
    risks.push({
      title: `Most sleep-hour pages: ${wakes.service}`,
      sentence: `${wakes.service} paged ${wakes.sleepHourPages} times in people’s sleep hours: let what can wait become a morning ticket, and fix what cannot.`,
    });
  return risks;
}

/** A table cell: no pipes or line breaks that would break the table. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const n1 = (value: number | null): string => (value === null ? '—' : (Math.round(value * 10) / 10).toString());
const pct = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);
const day = (iso: string): string => iso.slice(0, 10);

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

function change(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return '—';
  if (previous === 0) return current === 0 ? '0' : 'new';
  const delta = (current - previous) / previous;
  return `${delta >= 0 ? '+' : '−'}${Math.abs(Math.round(delta * 100))}%`;
}

export function reviewMarkdown(report: Omit<ReviewReport, 'markdown'>): string {
  const d = report.current;
  const lines: string[] = [];
  lines.push(`## ${report.title}`, '');
  lines.push(`_${day(report.from)} to ${day(report.to)} (UTC)${report.team ? ` · team ${report.team}` : ''}_`, '');
  // The agenda: error budgets first, then incidents and their postmortems, then on-call load,
  // then what to do first.
  lines.push(...budgetMarkdown(report.kind, report.budgets));
  if (report.kind === 'weekly') {
    lines.push('### Incidents', '');
    if (report.incidents.length === 0) lines.push('No incidents this week.', '');
    else
      lines.push(
        ...table(
          ['started (UTC)', 'severity', 'incident', 'resolved', 'postmortem'],
          report.incidents.map((i) => [
            i.startedAt.slice(0, 16).replace('T', ' '),
            `SEV${i.severity}`,
            i.title,
            i.resolvedAt ? i.resolvedAt.slice(0, 16).replace('T', ' ') : 'not yet',
            i.postmortem ?? (i.expectsPostmortem ? 'expected, not started' : '—'),
          ]),
        ),
        '',
      );
    lines.push('### Open pages', '');
    if (report.openIncidents.length === 0) lines.push('None open.', '');
    else
      lines.push(
        ...table(
          ['received (UTC)', 'service', 'summary', 'on call', 'postmortem'],
          report.openIncidents.map((i) => [
            i.receivedAt.slice(0, 16).replace('T', ' '),
            i.service,
            i.summary,
            `@${i.handle}`,
            i.postmortem ?? '—',
          ]),
        ),
        '',
      );
  }
  lines.push('### On-call load', '');
  if (!d.hasData) lines.push('No pages and no on-call time in this period.', '');
  else loadLines(report, lines);
  if (report.priorities.length > 0) {
    lines.push('### Suggested reliability priorities', '');
    report.priorities.forEach((p, i) => lines.push(`${i + 1}. ${p}`));
    lines.push('');
  }
  if (report.risks.length > 0) {
    lines.push('### Top reliability risks', '');
    report.risks.forEach((r, i) => lines.push(`${i + 1}. **${r.title}.** ${r.sentence}`));
    lines.push('');
  }
  return lines.join('\n');
}

/** The on-call load part of a review: totals, targets, comparison, trend, equity, people, services. */
function loadLines(report: Omit<ReviewReport, 'markdown'>, lines: string[]): void {
  const d = report.current;
  const t = d.totals;
  lines.push(
    `**${t.pages} pages** (${t.actionable} actionable, ${t.noise} noise, ${t.untriaged} not triaged) · **${t.sleepHourPages} in sleep hours** · ${n1(t.onCallHours)} hours on call · time spent ${Math.round(t.minutesSpent / 60)} h · time to acknowledge mean ${n1(t.ackMeanMinutes)} min (p90 ${n1(t.ackP90Minutes)}) · to resolve mean ${n1(t.resolveMeanMinutes)} min (p90 ${n1(t.resolveP90Minutes)})`,
    '',
  );
  if (d.findings.length > 0) {
    lines.push('### Targets', '');
    for (const f of d.findings) lines.push(`- **${f.met ? 'Met' : 'Not met'}:** ${f.sentence}`);
    lines.push('');
  }
  if (report.previous) {
    const p = report.previous.totals;
    const rows: [string, number | null, number | null][] = [
      ['Pages', t.pages, p.pages],
      ['Actionable pages per on-call week', t.actionablePerOnCallWeek, p.actionablePerOnCallWeek],
      ['Sleep-hour pages per shift', t.sleepHourPagesPerShift, p.sleepHourPagesPerShift],
      ['Hours on call', t.onCallHours, p.onCallHours],
      ['Mean minutes to resolve', t.resolveMeanMinutes, p.resolveMeanMinutes],
    ];
    lines.push(`### Compared with ${day(report.previous.from)} to ${day(report.previous.to)}`, '');
    lines.push(
      ...table(
        ['', 'this period', 'before', 'change'],
        rows.map(([label, now, before]) => [label, n1(now), n1(before), change(now, before)]),
      ),
      '',
    );
  }
  if (report.periods.length > 0) {
    lines.push('### Trend by month', '');
    lines.push(
      ...table(
        ['month', 'pages', 'actionable / on-call week', 'sleep-hour pages / shift', 'Gini', 'top 20% share'],
        report.periods.map((m) => [
          m.label,
          String(m.pages),
          n1(m.actionablePerOnCallWeek),
          n1(m.sleepHourPagesPerShift),
          m.gini === null ? '—' : m.gini.toFixed(2),
          pct(m.topShare),
        ]),
      ),
      '',
    );
  }
  if (d.scope === 'team' && Date.parse(d.to) - Date.parse(d.from) >= equityMinDays * 86_400_000) {
    lines.push(
      `Equity: top 20% of people handled ${pct(d.equity.topShare)} of pages · Gini of load per on-call hour ${d.equity.gini === null ? '—' : d.equity.gini.toFixed(2)} · balance of hours on call ${d.equity.balance === null ? '—' : d.equity.balance.toFixed(2)}`,
      '',
    );
  }
  lines.push('### Who carried the load', '');
  const carried = [...d.people]
    .filter((p) => p.pages > 0 || p.onCallHours > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
  lines.push(
    ...table(
      [
        'person',
        'hours on call',
        'pages',
        'actionable',
        'sleep-hour pages',
        'nights',
        'weekend hours',
        'holiday hours',
      ],
      carried.map((p) => [
        `${p.name} (@${p.handle})`,
        n1(p.onCallHours),
        String(p.pages),
        String(p.actionable),
        String(p.sleepHourPages),
        String(p.nights),
        n1(p.weekendHours),
        n1(p.holidayHours),
      ]),
    ),
    '',
  );
  lines.push('### Services', '');
  lines.push(
    ...table(
      ['service', 'pages', 'noise', 'sleep-hour pages', 'mean minutes to resolve'],
      d.services.map((s) => [
        s.service,
        String(s.pages),
        pct(s.nonActionableRatio),
        String(s.sleepHourPages),
        n1(s.resolveMeanMinutes),
      ]),
    ),
    '',
  );
}
