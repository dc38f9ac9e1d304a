// The error budget figures a review opens with: every SLO at the end of the period, and for the
// monthly and quarterly reviews the trend, the breaches and the targets worth reviewing.

import type { Database } from 'better-sqlite3';
import type { ReviewBudgets } from '../../shared/report-contract';
import { listSloRows } from '../store/slos';
import { sloBreaches, sloStatuses } from './slo-status';

const day = 86_400_000;

/** Ends of the weeks (monthly) or months (quarterly) of [from, to), each labelled. */
function trendPoints(kind: 'monthly' | 'quarterly', from: number, to: number): { at: number; label: string }[] {
  const points: { at: number; label: string }[] = [];
  if (kind === 'monthly') {
    for (let at = from + 7 * day; at < to; at += 7 * day)
      points.push({ at, label: new Date(at - 1).toISOString().slice(5, 10) });
  } else {
    const start = new Date(from);
    for (let m = 1; ; m++) {
      const at = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1);
      if (at >= to) break;
      points.push({ at, label: new Date(at - 1).toISOString().slice(0, 7) });
    }
  }
  points.push({
    at: to,
    label: new Date(to - 1).toISOString().slice(kind === 'monthly' ? 5 : 0, kind === 'monthly' ? 10 : 7),
  });
  return points;
}

export function reviewBudgetsFor(
  db: Database,
  kind: 'weekly' | 'monthly' | 'quarterly',
  from: number,
  to: number,
): ReviewBudgets {
  const rows = listSloRows(db);
  const status = sloStatuses(db, rows, to, false).map((s) => ({
    slo: s.slo.name,
    service: s.slo.service,
    target: s.slo.target,
    state: s.state,
    remaining: s.remaining,
    burnNow: s.burnNow,
    burn: s.burn,
    exhaustsAt: s.exhaustsAt,
    freeze: s.freeze,
  }));
  if (kind === 'weekly' || rows.length === 0) return { status, trend: [], breaches: [], targetsToReview: [] };
  const points = trendPoints(kind, from, to);
  const atPoints = points.map((p) => sloStatuses(db, rows, p.at, false));
  const trend = rows.map((row, i) => ({
    slo: row.name,
    service: row.service,
    points: points.map((p, j) => ({ label: p.label, remaining: atPoints[j]?.[i]?.remaining ?? 1 })),
  }));
  const targetsToReview: ReviewBudgets['targetsToReview'] = [];
  if (kind === 'quarterly') {
    // Judged week by week over the quarter.
    const weekly: ReturnType<typeof sloStatuses>[] = [];
    for (let at = from + 7 * day; at <= to; at += 7 * day) weekly.push(sloStatuses(db, rows, at, false));
    rows.forEach((row, i) => {
      const states = weekly.map((w) => w[i]?.state);
      if (states.every((s) => s === 'on-track'))
        targetsToReview.push({ slo: row.name, service: row.service, verdict: 'never at risk' });
      else if (states.every((s) => s === 'exhausted'))
        targetsToReview.push({ slo: row.name, service: row.service, verdict: 'always exhausted' });
    });
  }
  return { status, trend, breaches: sloBreaches(db, rows, from, to), targetsToReview };
}
