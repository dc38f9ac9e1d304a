// The postmortem studio: incidents (severity 1–2 ones expect a postmortem) and postmortems on the
// left, the open one on the right. Import a Markdown postmortem; start one from a template.

import { useEffect, useRef, useState } from 'react';
import type { Incident, TemplateView } from '../../../shared/postmortem-contract';
import { ApiError } from '../../api';
import { useApp } from '../../state/app';
import { Field, FormError } from '../../components/Field';
import { useStaleSave } from '../../components/stale-save';
import { fromLocalInput, shortTime, toLocalInput } from '../../format';
import {
  createPostmortem,
  importPostmortem,
  listIncidents,
  listTemplates,
  readImportDocument,
  updateIncident,
  useStudio,
  type ImportDocument,
  type ImportMapping,
} from '../../state/postmortems';
import { ImportPreview } from './ImportPreview';
import { IncidentImpact } from './IncidentImpact';
import { PostmortemEditor } from './PostmortemEditor';
import './postmortems.css';

const timeFields = [
  ['startedAt', 'Started'],
  ['detectedAt', 'Detected'],
  ['mitigatedAt', 'Mitigated'],
  ['resolvedAt', 'Resolved'],
] as const;

type TimeField = (typeof timeFields)[number][0];

/**
 * The incident's four times, editable in the author's zone (empty = not yet). Each change saves
 * on leaving the field, based on the incident as shown; changed elsewhere meanwhile, the save is
 * refused and the changed times wait for "Reapply my edit".
 */
function IncidentTimes({ incident, zone }: { incident: Incident; zone: string }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const stale = useStaleSave<Incident>('incident');
  const [message, setMessage] = useState<string | null>(null);
  // What this person changed and has not saved yet (kept while a refusal waits to be reapplied).
  const pending = useRef<Partial<Record<TimeField, string | null>>>({});
  // The incident as this form last knew it: the one shown, or the one its own last save returned.
  const known = useRef(incident);
  useEffect(() => {
    if (Date.parse(incident.updatedAt ?? '') > Date.parse(known.current.updatedAt ?? '')) known.current = incident;
  }, [incident]);
  // One save at a time, so a second field left quickly is based on the first one's result.
  const queue = useRef<Promise<void>>(Promise.resolve());

  function send(): Promise<void> {
    queue.current = queue.current.then(async () => {
      const edit = pending.current;
      if (Object.keys(edit).length === 0) return;
      try {
        const saved = await updateIncident({
          id: incident.id,
          baseUpdatedAt: stale.base(known.current),
          // Only the fields this person changed: onto a newer incident, the other change stays.
          // (A start is never cleared: save() does not queue an empty one.)
          ...(edit as Partial<Record<Exclude<TimeField, 'startedAt'>, string | null>> & { startedAt?: string }),
        });
        known.current = saved;
        pending.current = {};
        if (stale.newer) toast('Your edit was reapplied onto the newer incident.');
        stale.reset();
        setMessage(null);
        await useStudio.getState().load();
      } catch (e) {
        const refused = await stale.refused(e, async () => (await listIncidents()).find((i) => i.id === incident.id));
        if (refused) setMessage(refused);
        else toast(e instanceof ApiError ? e.message : String(e), 'error');
      }
    });
    return queue.current;
  }
  function save(field: TimeField, value: string): void {
    const at = value ? fromLocalInput(value, zone) : null;
    if (field === 'startedAt' && !at) return;
    pending.current = { ...pending.current, [field]: at };
    // Refused already: the edit waits for "Reapply my edit".
    if (!stale.newer) void send();
  }
  return (
    <fieldset className="incident-times">
      <legend>Times ({zone})</legend>
      {timeFields.map(([field, label]) => (
        <Field key={field} label={label}>
          <input
            type="datetime-local"
            defaultValue={toLocalInput(incident[field], zone)}
            key={`${field}-${incident[field] ?? ''}`}
            onBlur={(e) => {
              if (e.target.value !== toLocalInput(incident[field], zone)) save(field, e.target.value);
            }}
          />
        </Field>
      ))}
      <FormError message={message} />
      {stale.newer && (
        <button type="button" className="primary" onClick={() => void send()}>
          {stale.label('Save times')}
        </button>
      )}
    </fieldset>
  );
}

