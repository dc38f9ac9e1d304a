// Error budgets' state: every SLO's budget status (the Error budgets view, the Load view's link
// from a noisy service, an incident's cost), which SLO is selected, and the calls that create,
// edit, import and remove SLOs (a removal can be undone: the SLO's own OpenSLO text goes back).

import { create } from 'zustand';
import type { OperationInput } from '../../shared/contract';
import type { Incident } from '../../shared/postmortem-contract';
import type { BudgetStatusOutput, SloSummary } from '../../shared/slo-contract';
import { incidentBudgetCosts, type IncidentCost } from '../../shared/domain/slo/budget-view';
import { call } from '../api';
import { useApp } from './app';

interface BudgetsState {
  statuses: BudgetStatusOutput[];
  loaded: boolean;
  /** When the statuses were asked for (ms): the burn-down's measured days end there, its projection starts. */
  loadedAt: number;
  /** The SLO whose burn-down is shown. */
  selected: string | null;
  /** A service the New SLO form opens for (from the Load view's "add one"). */
  newFor: string | null;
  load: () => Promise<void>;
  select: (name: string | null) => void;
}

export const useBudgets = create<BudgetsState>((set, get) => ({
  statuses: [],
  loaded: false,
  loadedAt: 0,
  selected: null,
  newFor: null,
  load: async () => {
    try {
      const loadedAt = Date.now();
      const statuses = await call('slos.status', {});
      const selected = get().selected;
      set({
        statuses,
        loaded: true,
        loadedAt,
        selected: statuses.some((s) => s.slo.name === selected) ? selected : (statuses[0]?.slo.name ?? null),
      });
    } catch (error) {
      useApp.getState().toast((error as Error).message, 'error');
    }
  },
  select: (name) => set({ selected: name }),
}));

/** Opens the Error budgets view on a service's (first) SLO, or on a new SLO for it when it has none. */
export function openBudgetOf(service: string): void {
  const { statuses } = useBudgets.getState();
  const slo = statuses.find((s) => s.slo.service === service);
  if (slo) useBudgets.getState().select(slo.slo.name);
  else useBudgets.setState({ newFor: service });
  useApp.getState().setView('budgets');
}

/** SLO summaries of the services in `services` that have one (the Load view's links). */
export function useServiceBudgets(services: readonly string[]): Map<string, BudgetStatusOutput> {
  const statuses = useBudgets((s) => s.statuses);
  const out = new Map<string, BudgetStatusOutput>();
  for (const status of statuses)
    if (services.includes(status.slo.service) && !out.has(status.slo.service)) out.set(status.slo.service, status);
  return out;
}

/** What an incident's impact cost each SLO of the services it names (computed in shared/domain). */
export function useIncidentCosts(incident: Incident): IncidentCost[] {
  const statuses = useBudgets((s) => s.statuses);
  return incidentBudgetCosts(
    incident,
    statuses.map((s) => s.slo),
  );
}

export const saveSlo = (input: OperationInput<'slos.save'>): Promise<SloSummary> => call('slos.save', input);

export async function importSlo(file: File): Promise<{ slo: SloSummary; created: boolean }> {
  return call('slos.import', { document: await file.text(), fileName: file.name });
}

/** Removes an SLO, with a toast offering undo (also Ctrl/Cmd+Z): its OpenSLO text is imported back. */
export async function removeSlo(name: string): Promise<void> {
  const app = useApp.getState();
  try {
    const { document } = await call('slos.get', { name });
    await call('slos.remove', { name });
    const undoId = app.pushUndo(`remove SLO “${name}”`, async () => {
      await call('slos.import', { document });
    });
    app.changed();
    app.toast(
      `SLO removed: ${name}`,
      'info',
      { label: 'Undo', run: () => void useApp.getState().undo(undoId) },
      undoId,
    );
  } catch (error) {
    app.toast((error as Error).message, 'error');
  }
}
