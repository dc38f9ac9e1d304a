// "Create incident" from the pages marked in the pages list: a title and a severity (both
// suggested from the pages), then straight to the incident in the postmortem studio.

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Page } from '../../../shared/contract';
import { ApiError } from '../../api';
import { FormError, InputField } from '../../components/Field';
import { useApp } from '../../state/app';
import { createIncident, useStudio } from '../../state/postmortems';

export function CreateIncidentDialog({ pages, onClose }: { pages: Page[]; onClose: () => void }): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState(pages[0]?.summary ?? '');
  const [severity, setSeverity] = useState(Math.min(...pages.map((p) => p.severity), 3));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      const incident = await createIncident({ pages: pages.map((p) => p.id), title, severity });
      useStudio.getState().clearMarks();
      await useStudio.getState().load();
      useApp.getState().toast(`Incident created: ${incident.title}`);
      onClose();
      useStudio.getState().open({ kind: 'incident', id: incident.id });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="page-dialog" aria-labelledby="incident-dialog-title" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="incident-dialog-title">
          Create an incident from {pages.length} {pages.length === 1 ? 'page' : 'pages'}
        </h2>
        <InputField label="Title" autoFocus value={title} onValue={setTitle} maxLength={200} />
        <fieldset className="triage">
          <legend>Severity (1–2 expects a postmortem)</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="check">
              <input type="radio" name="severity" checked={severity === n} onChange={() => setSeverity(n)} />
              SEV{n}
            </label>
          ))}
        </fieldset>
        <ul className="plain-list small">
          {pages.map((p) => (
            <li key={p.id}>
              {p.service}: {p.summary}
            </li>
          ))}
        </ul>
        <FormError message={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Create incident
          </button>
        </div>
      </form>
    </dialog>
  );
}
