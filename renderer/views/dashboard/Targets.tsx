// The team's own targets, over the defaults: shares are shown and typed as percentages. Also the
// team's shift limit: hours one person may hold a rotation in a row (Rotations warns past it);
// empty is no limit.

import { useEffect, useState } from 'react';
import type { Dashboard } from '../../../shared/report-contract';
import { Field, FormError } from '../../components/Field';
import { useApp } from '../../state/app';
import { getTargets, setTargets } from '../../state/dashboard';

const targetFields = [
  { key: 'actionablePagesPerWeek', label: 'Actionable pages per on-call week: fewer than', share: false },
  { key: 'sleepHourPagesPerShift', label: 'Sleep-hour pages per shift: fewer than', share: false },
  { key: 'incidentsPer12Hours', label: 'Incidents per 12 hours on call: at most', share: false },
  { key: 'topShareMax', label: 'Top 20% share of pages: at most (%)', share: true },
  { key: 'onCallShareMax', label: 'Share of time on call: at most (%)', share: true },
] as const;

const limitName = 'Hours on call in a row';
/** What targets.set accepts for a limit (report-contract's `positive`). */
const limitMax = 1000;

export function Targets({
  team,
  targets,
  onSaved,
}: {
  team: string;
  targets: Dashboard['targets'];
  onSaved: () => void;
}): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const shown = (key: (typeof targetFields)[number]['key'], share: boolean): string =>
    String(share ? Math.round(targets[key] * 1000) / 10 : targets[key]);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(targetFields.map((f) => [f.key, shown(f.key, f.share)])),
  );
  const [error, setError] = useState<string | null>(null);
  // The limit as typed; null until the team's targets are read.
  const [limit, setLimit] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getTargets(team)
      .then((own) => {
        if (live) setLimit(own.maxShiftHours === null ? '' : String(own.maxShiftHours));
      })
      .catch((caught: Error) => {
        // The field stays shut, and a save leaves the stored limit as it is.
        if (live) setError(`${limitName}: ${caught.message}`);
      });
    return () => {
      live = false;
    };
  }, [team]);
  async function save(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    const next: Record<string, number | null> = {};
    for (const f of targetFields) {
      const value = Number((values[f.key] ?? '').trim());
      const name = f.label.replace(/:.*/, '');
      if (!Number.isFinite(value) || (values[f.key] ?? '').trim() === '') return setError(`${name}: give a number.`);
      if (f.share && (value <= 0 || value > 100))
        return setError(`${name}: must be a percentage above 0 and at most 100.`);
      next[f.key] = f.share ? value / 100 : value;
    }
    if (limit !== null) {
      const typed = limit.trim();
      const hours = Number(typed);
      if (typed !== '' && !Number.isFinite(hours))
        return setError(`${limitName}: give a number of hours, or leave it empty for no limit.`);
      if (typed !== '' && (hours <= 0 || hours > limitMax))
        return setError(`${limitName}: must be above 0 and at most ${limitMax} hours (a week is 168).`);
      next.maxShiftHours = typed === '' ? null : hours;
    }
    try {
      await setTargets({ team, targets: next });
      setError(null);
      toast('Targets saved.');
      onSaved();
    } catch (caught) {
      const message = (caught as Error).message;
      const field = [...targetFields, { key: 'maxShiftHours', label: `${limitName}:` }].find((f) =>
        message.startsWith(`targets.${f.key}:`),
      );
      setError(
        field
          ? `${field.label.replace(/:.*/, '')}:${message.slice(`targets.${field.key}:`.length).replace(/ \(e\.g\. 0\.4\)/, '')}`
          : message,
      );
    }
  }
  return (
    <section className="panel" aria-labelledby="targets-title">
      <h2 id="targets-title">Targets of {team}</h2>
      <form className="targets-form" onSubmit={(e) => void save(e)}>
        {targetFields.map((f) => (
          <Field key={f.key} layout="inline" label={<span>{f.label}</span>}>
            <input
              inputMode="decimal"
              size={5}
              value={values[f.key] ?? ''}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            />
          </Field>
        ))}
        <Field layout="inline" label={<span>{limitName}: at most (hours; empty: no limit)</span>}>
          <input
            inputMode="decimal"
            size={5}
            value={limit ?? ''}
            disabled={limit === null}
            aria-describedby="shift-limit-hint"
            onChange={(e) => setLimit(e.target.value)}
          />
        </Field>
        <p id="shift-limit-hint" className="muted">
          Rotations warns when one person is on call longer than this in a row.
        </p>
        <button type="submit">Save targets</button>
      </form>
      <FormError message={error} />
    </section>
  );
}