function IncidentPanel({ incident, zone }: { incident: Incident; zone: string }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [templates, setTemplates] = useState<TemplateView[]>([]);
  const [template, setTemplate] = useState('default');
  useEffect(() => {
    void listTemplates().then(setTemplates);
  }, []);
  const chosen = templates.find((t) => t.name === template);
  async function start(): Promise<void> {
    try {
      const pm = await createPostmortem({ incident: incident.id, template });
      await useStudio.getState().load();
      useStudio.getState().open({ kind: 'postmortem', id: pm.id });
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }
  return (
    <article className="incident-panel" aria-labelledby="incident-title">
      <h1 id="incident-title">{incident.title}</h1>
      <p>
        <span className={`sev sev${incident.severity}`}>SEV{incident.severity}</span>{' '}
        {incident.services.join(', ') || 'no services'} · {incident.pages.length}{' '}
        {incident.pages.length === 1 ? 'page' : 'pages'}
      </p>
      <IncidentTimes incident={incident} zone={zone} />
      <IncidentImpact key={`${incident.id}-${incident.updatedAt ?? ''}`} incident={incident} zone={zone} />
      {incident.postmortem ? (
        <button
          type="button"
          className="primary"
          onClick={() =>
            incident.postmortem && useStudio.getState().open({ kind: 'postmortem', id: incident.postmortem.id })
          }
        >
          Open its postmortem
        </button>
      ) : (
        <section className="panel" aria-labelledby="start-title">
          <h2 id="start-title">
            {incident.expectsPostmortem ? 'This incident expects a postmortem' : 'Write a postmortem'}
          </h2>
          <Field layout="inline" className="inline" label="Template">
            <select value={template} onChange={(e) => setTemplate(e.target.value)}>
              {templates.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                  {t.builtIn ? '' : ' (team)'}
                </option>
              ))}
            </select>
          </Field>
          {chosen && (
            <p className="muted small">
              {chosen.description} Sections: {chosen.sections.map((s) => s.title).join(' · ')}
            </p>
          )}
          <p className="muted small">
            What Happened starts with the incident’s pages on a timeline, in your time zone.
          </p>
          <button type="button" className="primary" onClick={() => void start()}>
            Start postmortem
          </button>
        </section>
      )}
    </article>
  );
}

export function PostmortemsView(): React.JSX.Element {
  const info = useApp((s) => s.info);
  const toast = useApp((s) => s.toast);
  const { incidents, postmortems, loaded, focus, load, open } = useStudio();
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const [importing, setImporting] = useState<ImportDocument | null>(null);
  // Choosing something else in the list leaves the import unstored.
  useEffect(() => setImporting(null), [focus]);

  async function chooseFile(file: File): Promise<void> {
    try {
      setImporting(await readImportDocument(file));
    } catch (e) {
      toast(`${file.name}: ${e instanceof ApiError ? e.message : String(e)}`, 'error');
    }
  }

  async function importFile(doc: ImportDocument, mapping: ImportMapping): Promise<void> {
    try {
      const result = await importPostmortem(doc, mapping);
      setImporting(null);
      await load();
      toast(`${result.created ? 'Imported' : 'Updated'}: ${result.postmortem.title}`);
      open({ kind: 'postmortem', id: result.postmortem.id });
    } catch (e) {
      toast(`${doc.fileName}: ${e instanceof ApiError ? e.message : String(e)}`, 'error');
    }
  }

  async function blank(): Promise<void> {
    try {
      const pm = await createPostmortem({});
      await load();
      open({ kind: 'postmortem', id: pm.id });
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  }

  const zone = info?.me.timeZone ?? 'UTC';
  const incident = focus?.kind === 'incident' ? incidents.find((i) => i.id === focus.id) : undefined;
  const waiting = incidents.filter((i) => !i.postmortem);

  return (
    <section className="studio" aria-label="Postmortems">
      <nav className="studio-list" aria-label="Incidents and postmortems">
        <div className="studio-actions">
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import…
          </button>
          <button type="button" onClick={() => void blank()}>
            New postmortem
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".md,.markdown,.txt,.html,.htm,.docx,text/markdown,text/html"
            hidden
            aria-label="Import a postmortem file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void chooseFile(file);
              e.target.value = '';
            }}
          />
        </div>
        <h2>Incidents without a postmortem</h2>
        {loaded && waiting.length === 0 && (
          <p className="muted small">None. Mark pages in the Pages view (Space) and choose “Create incident”.</p>
        )}
        <ul className="studio-items">
          {waiting.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                aria-current={focus?.id === i.id ? 'true' : undefined}
                onClick={() => open({ kind: 'incident', id: i.id })}
              >
                <span className={`sev sev${i.severity}`}>SEV{i.severity}</span> {i.title}
                {i.expectsPostmortem && <span className="chip expected">postmortem expected</span>}
                <span className="muted small">{shortTime(i.startedAt, zone)}</span>
              </button>
            </li>
          ))}
        </ul>
        <h2>Postmortems</h2>
        {loaded && postmortems.length === 0 && <p className="muted small">None yet.</p>}
        <ul className="studio-items">
          {postmortems.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                aria-current={focus?.id === p.id ? 'true' : undefined}
                onClick={() => open({ kind: 'postmortem', id: p.id })}
              >
                {p.severity !== null && <span className={`sev sev${p.severity}`}>SEV{p.severity}</span>} {p.title}
                <span className={`chip ${p.status}`}>{p.status}</span>
                <span className={`chip ${p.ready ? 'ready' : 'checks'}`}>
                  {p.ready ? 'ready' : `${p.checksPassed}/${p.checksTotal} checks`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="studio-main">
        {importing ? (
          <ImportPreview
            doc={importing}
            zone={zone}
            onImport={(mapping) => void importFile(importing, mapping)}
            onCancel={() => setImporting(null)}
          />
        ) : focus?.kind === 'postmortem' ? (
          <PostmortemEditor key={focus.id} id={focus.id} />
        ) : incident ? (
          <IncidentPanel incident={incident} zone={zone} />
        ) : (
          <div className="empty">
            <h1>Postmortems</h1>
            <p>
              Group the pages of an incident (mark them in <strong>Pages</strong> with <kbd>Space</kbd>, then “Create
              incident”), then start a blameless postmortem: the timeline is pre-filled, and the coach points out
              blameful wording as you type.
            </p>
            <p className="muted">
              Or import a postmortem (Markdown, HTML from Confluence or Google Docs, or .docx), or start one without an
              incident.
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
