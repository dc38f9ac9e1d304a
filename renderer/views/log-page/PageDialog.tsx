// Log a page (key `n`) or edit one. Built for 03:12: the summary has focus, service and severity
// default to the last ones used, the time defaults to now, and Enter saves. When the summary names
// another known service than the defaulted one, the dialog asks which before it saves; Esc or
// Cancel on a half-typed new page keeps it as a draft that the next "Log a page" restores.

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Page, Triage } from '../../../shared/contract';
import { parseDuration } from '../../../shared/domain/duration';
import { serviceToConfirm } from '../../../shared/domain/service-mention';
import { ApiError } from '../../api';
import { Field, FormError, InputField } from '../../components/Field';
import { browserZone, fromLocalInput, toLocalInput } from '../../format';
import { useApp, type PageDraft } from '../../state/app';
import { addPage, getPage, updatePage } from '../../state/pages';
import { useStaleSave } from '../../components/stale-save';

interface FormState {
  summary: string;
  service: string;
  severity: string;
  receivedAt: string;
  triage: Triage;
  acknowledgedAt: string;
  resolvedAt: string;
  minutesSpent: string;
  notes: string;
  notesPrivate: boolean;
  tags: string;
  sleepHour: 'derive' | 'yes' | 'no';
  /** The person typed or picked the service in this dialog (else it is the last one used). */
  serviceChosen: boolean;
}

function initialState(
  page: Page | undefined,
  lastService: string | null,
  lastSeverity: number | null,
  zone: string,
): FormState {
  return {
    summary: page?.summary ?? '',
    service: page?.service ?? lastService ?? '',
    severity: String(page?.severity ?? lastSeverity ?? 3),
    receivedAt: toLocalInput(page?.receivedAt ?? new Date().toISOString(), zone),
    triage: page?.triage ?? null,
    acknowledgedAt: toLocalInput(page?.acknowledgedAt ?? null, zone),
    resolvedAt: toLocalInput(page?.resolvedAt ?? null, zone),
    minutesSpent: page?.minutesSpent === null || page?.minutesSpent === undefined ? '' : String(page.minutesSpent),
    notes: page?.notes ?? '',
    notesPrivate: page?.notesPrivate ?? false,
    tags: page?.tags.join(', ') ?? '',
    sleepHour: page?.sleepHourOverridden ? (page.sleepHour ? 'yes' : 'no') : 'derive',
    serviceChosen: page !== undefined,
  };
}

type TextKey = 'summary' | 'service' | 'receivedAt' | 'acknowledgedAt' | 'resolvedAt' | 'minutesSpent' | 'tags';

const fieldLabels: Record<string, string> = {
  summary: 'Summary',
  service: 'Service',
  severity: 'Severity',
  receivedAt: 'Received',
  acknowledgedAt: 'Acknowledged',
  resolvedAt: 'Resolved',
  minutesSpent: 'Time spent',
  notes: 'Notes',
  tags: 'Tags',
};

