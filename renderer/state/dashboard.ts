// The Load view's data. Its first request starts the moment the view is chosen (`d` or its tab),
// so the data is on its way while React swaps the views; the view takes it as it mounts. Then
// the team's targets and holidays, and the reviews.

import type { OperationInput } from '../../shared/contract';
import type { Dashboard } from '../../shared/report-contract';
import { call } from '../api';

export const dayMs = 86_400_000;

export interface Range {
  preset: string;
  fromMs: number;
  toMs: number;
}

export function presetRange(id: string, days: number): Range {
  // The end is the next whole hour, so a reload shows the same figures.
  const toMs = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  return { preset: id, fromMs: toMs - days * dayMs, toMs };
}

export const defaultRange = (): Range => presetRange('13w', 91);

export interface DashboardRequest {
  scope: 'team' | 'me';
  from: string;
  to: string;
}

export const dashboardRequest = (scope: 'team' | 'me', range: Range): DashboardRequest => ({
  scope,
  from: new Date(range.fromMs).toISOString(),
  to: new Date(range.toMs).toISOString(),
});

let pending: { key: string; at: number; promise: Promise<Dashboard> } | null = null;

/**
 * Asks for the view's default dashboard now; the view takes the answer when it mounts. A request
 * already on its way for the same range (the `d` key asks in its capture phase, then again as it
 * shows the view) is not asked twice.
 */
export function prefetchDashboard(): void {
  const request = dashboardRequest('team', defaultRange());
  if (pending && pending.key === JSON.stringify(request) && Date.now() - pending.at < 5000) return;
  const promise = call('dashboard.get', request);
  // The view reports a failure when it takes the promise; none is unhandled meanwhile.
  promise.catch(() => undefined);
  pending = { key: JSON.stringify(request), at: Date.now(), promise };
}

/** The dashboard for a request: the prefetched one if it is for the same request and fresh. */
export function fetchDashboard(request: DashboardRequest): Promise<Dashboard> {
  const taken = pending;
  pending = null;
  if (taken && taken.key === JSON.stringify(request) && Date.now() - taken.at < 5000) return taken.promise;
  return call('dashboard.get', request);
}

export const setTargets = (input: OperationInput<'targets.set'>) => call('targets.set', input);
export const listHolidays = (team: string) => call('holidays.list', { team });
export const addHoliday = (input: OperationInput<'holidays.add'>) => call('holidays.add', input);
export const removeHoliday = (team: string, date: string) => call('holidays.remove', { team, date });
export const importHolidays = async (team: string, file: File) =>
  call('holidays.import', { team, ics: await file.text(), fileName: file.name });
export const loadReview = (input: OperationInput<'report.review'>) => call('report.review', input);
/** The team's own targets over the defaults, with the shift limit (which the dashboard does not carry). */
export const getTargets = (team: string) => call('targets.get', { team });
