// The quarterly toil report as Markdown that pastes cleanly into a doc or a pull request.

import type { ToilReport } from '../toil-contract';

const pct = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
const hours = (h: number): string => (Math.round(h * 10) / 10).toString();
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function toilReportMarkdown(report: ToilReport): string {
  const lines = [
    `## Toil ${report.quarter} — ${report.who}${report.through < report.last ? ` (to ${report.through})` : ''}`,
    '',
    `${report.verdict}`,
    '',
    `- Toil: **${hours(report.current.toilHours)} h** of ${hours(report.current.capacityHours)} h engineering time (**${pct(report.current.share)}**; cap ${pct(report.cap)})`,
    `- Last quarter: ${pct(report.previous.share)}`,
    `- Time spent on pages ${report.countsPageTime ? 'counts' : 'does not count'} as toil`,
    '',
    '### By week',
    '',
    '| week of | toil h | capacity h | toil % |',
    '| --- | ---: | ---: | ---: |',
    ...report.weeks.map((w) => `| ${w.week} | ${hours(w.toilHours)} | ${hours(w.capacityHours)} | ${pct(w.share)} |`),
  ];
  if (report.scope === 'team') {
    lines.push('', '### By person', '', '| person | toil h | capacity h | toil % |', '| --- | ---: | ---: | ---: |');
    for (const p of report.people)
      lines.push(`| ${cell(p.name)} | ${hours(p.toilHours)} | ${hours(p.capacityHours)} | ${pct(p.share)} |`);
  }
  lines.push('', '### What to automate first', '');
  if (report.sources.length === 0) lines.push('No toil recorded this quarter.');
  else {
    lines.push(
      '| source | hours this quarter | entries | effort to automate (h) | payback per quarter |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const s of report.sources) {
      lines.push(
        `| ${cell(s.label)} | ${hours(s.hours)} | ${s.entries} | ${s.effortHours === null ? '—' : hours(s.effortHours)} | ${s.payback === null ? '—' : `${hours(s.payback)}×`} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
