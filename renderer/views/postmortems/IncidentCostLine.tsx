// Under a postmortem's header: what its incident's customer impact cost each error budget, and a
// way to the incident's panel, where the impact is edited.

import { useEffect } from 'react';
import type { Incident } from '../../../shared/postmortem-contract';
import { useStudio } from '../../state/postmortems';
import { useBudgets, useIncidentCosts } from '../../state/slos';

export function IncidentCostLine({ incident }: { incident: Incident }): React.JSX.Element {
  const costs = useIncidentCosts(incident);
  useEffect(() => {
    if (!useBudgets.getState().loaded) void useBudgets.getState().load();
  }, []);
  return (
    <p className="small incident-cost">
      {incident.impact
        ? costs.length > 0
          ? `Customer impact: ${costs.map((c) => c.sentence).join('; ')}.`
          : 'Customer impact recorded; no SLO for its services yet.'
        : 'No customer impact recorded.'}{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => useStudio.getState().open({ kind: 'incident', id: incident.id })}
      >
        {incident.impact ? 'Edit the impact' : 'Record the impact'}
      </button>
    </p>
  );
}
