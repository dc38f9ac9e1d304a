// Under the burn-down: the SRE workbook's window pairs (burn over each long and short window
// against the pair's threshold) and the incidents in the window with what each cost.

import type { BudgetStatusOutput } from '../../../shared/slo-contract';
import { shareText } from '../../../shared/domain/slo/budget-view';
import { shortTime } from '../../format';

export function BurnDetails({ status, zone }: { status: BudgetStatusOutput; zone: string }): React.JSX.Element {
  return (
    <div className="burn-details">
      <table className="data alert-pairs">
        <caption>Burn rate over the SRE workbook’s window pairs (alert when both exceed the threshold)</caption>
        <thead>
          <tr>
            <th scope="col">Long · short window</th>
            <th scope="col">Burn (long · short)</th>
            <th scope="col">Threshold</th>
            <th scope="col">Alert</th>
          </tr>
        </thead>
        <tbody>
          {status.alerts.map((a) => (
            <tr key={a.long}>
              <td>
                {a.long} · {a.short}
              </td>
              <td>
                {a.longBurn.toFixed(2)} · {a.shortBurn.toFixed(2)}
              </td>
              <td>{a.threshold.toFixed(1)}×</td>
              <td className={a.firing ? 'over' : undefined}>
                {a.firing ? `firing (${a.severity})` : `quiet (${a.severity})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="budget-incidents-title">
        <h2 id="budget-incidents-title">Incidents in this window</h2>
        {status.incidents.length === 0 ? (
          <p className="muted small">None with customer impact on {status.slo.service}.</p>
        ) : (
          <ul className="plain-list">
            {status.incidents.map((i) => (
              <li key={i.id}>
                <span className="incident-mark-key" aria-hidden="true">
                  ▼
                </span>{' '}
                <strong>{i.title}</strong> — used {shareText(i.cost)} of the budget{' '}
                <span className="muted small">
                  ({shortTime(i.start, zone)} → {shortTime(i.end, zone)},{' '}
                  {i.share >= 1 ? 'full outage' : `${shareText(i.share)} affected`})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
