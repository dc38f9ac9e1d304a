// One row per SLO, by service: state (on track / at risk / exhausted → freeze), budget left in %
// and minutes or events, burn now with the workbook's verdict, projected exhaustion, a sparkline.
// ↑/↓ choose the SLO whose burn-down shows below, Enter edits it, Del removes it (undo with Ctrl+Z).

import type { BudgetStatusOutput } from '../../../shared/slo-contract';
import { budgetLeft, burnWords, objectiveText, stateWords, windowPhrase } from '../../../shared/domain/slo/budget-view';
import { shortTime } from '../../format';
import { Sparkline } from './Sparkline';

interface Props {
  statuses: BudgetStatusOutput[];
  selected: string | null;
  zone: string;
  onSelect: (name: string) => void;
  onEdit: (status: BudgetStatusOutput) => void;
  onRemove: (status: BudgetStatusOutput) => void;
}

export function BudgetTable({ statuses, selected, zone, onSelect, onEdit, onRemove }: Props): React.JSX.Element {
  const at = statuses.findIndex((s) => s.slo.name === selected);
  function onKeyDown(event: React.KeyboardEvent): void {
    if ((event.target as HTMLElement).tagName === 'BUTTON' && event.key === 'Enter') return;
    const current = statuses[at];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = statuses[Math.max(0, Math.min(statuses.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
      if (next) onSelect(next.slo.name);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const next = event.key === 'Home' ? statuses[0] : statuses.at(-1);
      if (next) onSelect(next.slo.name);
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      onEdit(current);
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && current) {
      event.preventDefault();
      onRemove(current);
    }
  }
  return (
    <div
      className="budget-table"
      tabIndex={0}
      data-keys-home
      role="group"
      aria-label="SLOs (↑ ↓ choose, Enter edits, Del removes)"
      onKeyDown={onKeyDown}
    >
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Service · SLO</th>
            <th scope="col">Objective</th>
            <th scope="col">State</th>
            <th scope="col">Budget left</th>
            <th scope="col">Burn now</th>
            <th scope="col">Runs out</th>
            <th scope="col">Over the window</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {statuses.map((s) => {
            const left = budgetLeft(s);
            const chosen = s.slo.name === selected;
            return (
              <tr
                key={s.slo.name}
                className={chosen ? 'chosen' : undefined}
                data-testid={`budget-${s.slo.name}`}
                onClick={() => onSelect(s.slo.name)}
              >
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={chosen}
                    onClick={() => onSelect(s.slo.name)}
                  >
                    {s.slo.service}
                  </button>{' '}
                  <span className="muted small">{s.slo.displayName ?? s.slo.name}</span>
                  {s.slo.owner && <span className="muted small"> · {s.slo.owner}</span>}
                </th>
                <td>
                  {objectiveText(s.slo.target)} <span className="muted small">{windowPhrase(s.slo)}</span>
                </td>
                <td>
                  <span className={`chip budget-${s.state}`}>{stateWords[s.state]}</span>
                  {s.freeze && <span className="chip budget-freeze">freeze</span>}
                </td>
                <td>
                  <strong>{left.share}</strong> <span className="muted small">{left.amount}</span>
                </td>
                <td className={s.burn === 'fast' ? 'over' : undefined}>{burnWords(s)}</td>
                <td>{s.exhaustsAt ? shortTime(s.exhaustsAt, zone) : s.remaining <= 0 ? 'spent' : '—'}</td>
                <td>
                  <Sparkline values={s.burnDown.map((p) => p.remaining)} />
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => onEdit(s)} aria-label={`Edit SLO ${s.slo.name}`}>
                    Edit
                  </button>
                  <button type="button" onClick={() => onRemove(s)} aria-label={`Remove SLO ${s.slo.name}`}>
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
