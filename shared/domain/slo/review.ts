// The error budget part of the reviews (the reliability meetings' agendas): status of every SLO
// first, then — monthly — trends and breaches with their impact, and — quarterly — the SLO targets
// worth reviewing; and the reliability priorities that follow from them. Markdown, pure.

import type { ReviewBudgets } from '../../report-contract';

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
const stateWords = { 'on-track': 'on track', 'at-risk': 'at risk', exhausted: 'exhausted → freeze' } as const;
const burnWords = { fast: 'fast (page)', slow: 'slow (ticket)', none: '—' } as const;

function table(header: string[], rows: string[][]): string[] {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

export function budgetMarkdown(kind: 'weekly' | 'monthly' | 'quarterly', budgets: ReviewBudgets): string[] {
  const lines: string[] = ['### Error budget status', ''];
  if (budgets.status.length === 0) {
    lines.push('No SLOs yet: add them with `oncall slo add` or in the Error budgets view.', '');
    return lines;
  }
  lines.push(
    ...table(
      ['service', 'SLO', 'objective', 'state', 'budget left', 'burn (last day)', 'burning', 'exhausted by'],
      budgets.status.map((s) => [
        s.service,
        s.slo,
        `${Number((s.target * 100).toPrecision(6))}%`,
        stateWords[s.state],
        pct(s.remaining),
        s.burnNow.toFixed(2),
        burnWords[s.burn],
        s.exhaustsAt ? s.exhaustsAt.slice(0, 10) : '—',
      ]),
    ),
    '',
  );
  for (const s of budgets.status.filter((x) => x.freeze))
    lines.push(
      `**Freeze:** ${s.service}'s ${s.slo} budget is exhausted — the team's policy freezes risky releases until it recovers.`,
      '',
    );
  if (kind !== 'weekly' && budgets.trend.length > 0) {
    const labels = budgets.trend[0]?.points.map((p) => p.label) ?? [];
    lines.push(
      '### Budget trends',
      '',
      ...table(
        ['SLO', ...labels],
        budgets.trend.map((t) => [`${t.service}/${t.slo}`, ...t.points.map((p) => pct(p.remaining))]),
      ),
      '',
    );
  }
  if (kind !== 'weekly') {
    lines.push('### SLO breaches', '');
    if (budgets.breaches.length === 0) lines.push('No SLO was breached in this period.', '');
    for (const b of budgets.breaches) {
      const incidents = b.incidents.map((i) => `${i.title} (used ${pct(i.cost)} of the budget)`).join('; ');
      lines.push(
        `- **${b.service}/${b.slo}** breached from ${b.start.slice(0, 10)} to ${b.end.slice(0, 10)} (up to ${pct(b.worstConsumed)} of its budget spent)${incidents ? ` — incidents: ${incidents}` : ''}`,
      );
    }
    if (budgets.breaches.length > 0) lines.push('');
  }
  if (kind === 'quarterly') {
    lines.push('### SLO targets to review', '');
    if (budgets.targetsToReview.length === 0)
      lines.push('Every SLO was at risk at some point and recovered: the targets look right.', '');
    for (const t of budgets.targetsToReview)
      lines.push(
        t.verdict === 'never at risk'
          ? `- **${t.service}/${t.slo}** was never at risk this quarter — maybe the target is too loose.`
          : `- **${t.service}/${t.slo}** was exhausted all quarter — maybe the target is too tight, or the work to meet it is underfunded.`,
      );
    if (budgets.targetsToReview.length > 0) lines.push('');
  }
  return lines;
}

/** Reliability priorities that follow from the budgets (and postmortems still owed). */
export function budgetPriorities(budgets: ReviewBudgets, owedPostmortems: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of budgets.status.filter((x) => x.state === 'exhausted'))
    out.push(`Hold the freeze on ${s.service} and fund the reliability work that brings ${s.slo} back within budget.`);
  for (const s of budgets.status.filter((x) => x.state !== 'exhausted' && x.burn === 'fast'))
    out.push(`Find what is burning ${s.service}'s budget fast (${s.slo}: ${s.burnNow.toFixed(1)}× over the last day).`);
  for (const s of budgets.status.filter((x) => x.state === 'at-risk' && x.burn !== 'fast'))
    out.push(
      `${s.service} is at risk (${pct(s.remaining)} of ${s.slo}'s budget left): prefer reliability work there over new risk.`,
    );
  for (const title of owedPostmortems) out.push(`Write the postmortem for “${title}”.`);
  return out;
}
