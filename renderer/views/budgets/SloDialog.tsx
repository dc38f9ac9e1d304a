// Create or edit an SLO: service, objective, window (rolling or calendar), the SLI as OpenSLO
// ratio queries (availability and latency-threshold templates, or your own), owner team and the
// budget policy. The contract checks everything; its errors show next to the field they name.

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SloSummary } from '../../../shared/slo-contract';
import {
  objectiveFromText,
  objectiveText,
  sliKindOf,
  sliKinds,
  sliQueries,
  type SliKind,
} from '../../../shared/domain/slo/budget-view';
import { ApiError } from '../../api';
import { Field, FormError } from '../../components/Field';
import { useApp } from '../../state/app';
import { saveSlo, useBudgets } from '../../state/slos';

interface Form {
  name: string;
  service: string;
  owner: string;
  objective: string;
  window: string;
  rolling: boolean;
  timeZone: string;
  kind: SliKind;
  thresholdMs: string;
  good: string;
  total: string;
  atRisk: string;
  exhausted: string;
}

const percent = (share: number): string => String(Number((share * 100).toPrecision(6)));

function formOf(slo: SloSummary | null, service = ''): Form {
  if (!slo)
    return {
      name: defaultName(service),
      service,
      owner: '',
      objective: '99.9',
      window: '28d',
      rolling: true,
      timeZone: 'UTC',
      kind: 'availability',
      thresholdMs: '300',
      good: '',
      total: '',
      atRisk: '50',
      exhausted: '100',
    };
  const sli = sliKindOf(slo.good, slo.total);
  return {
    name: slo.name,
    service: slo.service,
    owner: slo.owner ?? '',
    objective: percent(slo.target),
    window: slo.window,
    rolling: slo.rolling,
    timeZone: slo.calendar?.timeZone ?? 'UTC',
    kind: sli.kind,
    thresholdMs: String(Math.round((sli.thresholdSeconds ?? 0.3) * 1000)),
    good: slo.good ?? '',
    total: slo.total ?? '',
    atRisk: percent(slo.policy.atRisk),
    exhausted: percent(slo.policy.exhausted),
  };
}

/** A share typed as a percentage ("50" or "50%"); NaN goes to the contract, which names the field. */
const shareOf = (text: string): number => objectiveFromText(text);

