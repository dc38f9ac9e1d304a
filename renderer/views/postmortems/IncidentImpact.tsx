// An incident's customer impact (error budgets): when it started and ended and the share of
// requests or users affected, or a full outage — and what it cost each SLO of the services the
// incident names ("used 38% of checkout's monthly budget", computed in shared/domain).

import { useEffect, useState, type FormEvent } from 'react';
import type { Incident } from '../../../shared/postmortem-contract';
import { objectiveFromText } from '../../../shared/domain/slo/budget-view';
import { ApiError } from '../../api';
import { Field, FormError } from '../../components/Field';
import { fromLocalInput, toLocalInput } from '../../format';
import { useApp } from '../../state/app';
import { updateIncident, useStudio } from '../../state/postmortems';
import { useBudgets, useIncidentCosts } from '../../state/slos';

const percentOf = (share: number): string => String(Number((share * 100).toPrecision(4)));

export function IncidentImpact({ incident, zone }: { incident: Incident; zone: string }): React.JSX.Element {
  const impact = incident.impact;
  const [start, setStart] = useState(toLocalInput(impact?.start ?? incident.startedAt, zone));
  const [end, setEnd] = useState(toLocalInput(impact?.end ?? incident.resolvedAt ?? incident.mitigatedAt, zone));
  const [full, setFull] = useState(!impact || impact.share >= 1);
  const [share, setShare] = useState(impact && impact.share < 1 ? percentOf(impact.share) : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const costs = useIncidentCosts(incident);
  const budgetsLoaded = useBudgets((s) => s.loaded);
  const revision = useApp((s) => s.revision);

  useEffect(() => {
    void useBudgets.getState().load();
  }, [revision]);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setErrors({});
    setError(null);
    const impactStart = fromLocalInput(start, zone);
    const impactEnd = fromLocalInput(end, zone);
    if (!impactStart) return setErrors({ impactStart: 'give when the customer impact started' });
    if (!impactEnd) return setErrors({ impactEnd: 'give when the customer impact ended' });
    try {
      await updateIncident({
        id: incident.id,
        impactStart,
        impactEnd,
        impactShare: full ? 1 : objectiveFromText(share),
      });
      await useStudio.getState().load();
      useApp.getState().toast(`Customer impact saved: ${incident.title}`);
      useApp.getState().changed();
    } catch (caught) {
      if (caught instanceof ApiError && caught.error.field?.startsWith('impact')) {
        const field = caught.error.field;
        setErrors({ [field]: caught.error.message.replace(new RegExp(`^${field}: `), '') });
      } else setError((caught as Error).message);
    }
  }

  async function clear(): Promise<void> {
    try {
      await updateIncident({ id: incident.id, impactStart: null });
      await useStudio.getState().load();
      useApp.getState().toast(`Customer impact cleared: ${incident.title}`);
      useApp.getState().changed();
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  const invalid = (field: string) => (errors[field] ? { 'aria-invalid': true as const } : {});
  return (
    <section className="panel incident-impact" aria-labelledby="impact-title">
      <h2 id="impact-title">Customer impact</h2>
      {impact ? (
        costs.length > 0 ? (
          <ul className="plain-list impact-costs" aria-label="What it cost">
            {costs.map((c) => (
              <li key={c.slo}>
                <strong>{c.sentence[0]?.toUpperCase() + c.sentence.slice(1)}</strong>
              </li>
            ))}
          </ul>
        ) : (
          budgetsLoaded && (
            <p className="muted small">
              No SLO for {incident.services.join(', ') || 'its services'} yet: add one in Error budgets (<kbd>b</kbd>)
              to see what this impact cost.
            </p>
          )
        )
      ) : (
        <p className="muted small">
          None recorded. When customers felt it, from when to when and how many: it burns the error budget of{' '}
          {incident.services.join(', ') || 'the services it names'}.
        </p>
      )}
      <form className="impact-form" onSubmit={(e) => void save(e)} noValidate>
        <div className="field-row">
          <div className="impact-field">
            <Field label={`Impact start (${zone})`} error={errors.impactStart ?? null}>
              <input
                type="datetime-local"
                value={start}
                onChange={(e) => setStart(e.target.value)}
                {...invalid('impactStart')}
              />
            </Field>
          </div>
          <div className="impact-field">
            <Field label={`Impact end (${zone})`} error={errors.impactEnd ?? null}>
              <input
                type="datetime-local"
                value={end}
                onChange={(e) => setEnd(e.target.value)}
                {...invalid('impactEnd')}
              />
            </Field>
          </div>
        </div>
        <fieldset className="triage">
          <legend>Who was affected</legend>
          <label className="check">
            <input type="radio" name="impact-kind" checked={full} onChange={() => setFull(true)} />
            Full outage
          </label>
          <label className="check">
            <input type="radio" name="impact-kind" checked={!full} onChange={() => setFull(false)} />A share of requests
            or users
          </label>
        </fieldset>
        {!full && (
          <div className="impact-field narrow">
            <Field label="Share affected (%)" error={errors.impactShare ?? null}>
              <input
                inputMode="decimal"
                value={share}
                onChange={(e) => setShare(e.target.value)}
                {...invalid('impactShare')}
              />
            </Field>
          </div>
        )}
        <FormError message={error} />
        <div className="dialog-actions">
          {impact && (
            <button type="button" onClick={() => void clear()}>
              Clear impact
            </button>
          )}
          <button type="submit">Save impact</button>
        </div>
      </form>
    </section>
  );
}
