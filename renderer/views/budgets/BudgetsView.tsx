// Error budgets: one row per service's SLO (state, budget left, burn now, projected exhaustion,
// a sparkline), the selected SLO's burn-down with incidents marked, and the SLO form. SLOs are
// added here or imported as OpenSLO YAML; a removal can be undone.

import { useEffect, useRef, useState } from 'react';
import type { BudgetStatusOutput, SloSummary } from '../../../shared/slo-contract';
import { ApiError } from '../../api';
import { browserZone } from '../../format';
import { useApp } from '../../state/app';
import { importSlo, removeSlo, useBudgets } from '../../state/slos';
import { BudgetTable } from './BudgetTable';
import { BurnDetails } from './BurnDetails';
import { BurnDownChart } from './BurnDownChart';
import { SloDialog } from './SloDialog';
import './budgets.css';

type Editing = { slo: SloSummary | null; service?: string } | null;

export function BudgetsView(): React.JSX.Element {
  const revision = useApp((s) => s.revision);
  const toast = useApp((s) => s.toast);
  const zone = useApp((s) => s.info?.me.timeZone) ?? browserZone();
  const { statuses, loaded, loadedAt, selected, load, select } = useBudgets();
  const [editing, setEditing] = useState<Editing>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load();
  }, [load, revision]);

  // Sent here from the Load view for a service without an SLO: the form opens for it.
  useEffect(() => {
    const service = useBudgets.getState().newFor;
    if (service === null) return;
    useBudgets.setState({ newFor: null });
    setEditing({ slo: null, service });
  }, []);

  async function importFile(file: File): Promise<void> {
    try {
      const result = await importSlo(file);
      toast(`${result.created ? 'Imported' : 'Updated'} SLO ${result.slo.name} from ${file.name}`);
      select(result.slo.name);
      useApp.getState().changed();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : `${file.name}: ${String(e)}`, 'error');
    }
  }

  const shown = statuses.find((s) => s.slo.name === selected) ?? statuses[0];
  const frozen = statuses.filter((s) => s.freeze);
  const remove = (s: BudgetStatusOutput): void => void removeSlo(s.slo.name);

  return (
    <section className="budgets-view" aria-labelledby="budgets-title">
      <header className="view-header">
        <h1 id="budgets-title">Error budgets</h1>
        <div className="week-nav">
          <button type="button" className="primary" onClick={() => setEditing({ slo: null })}>
            New SLO
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import OpenSLO…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            hidden
            aria-label="Import an OpenSLO file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = '';
            }}
          />
        </div>
      </header>
      <div className="budgets-scroll">
        {!loaded && <p className="muted">Loading…</p>}
        {loaded && statuses.length === 0 && (
          <div className="panel empty-panel budgets-empty" data-testid="budgets-empty">
            <div>
              <p>
                <strong>No SLOs yet.</strong> An SLO gives a service an objective (say 99.9% of requests succeed over 28
                days) and so an error budget: incidents’ customer impact and SLI data burn it, and the weekly review
                opens with every budget’s status.
              </p>
              <p className="muted small">
                Add one here (<strong>New SLO</strong>), import an OpenSLO YAML file (<strong>Import OpenSLO…</strong>
                ), or from a terminal:{' '}
                <code>oncall slo add checkout --service checkout --objective 99.9% --window 28d</code> or{' '}
                <code>oncall slo import FILE.yaml</code>.
              </p>
            </div>
          </div>
        )}
        {frozen.length > 0 && (
          <p className="verdict broken" role="status">
            Freeze: {frozen.map((s) => `${s.slo.service} (${s.slo.name})`).join(', ')} — the budget is exhausted; the
            team’s policy freezes risky releases until it recovers.
          </p>
        )}
        {statuses.length > 0 && (
          <BudgetTable
            statuses={statuses}
            selected={shown?.slo.name ?? null}
            zone={zone}
            onSelect={select}
            onEdit={(s) => setEditing({ slo: s.slo })}
            onRemove={remove}
          />
        )}
        {shown && (
          <div className="budget-detail">
            <BurnDownChart key={shown.slo.name} status={shown} now={loadedAt} />
            <BurnDetails status={shown} zone={zone} />
          </div>
        )}
      </div>
      {editing && <SloDialog slo={editing.slo} service={editing.service} onClose={() => setEditing(null)} />}
    </section>
  );
}