export function SloDialog({
  slo,
  service,
  onClose,
}: {
  slo: SloSummary | null;
  service?: string;
  onClose: () => void;
}): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<Form>(() => formOf(slo, service));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editing = slo !== null;

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const set = <K extends keyof Form>(key: K, value: Form[K]): void => setForm((f) => ({ ...f, [key]: value }));
  const thresholdSeconds = Number(form.thresholdMs) / 1000;
  const templated = sliQueries(form.kind, form.service, Number.isFinite(thresholdSeconds) ? thresholdSeconds : 0.3);
  const queries = form.kind === 'ratio' ? { good: form.good, total: form.total } : templated;
  // An SLO that has queries keeps them (the contract cannot take them away): "none" is for new ones.
  const kinds = sliKinds.filter((k) => k.id !== 'none' || !slo?.good);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    // Nothing typed yet: say which field wants what (the name's rule, under an empty name, did not).
    if (!form.service.trim()) return setErrors({ service: 'give the service this SLO is for, e.g. checkout-web' });
    if (!form.name.trim()) return setErrors({ name: 'give it a name: lowercase letters, digits or “-”' });
    setBusy(true);
    setErrors({});
    try {
      const saved = await saveSlo({
        name: form.name.trim(),
        service: form.service.trim(),
        owner: form.owner.trim() || null,
        target: objectiveFromText(form.objective),
        window: form.window.trim(),
        rolling: form.rolling,
        ...(form.rolling ? {} : { timeZone: form.timeZone.trim() || 'UTC' }),
        ...(queries ? { good: queries.good.trim(), total: queries.total.trim() } : {}),
        atRisk: shareOf(form.atRisk),
        exhausted: shareOf(form.exhausted),
      });
      useApp.getState().toast(`${editing ? 'SLO saved' : 'SLO added'}: ${saved.name}`);
      useBudgets.getState().select(saved.name);
      useApp.getState().changed();
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError && caught.error.field) {
        const field = caught.error.field;
        const message = caught.error.message.replace(new RegExp(`^${field}: `), '');
        setErrors({ [field]: message });
        if (!fieldNames.has(field)) setError(caught.error.message);
      } else setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (errors[field] ? { 'aria-invalid': true as const } : {});
  const err = (field: string) => errors[field] ?? null;

  return (
    <dialog ref={ref} className="page-dialog slo-dialog" aria-labelledby="slo-dialog-title" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="slo-dialog-title">{editing ? `Edit SLO ${slo.name}` : 'New SLO'}</h2>
        <div className="field-row">
          <div className="slo-field">
            <Field label="Service" error={err('service')}>
              <input
                autoFocus={!editing}
                value={form.service}
                onChange={(e) => {
                  const service = e.target.value;
                  setForm((f) => ({
                    ...f,
                    service,
                    // A new SLO's name follows the service until it is typed itself.
                    name: editing || (f.name && f.name !== defaultName(f.service)) ? f.name : defaultName(service),
                  }));
                }}
                {...invalid('service')}
              />
            </Field>
          </div>
          <div className="slo-field">
            <Field label="Name (the file slos/NAME.yaml)" error={err('name')}>
              <input
                value={form.name}
                disabled={editing}
                onChange={(e) => set('name', e.target.value)}
                {...invalid('name')}
              />
            </Field>
          </div>
          <div className="slo-field">
            <Field label="Owner team" error={err('owner')}>
              <input value={form.owner} onChange={(e) => set('owner', e.target.value)} {...invalid('owner')} />
            </Field>
          </div>
        </div>
        <div className="field-row">
          <div className="slo-field">
            <Field label="Objective (%)" error={err('target')}>
              <input
                autoFocus={editing}
                inputMode="decimal"
                value={form.objective}
                onChange={(e) => set('objective', e.target.value)}
                {...invalid('target')}
              />
            </Field>
          </div>
          <div className="slo-field">
            <Field label="Window (28d, 4w, 1M, 1Q)" error={err('window')}>
              <input value={form.window} onChange={(e) => set('window', e.target.value)} {...invalid('window')} />
            </Field>
          </div>
          <fieldset className="triage slo-window-kind">
            <legend>Window kind</legend>
            <label className="check">
              <input type="radio" name="rolling" checked={form.rolling} onChange={() => set('rolling', true)} />
              Rolling
            </label>
            <label className="check">
              <input type="radio" name="rolling" checked={!form.rolling} onChange={() => set('rolling', false)} />
              Calendar
            </label>
          </fieldset>
          {!form.rolling && (
            <div className="slo-field">
              <Field label="Calendar time zone" error={err('timeZone')}>
                <input
                  value={form.timeZone}
                  onChange={(e) => set('timeZone', e.target.value)}
                  {...invalid('timeZone')}
                />
              </Field>
            </div>
          )}
        </div>
        <div className="field-row">
          <div className="slo-field grow">
            <Field label="SLI">
              <select value={form.kind} onChange={(e) => set('kind', e.target.value as SliKind)}>
                {kinds.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {form.kind === 'latency' && (
            <div className="slo-field">
              <Field label="Threshold (ms)">
                <input
                  inputMode="numeric"
                  value={form.thresholdMs}
                  onChange={(e) => set('thresholdMs', e.target.value)}
                />
              </Field>
            </div>
          )}
        </div>
        {form.kind === 'ratio' ? (
          <>
            <Field label="Good events (Prometheus query)" error={err('good')}>
              <input value={form.good} onChange={(e) => set('good', e.target.value)} {...invalid('good')} />
            </Field>
            <Field label="Total events (Prometheus query)" error={err('total')}>
              <input value={form.total} onChange={(e) => set('total', e.target.value)} {...invalid('total')} />
            </Field>
          </>
        ) : templated ? (
          <p className="muted small slo-queries">
            Stored as an OpenSLO ratio metric — good: <code>{templated.good}</code> · total:{' '}
            <code>{templated.total}</code>
          </p>
        ) : (
          <p className="muted small">Incidents’ customer impact burns the budget; SLI data can be added later.</p>
        )}
        <fieldset className="slo-policy">
          <legend>Budget policy (share of the budget spent)</legend>
          <div className="field-row">
            <div className="slo-field">
              <Field label="At risk at (%)" error={err('atRisk')}>
                <input
                  inputMode="decimal"
                  value={form.atRisk}
                  onChange={(e) => set('atRisk', e.target.value)}
                  {...invalid('atRisk')}
                />
              </Field>
            </div>
            <div className="slo-field">
              <Field label="Exhausted → freeze at (%)" error={err('exhausted')}>
                <input
                  inputMode="decimal"
                  value={form.exhausted}
                  onChange={(e) => set('exhausted', e.target.value)}
                  {...invalid('exhausted')}
                />
              </Field>
            </div>
          </div>
        </fieldset>
        <FormError message={error} />
        <div className="dialog-actions">
          <span className="hint">
            Objective{' '}
            {Number.isFinite(objectiveFromText(form.objective))
              ? objectiveText(objectiveFromText(form.objective))
              : '—'}{' '}
            · <kbd>Esc</kbd> cancels
          </span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {editing ? 'Save SLO' : 'Add SLO'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

const fieldNames = new Set([
  'name',
  'service',
  'owner',
  'target',
  'window',
  'timeZone',
  'good',
  'total',
  'atRisk',
  'exhausted',
]);

/** A new SLO's name from its service: "Checkout API" → "checkout-api-slo". */
function defaultName(service: string): string {
  const slug = service
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);
  return slug ? `${slug}-slo` : '';
}
