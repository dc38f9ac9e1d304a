// The team's own targets, over the defaults: shares are shown and typed as percentages.

import { useState } from 'react';
import type { Dashboard } from '../../../shared/report-contract';
import { Field, FormError } from '../../components/Field';
import { useApp } from '../../state/app';
import { setTargets } from '../../state/dashboard';

const targetFields = [
  { key: 'actionablePagesPerWeek', label: 'Actionable pages per on-call week: fewer than', share: false },
  { key: 'sleepHourPagesPerShift', label: 'Sleep-hour pages per shift: fewer than', share: false },
  { key: 'incidentsPer12Hours', label: 'Incidents per 12 hours on call: at most', share: false },
  { key: 'topShareMax', label: 'Top 20% share of pages: at most (%)', share: true },
  { key: 'onCallShareMax', label: 'Share of time on call: at most (%)', share: true },
] as const;

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
  async function save(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    const next: Record<string, number> = {};
    for (const f of targetFields) {
      const value = Number((values[f.key] ?? '').trim());
      const name = f.label.replace(/:.*/, '');
      if (!Number.isFinite(value) || (values[f.key] ?? '').trim() === '') return setError(`${name}: give a number.`);
      if (f.share && (value <= 0 || value > 100))
        return setError(`${name}: must be a percentage above 0 and at most 100.`);
      next[f.key] = f.share ? value / 100 : value;
    }
    try {
      await setTargets({ team, targets: next });
      setError(null);
      toast('Targets saved.');
      onSaved();
    } catch (caught) {
      const message = (caught as Error).message;
      const field = targetFields.find((f) => message.startsWith(`targets.${f.key}:`));
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
        <button type="submit">Save targets</button>
      </form>
      <FormError message={error} />
    </section>
  );
}
