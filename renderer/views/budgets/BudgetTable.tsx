// One row per SLO, by service: state (on track / at risk / exhausted → freeze), budget left in %
// and minutes or events, burn now with the workbook's verdict, projected exhaustion, a sparkline.
// ↑/↓ choose the SLO whose burn-down shows below, Enter edits it, Del removes it (undo with Ctrl+Z).

import type { BudgetStatusOutput } from '../../../shared/slo-contract';
import { budgetLeft, burnWords, objectiveText, stateWords, windowPhrase } from '../../../shared/domain/slo/budget-view';
import { DataTable } from '../../components/DataTable';
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
  return (
    <DataTable
      rows={statuses}
      rowKey={(s) => s.slo.name}
      rowTestId={(s) => `budget-${s.slo.name}`}
      choose={{
        chosen: selected,
        onChoose: (s) => onSelect(s.slo.name),
        onOpen: onEdit,
        onRemove,
        label: 'SLOs (↑ ↓ choose, Enter edits, Del removes)',
        className: 'budget-table',
      }}
      columns={[
        {
          title: 'Service · SLO',
          rowHeader: true,
          cell: (s) => (
            <>
              <button
                type="button"
                className="link-button"
                aria-pressed={s.slo.name === selected}
                onClick={() => onSelect(s.slo.name)}
              >
                {s.slo.service}
              </button>{' '}
              <span className="muted small">{s.slo.displayName ?? s.slo.name}</span>
              {s.slo.owner && <span className="muted small"> · {s.slo.owner}</span>}
            </>
          ),
        },
        {
          title: 'Objective',
          cell: (s) => (
            <>
              {objectiveText(s.slo.target)} <span className="muted small">{windowPhrase(s.slo)}</span>
            </>
          ),
        },
        {
          title: 'State',
          cell: (s) => (
            <>
              <span className={`chip budget-${s.state}`}>{stateWords[s.state]}</span>
              {s.freeze && <span className="chip budget-freeze">freeze</span>}
            </>
          ),
        },
        {
          title: 'Budget left',
          cell: (s) => {
            const left = budgetLeft(s);
            return (
              <>
                <strong>{left.share}</strong> <span className="muted small">{left.amount}</span>
              </>
            );
          },
        },
        { title: 'Burn now', className: (s) => (s.burn === 'fast' ? 'over' : undefined), cell: burnWords },
        {
          title: 'Runs out',
          cell: (s) => (s.exhaustsAt ? shortTime(s.exhaustsAt, zone) : s.remaining <= 0 ? 'spent' : '—'),
        },
        { title: 'Over the window', cell: (s) => <Sparkline values={s.burnDown.map((p) => p.remaining)} /> },
        {
          title: 'Actions',
          hiddenTitle: true,
          className: 'row-actions',
          cell: (s) => (
            <>
              <button type="button" onClick={() => onEdit(s)} aria-label={`Edit SLO ${s.slo.name}`}>
                Edit
              </button>
              <button type="button" onClick={() => onRemove(s)} aria-label={`Remove SLO ${s.slo.name}`}>
                Remove
              </button>
            </>
          ),
        },
      ]}
    />
  );
}