/** `onDismiss`: the quick-log window's Esc — the window hides and the draft stays as typed. */
export function PageDialog({ onDismiss }: { onDismiss?: () => void } = {}): React.JSX.Element | null {
  const dialog = useApp((s) => s.dialog);
  const info = useApp((s) => s.info);
  const openDialog = useApp((s) => s.openDialog);
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const ref = useRef<HTMLDialogElement>(null);
  const editing = dialog?.mode === 'edit' ? dialog.page : undefined;
  const zone = info?.me.timeZone ?? browserZone();
  const [form, setForm] = useState<FormState>(() => initialState(undefined, null, null, zone));
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  // Changed elsewhere after the form opened: the newer page, until this edit is reapplied onto it.
  const stale = useStaleSave<Page>('page');
  const [restored, setRestored] = useState(false);
  const keepPageDraft = useApp((s) => s.keepPageDraft);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (dialog) {
      const fresh = initialState(editing, info?.lastService ?? null, info?.lastSeverity ?? null, zone);
      const draft = editing ? null : useApp.getState().pageDraft;
      setForm(draft ? { ...fresh, ...draft } : fresh);
      setRestored(draft !== null);
      setError(null);
      stale.reset();
      if (!element.open) element.showModal();
    } else if (element.open) element.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset only when the dialog opens
  }, [dialog]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));
  /** Esc, Cancel or the dialog closing: a half-typed new page is kept as a draft. */
  const close = (): void => {
    if (useApp.getState().dialog?.mode === 'add' && form.summary.trim() !== '') {
      const draft: PageDraft = {
        summary: form.summary,
        service: form.service,
        severity: form.severity,
        receivedAt: form.receivedAt,
        triage: form.triage,
        serviceChosen: form.serviceChosen,
      };
      keepPageDraft(draft);
      toast('Draft kept — press n to finish it.');
    }
    openDialog(null);
  };
  const discardDraft = (): void => {
    keepPageDraft(null);
    setRestored(false);
    setForm(initialState(undefined, info?.lastService ?? null, info?.lastSeverity ?? null, zone));
  };
  const services = info?.services ?? [];
  const namedService = serviceToConfirm(form.summary, form.service, services, form.serviceChosen);
  const chooseService = (service: string): void => setForm((f) => ({ ...f, service, serviceChosen: true }));

  async function save(event?: FormEvent): Promise<void> {
    event?.preventDefault();
    if (saving) return;
    if (namedService) {
      setError({
        field: 'service',
        message: `Service: the summary names ${namedService} — choose ${namedService} or ${form.service || 'another service'}.`,
      });
      return;
    }
    setSaving(true);
    // The form shows times to the minute: send a time only when the person changed it, so an
    // edit of anything else keeps the stored seconds (and the right side of a repeated hour).
    const changedTime = <F extends 'receivedAt' | 'acknowledgedAt' | 'resolvedAt'>(
      field: F,
    ): Partial<Record<F, string | null>> =>
      editing && form[field] === toLocalInput(editing[field], zone)
        ? {}
        : ({ [field]: fromLocalInput(form[field], zone) } as Partial<Record<F, string | null>>);
    const received = changedTime('receivedAt').receivedAt;
    const common = {
      summary: form.summary,
      service: form.service,
      severity: Number(form.severity),
      ...(editing ? (received ? { receivedAt: received } : {}) : { receivedAt: received ?? new Date().toISOString() }),
      triage: form.triage,
    };
    try {
      if (editing) {
        // "45", "45m", "1h30": the same durations as everywhere else; anything else is an error, not a blank.
        const spent = form.minutesSpent.trim() === '' ? null : parseDuration(form.minutesSpent);
        if (spent && !spent.ok) {
          setError({ field: 'minutesSpent', message: `Time spent: ${spent.message}` });
          setSaving(false);
          return;
        }
        const minutes = spent ? spent.minutes : null;
        const patch = {
          ...common,
          ...changedTime('acknowledgedAt'),
          ...changedTime('resolvedAt'),
          minutesSpent: minutes,
          notes: form.notes,
          notesPrivate: form.notesPrivate,
          tags: form.tags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
          sleepHour: form.sleepHour === 'derive' ? null : form.sleepHour === 'yes',
        };
        // Onto the newer page: only what this person changed, so the other change stays.
        await updatePage({
          id: editing.id,
          baseUpdatedAt: stale.base(editing),
          // "Derive it" and the derived answer: no change either.
          patch: stale.edit(patch, editing, (key, value) => key === 'sleepHour' && value === null),
        });
        toast(stale.newer ? 'Your edit was reapplied onto the newer page.' : 'Page saved.');
      } else {
        const page = await addPage({ ...common, zone });
        keepPageDraft(null);
        useApp.getState().rememberLast(page.service, page.severity);
        toast(page.sleepHour ? 'Page logged — during your sleep hours. Go back to sleep if you can.' : 'Page logged.');
      }
      openDialog(null);
      changed();
    } catch (caught) {
      const refused = editing ? await stale.refused(caught, () => getPage(editing.id)) : null;
      if (refused) setError({ message: refused });
      else if (caught instanceof ApiError) {
        const field = caught.error.field?.replace(/^patch\./, '').split('.')[0];
        const label = field ? fieldLabels[field] : undefined;
        setError({
          field,
          message: label ? caught.error.message.replace(/^[^:]+:/, `${label}:`) : caught.error.message,
        });
      } else setError({ message: (caught as Error).message });
    } finally {
      setSaving(false);
    }
  }

  // Enter saves from any field; in the notes, Ctrl/Cmd+Enter does (Enter is a new line there).
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter') return;
    if (target.tagName === 'TEXTAREA' && !(event.ctrlKey || event.metaKey)) return;
    if (target.tagName === 'BUTTON') return;
    event.preventDefault();
    void save();
  }

  const invalid = (field: string): boolean => error?.field === field;
  /** An input's name, value, change and invalid state, from the form. */
  const bind = (key: TextKey) => ({
    name: key,
    value: form[key],
    onValue: (value: string) => set(key, value),
    'aria-invalid': invalid(key),
  });

  return (
    <dialog
      ref={ref}
      className="page-dialog"
      aria-labelledby="page-dialog-title"
      // A close event that arrives once the dialog is shown again (the quick-log window reopens it
      // at once after a save) is the earlier close's: ignored, or it would close the new form too —
      // and that close queue another, hiding the window over and over.
      onClose={() => {
        if (!ref.current?.open) close();
      }}
      onKeyDown={(event) => {
        // Escape's default action is the dialog's close request: cancelled here, the draft stays.
        if (!onDismiss || event.key !== 'Escape') return;
        event.preventDefault();
        onDismiss();
      }}
      onCancel={(event) => {
        if (!onDismiss) return;
        event.preventDefault();
        onDismiss();
      }}
    >
      {dialog && (
        <form onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate>
          <h2 id="page-dialog-title">{editing ? 'Edit page' : 'Log a page'}</h2>
          {restored && (
            <p className="draft-note">
              Your draft from before.{' '}
              <button type="button" className="link-button" onClick={discardDraft}>
                Discard draft
              </button>
            </p>
          )}
          <InputField
            className="wide"
            label="What paged you?"
            autoFocus
            placeholder="e.g. payments-api p99 latency above 800ms"
            {...bind('summary')}
            maxLength={500}
          />
          <div className="field-row">
            <InputField
              label="Service"
              list="known-services"
              {...bind('service')}
              onValue={(value) => setForm((f) => ({ ...f, service: value, serviceChosen: true }))}
            >
              <datalist id="known-services">
                {services.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </InputField>
            <Field className="narrow" label="Severity">
              <select name="severity" value={form.severity} onChange={(e) => set('severity', e.target.value)}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    SEV{n}
                  </option>
                ))}
              </select>
            </Field>
            <InputField label="Received" type="datetime-local" {...bind('receivedAt')} />
          </div>
          <div aria-live="polite">
            {namedService && (
              <p className="service-check">
                The summary names <strong>{namedService}</strong>. File it under
                <button type="button" onClick={() => chooseService(namedService)}>
                  {namedService}
                </button>
                {form.service.trim() !== '' && (
                  <>
                    or
                    <button type="button" onClick={() => chooseService(form.service)}>
                      {form.service}
                    </button>
                  </>
                )}
                ?
              </p>
            )}
          </div>
          <fieldset className="triage">
            <legend>Was it actionable?</legend>
            {(
              [
                [null, 'Not sure yet'],
                ['actionable', 'Actionable'],
                ['noise', 'Noise'],
              ] as const
            ).map(([value, label]) => (
              <label key={label}>
                <input
                  type="radio"
                  name="triage"
                  checked={form.triage === value}
                  onChange={() => set('triage', value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          {editing && (
            <>
              <div className="field-row">
                <InputField label="Acknowledged" type="datetime-local" {...bind('acknowledgedAt')} />
                <InputField label="Resolved" type="datetime-local" {...bind('resolvedAt')} />
                <InputField className="narrow" label="Time spent" placeholder="45m, 1h30" {...bind('minutesSpent')} />
              </div>
              <div className="field-row">
                <InputField label="Tags (comma separated)" {...bind('tags')} />
                <Field label="Sleep hours?">
                  <select
                    name="sleepHour"
                    value={form.sleepHour}
                    onChange={(e) => set('sleepHour', e.target.value as FormState['sleepHour'])}
                  >
                    <option value="derive">
                      From my sleep hours{editing.sleepHourOverridden ? '' : editing.sleepHour ? ' (yes)' : ' (no)'}
                    </option>
                    <option value="yes">Yes, it woke me</option>
                    <option value="no">No</option>
                  </select>
                </Field>
              </div>
              <Field className="wide" label="Notes">
                <textarea name="notes" rows={4} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
              </Field>
              <label className="check">
                <input
                  type="checkbox"
                  checked={form.notesPrivate}
                  onChange={(e) => set('notesPrivate', e.target.checked)}
                />
                Keep these notes on this device (never written to the team’s repository)
              </label>
            </>
          )}
          <FormError message={error?.message} />
          <div className="dialog-actions">
            <span className="hint">
              <kbd>Enter</kbd> saves · <kbd>Esc</kbd> cancels
            </span>
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={saving}>
              {editing ? stale.label('Save page') : 'Log page'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
