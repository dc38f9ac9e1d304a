// The noisiest services beside their error budgets: each one links to its SLO in the Error
// budgets view (or says it has none yet), so a noisy service's pages can be weighed against what
// its customers felt.

import { useEffect } from 'react';
import type { Dashboard } from '../../../shared/report-contract';
import { budgetLeft, stateWords } from '../../../shared/domain/slo/budget-view';
import { useApp } from '../../state/app';
import { openBudgetOf, useBudgets, useServiceBudgets } from '../../state/slos';

const shownServices = 8;

export function ServiceBudgets({ d }: { d: Dashboard }): React.JSX.Element | null {
  const revision = useApp((s) => s.revision);
  useEffect(() => {
    void useBudgets.getState().load();
  }, [revision]);
  const services = [...d.services].sort((a, b) => b.pages - a.pages).slice(0, shownServices);
  const budgets = useServiceBudgets(services.map((s) => s.service));
  if (services.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="service-budgets-title">
      <h2 id="service-budgets-title">Noisiest services and their error budgets</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Pages</th>
            <th scope="col">Error budget</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => {
            const budget = budgets.get(s.service);
            return (
              <tr key={s.service}>
                <td>{s.service}</td>
                <td>{s.pages}</td>
                <td>
                  {budget ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => openBudgetOf(s.service)}
                      aria-label={`Error budget of ${s.service}: ${stateWords[budget.state]}, ${budgetLeft(budget).share} left`}
                    >
                      {stateWords[budget.state]} · {budgetLeft(budget).share} left
                      {budget.freeze ? ' · freeze' : ''}
                    </button>
                  ) : (
                    <span className="muted small">
                      no SLO yet ·{' '}
                      <button type="button" className="link-button" onClick={() => openBudgetOf(s.service)}>
                        add one in Error budgets
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
