// One postmortem: each section in its own editor with the template's guidance beside it, the
// coach's diagnostics live, a readiness checklist, autosave (≤ 300 ms after the last keystroke),
// revision history, the timeline's zone, action items, preview and Markdown export.

import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Markdown from 'react-markdown';
import { createSectionCoach, type Diagnostic } from '../../../shared/domain/blameless/coach';
import { lintPostmortem } from '../../../shared/domain/blameless/postmortem-lint';
import { defaultCoachConfig, type CoachConfig } from '../../../shared/domain/blameless/rules';
import {
  addTimelineEntry,
  becauseStatements,
  joinSections,
  retimeTimeline,
  sectionPatterns,
  splitSections,
  timelineSorted,
} from '../../../shared/domain/postmortem/document';
import type { Postmortem } from '../../../shared/postmortem-contract';
import type { ConflictView } from '../../../shared/sync-contract';
import { ApiError, call } from '../../api';
import { useApp } from '../../app/store';
import { fromLocalInput, shortTime } from '../../format';
import { ActionItemsPanel } from './ActionItemsPanel';
import { useStudio } from './postmortemStore';
import { SectionEditor } from './SectionEditor';
import { TextClash } from './TextClash';
import { useSync } from '../sync/SyncPanel';

export const saveDelayMs = 300;

type SaveState =
  { kind: 'saved'; revision: number } | { kind: 'saving' } | { kind: 'pending' } | { kind: 'error'; message: string };

function useCoachConfig(): CoachConfig {
  const [config, setConfig] = useState<CoachConfig>(defaultCoachConfig);
  useEffect(() => {
    void call('people.list', {}).then((people) =>
      setConfig({
        ...defaultCoachConfig,
        names: [
          ...defaultCoachConfig.names,
          ...people.flatMap((p) => [p.name.split(/\s+/)[0] ?? '', p.handle]).filter((n) => n.length > 1),
        ],
      }),
    );
  }, []);
  return config;
}

/** A section body as stored: the editor's text between one blank line and the next heading. */
function wrap(text: string, last: boolean): string {
  if (text === '') return last ? '' : '\n';
  return `\n${text}\n${last ? '' : '\n'}`;
}

/** The editor's text of a section body (the inverse of `wrap`) and where it starts in the body. */
function unwrap(body: string, last: boolean): { text: string; lead: number } {
  let t = body;
  if (!last && t.endsWith('\n\n')) t = t.slice(0, -1);
  if (t === '\n' || t === '') return { text: '', lead: 0 };
  const lead = t.startsWith('\n') ? 1 : 0;
  t = t.slice(lead);
  if (t.endsWith('\n')) t = t.slice(0, -1);
  return { text: t, lead };
}

interface MdNode {
  type: string;
  children?: MdNode[];
}

/** Raw HTML in a postmortem is shown as the text it is, never as markup (a remark plugin). */
function htmlAsText() {
  const walk = (node: MdNode): void => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return (tree: MdNode): void => walk(tree);
}

/** Links open outside the app, and only http(s) ones are links at all. */
function SafeLink({ href, children }: { href?: string; children?: React.ReactNode }): React.JSX.Element {
  if (href && /^https?:\/\//i.test(href)) {
    return (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    );
  }
  return <span className="inert-link">{children}</span>;
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Made once: four hundred options are not re-rendered on every keystroke. */
const ZoneList = memo(function ZoneList(): React.JSX.Element {
  return (
    <datalist id="pm-zones">
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
});

function DiagnosticList({ diagnostics }: { diagnostics: Diagnostic[] }): React.JSX.Element | null {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="coach-list" aria-label="Coach notes for this section">
      {diagnostics.map((d, i) => (
        <li key={`${d.rule}-${d.from}-${i}`}>
          <span className="coach-message">{d.message}</span> <span className="coach-hint">Try: {d.hint}</span>
        </li>
      ))}
    </ul>
  );
}

function TimelineEntryForm({ zone, onAdd }: { zone: string; onAdd: (at: number, text: string) => void }) {
  const [when, setWhen] = useState('');
  const [text, setText] = useState('');
  return (
    <form
      className="inline-form timeline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const at = fromLocalInput(when, zone);
        if (!at || !text.trim()) return;
        onAdd(Date.parse(at), text);
        setText('');
      }}
    >
      <label>
        Time ({zone})
        <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
      </label>
      <label className="grow">
        New timeline entry
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. Rollback finished" required />
      </label>
      <button type="submit">Add to timeline</button>
    </form>
  );
}

function Revisions({ pm, onRestore }: { pm: Postmortem; onRestore: (n: number) => void }) {
  const [list, setList] = useState<{ number: number; savedAt: string; words: number }[] | null>(null);
  useEffect(() => {
    void call('postmortems.revisions', { id: pm.id }).then(setList);
  }, [pm.id, pm.revision]);
  return (
    <section className="panel revisions" aria-labelledby="revisions-title">
      <h2 id="revisions-title">History</h2>
      {!list ? (
        <p className="muted">Loading…</p>
      ) : (
        <ol className="plain-list">
          {list.map((r, i) => (
            <li key={r.number}>
              <span>
                #{r.number} · {shortTime(r.savedAt, pm.timeZone)} · {r.words} words
              </span>{' '}
              {i === 0 ? (
                <span className="muted">(current)</span>
              ) : (
                <button type="button" className="link" onClick={() => onRestore(r.number)}>
                  Restore #{r.number}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

interface SectionBlockProps {
  index: number;
  title: string;
  /** The section's text in the editor. */
  text: string;
  /** Diagnostics with offsets into `text`. */
  diagnostics: Diagnostic[];
  pm: Postmortem;
  becauses: string[];
  onSection: (index: number, text: string) => void;
  onActionsChanged: (run: () => Promise<unknown>) => Promise<void>;
}

const diagnosticsKey = (list: Diagnostic[]): string => JSON.stringify(list.map((d) => [d.from, d.to, d.message]));

/** One section: heading, guidance, its editor (or the action items), the coach's notes. */
const SectionBlock = memo(
  function SectionBlock({
    index,
    title,
    text,
    diagnostics,
    pm,
    becauses,
    onSection,
    onActionsChanged,
  }: SectionBlockProps) {
    const guidance = pm.guidance.find((g) => g.title.toLowerCase() === title.toLowerCase())?.guidance;
    const isTimeline = sectionPatterns.timeline.test(title);
    const isActions = sectionPatterns.actions.test(title);
    const headingId = `section-${index}`;
    return (
      <section className="pm-section" aria-labelledby={headingId}>
        <h2 id={headingId}>{title || 'Introduction'}</h2>
        {guidance && <p className="guidance">{guidance}</p>}
        {isActions ? (
          <ActionItemsPanel pm={pm} becauses={becauses} onChanged={onActionsChanged} />
        ) : (
          <SectionEditor
            label={title || 'Introduction'}
            value={text}
            diagnostics={diagnostics}
            placeholderText={guidance ?? ''}
            onChange={(value) => onSection(index, value)}
            onBlur={
              isTimeline
                ? () => {
                    if (!timelineSorted(text, pm.timeZone)) {
                      onSection(index, retimeTimeline(text, pm.timeZone, pm.timeZone));
                    }
                  }
                : undefined
            }
          />
        )}
        {isTimeline && (
          <TimelineEntryForm
            zone={pm.timeZone}
            onAdd={(at, entry) => onSection(index, addTimelineEntry(text, pm.timeZone, { at, text: entry }))}
          />
        )}
        <DiagnosticList diagnostics={diagnostics} />
      </section>
    );
  },
  // Typing in one section leaves the others alone (their text and notes are unchanged).
  (a, b) =>
    a.index === b.index &&
    a.title === b.title &&
    a.text === b.text &&
    a.pm === b.pm &&
    a.becauses === b.becauses &&
    a.onActionsChanged === b.onActionsChanged &&
    diagnosticsKey(a.diagnostics) === diagnosticsKey(b.diagnostics),
);

export function PostmortemEditor({ id }: { id: string }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const config = useCoachConfig();
  const [pm, setPm] = useState<Postmortem | null>(null);
  const [body, setBody] = useState('');
  const [save, setSave] = useState<SaveState>({ kind: 'saved', revision: 0 });
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const [history, setHistory] = useState(false);
  const [zone, setZone] = useState('');
  const pending = useRef<{ timer: number; body: string } | null>(null);
  /** The text as of the last change (state lags a render behind a fast typist). */
  const bodyRef = useRef('');
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  // The text clashed with another device's in a sync: the other version, until the author decides.
  const [clash, setClash] = useState<ConflictView | null>(null);
  const conflictCount = useSync((s) => s.status?.conflicts ?? 0);
  const loadClash = useCallback(async (): Promise<void> => {
    const list = await call('repo.conflicts', {});
    setClash(list.find((c) => c.kind === 'postmortem' && c.key === id && c.field === 'body') ?? null);
  }, [id]);
  useEffect(() => {
    loadClash().catch(() => setClash(null));
  }, [loadClash, conflictCount]);

  const load = useCallback(async (): Promise<void> => {
    const fresh = await call('postmortems.get', { id });
    setPm(fresh);
    bodyRef.current = fresh.body;
    setBody(fresh.body);
    setZone(fresh.timeZone);
    setSave({ kind: 'saved', revision: fresh.revision });
  }, [id]);

  useEffect(() => {
    setPm(null);
    load().catch((e: Error) => toast(e.message, 'error'));
  }, [load, toast]);

  const write = useCallback(
    (text: string): Promise<void> => {
      inFlight.current = inFlight.current.then(async () => {
        setSave({ kind: 'saving' });
        try {
          const result = await call('postmortems.save', { id, body: text });
          setSave(pending.current ? { kind: 'pending' } : { kind: 'saved', revision: result.revision });
        } catch (e) {
          setSave({ kind: 'error', message: (e as Error).message });
        }
      });
      return inFlight.current;
    },
    [id],
  );

  /** Saves now whatever is waiting (before export, restore, zone change, leaving). */
  const flush = useCallback(async (): Promise<void> => {
    const waiting = pending.current;
    if (waiting) {
      window.clearTimeout(waiting.timer);
      pending.current = null;
      await write(waiting.body);
    } else await inFlight.current;
  }, [write]);

  useEffect(() => {
    const onUnload = (): void => void flush();
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      void flush().then(() => useStudio.getState().load());
    };
  }, [flush]);

  const change = useCallback(
    (text: string): void => {
      bodyRef.current = text;
      setBody(text);
      if (pending.current) window.clearTimeout(pending.current.timer);
      const timer = window.setTimeout(() => {
        pending.current = null;
        void write(text);
      }, saveDelayMs);
      pending.current = { timer, body: text };
      setSave({ kind: 'pending' });
    },
    [write],
  );

  const [sectionCoach] = useState(createSectionCoach);
  const lint = useMemo(() => lintPostmortem(body, config, sectionCoach), [body, config, sectionCoach]);
  const sections = useMemo(() => splitSections(body), [body]);
  // The same list (same identity) while the "because" statements stay the same, so the action
  // items panel does not re-render on every keystroke elsewhere.
  const becauseKey = becauseStatements(body).join('\u0000');
  const becauses = useMemo(() => (becauseKey ? becauseKey.split('\u0000') : []), [becauseKey]);

  const structural = useCallback(
    async (run: () => Promise<unknown>): Promise<void> => {
      try {
        await flush();
        await run();
        await load();
        void useStudio.getState().load();
      } catch (e) {
        toast(e instanceof ApiError ? e.message : String(e), 'error');
      }
    },
    [flush, load, toast],
  );

  // Stable, and always working on the latest text: sections that did not re-render still call it.
  const setSection = useCallback(
    (index: number, text: string): void => {
      const next = splitSections(bodyRef.current);
      const section = next[index];
      if (!section) return;
      section.body = wrap(text, index === next.length - 1);
      change(joinSections(next));
    },
    [change],
  );

  if (!pm) return <p className="muted">Loading postmortem…</p>;

  const rendered: { section: (typeof sections)[number]; index: number; headingFrom: number; start: number }[] = [];
  for (const [index, section] of sections.entries()) {
    const previous = rendered[rendered.length - 1];
    const headingFrom = previous ? previous.start + previous.section.body.length : 0;
    rendered.push({ section, index, headingFrom, start: headingFrom + section.heading.length });
  }
  const placed = new Set<Diagnostic>();
  /** The diagnostics on a section's heading or body (those at 0–0 are about missing sections). */
  const sectionDiagnostics = (from: number, to: number, last: boolean): Diagnostic[] =>
    lint.diagnostics.filter((d) => {
      const inside = d.from >= from && (d.from < to || (last && d.from === to)) && !(d.from === 0 && d.to === 0);
      if (inside) placed.add(d);
      return inside;
    });
  const saveText =
    save.kind === 'saved'
      ? `Saved · revision ${save.revision}`
      : save.kind === 'saving' || save.kind === 'pending'
        ? 'Saving…'
        : `Not saved: ${save.message}`;

  const editors = rendered.map(({ section, index, headingFrom, start }) => {
    if (section.heading === '' && section.body.trim() === '') return null;
    const { text, lead } = unwrap(section.body, index === sections.length - 1);
    const from = start + lead;
    const diagnostics = sectionDiagnostics(headingFrom, start + section.body.length, index === sections.length - 1);
    return (
      <SectionBlock
        key={`${index}-${section.title}`}
        index={index}
        title={section.title}
        text={text}
        diagnostics={diagnostics.map((d) => ({ ...d, from: d.from - from, to: d.to - from }))}
        pm={pm}
        becauses={becauses}
        onSection={setSection}
        onActionsChanged={structural}
      />
    );
  });
  const unplaced = lint.diagnostics.filter((d) => !placed.has(d));

  return (
    <article className="pm-editor" aria-labelledby="pm-title">
      <header className="pm-header">
        <input
          id="pm-title"
          className="pm-title"
          aria-label="Postmortem title"
          defaultValue={pm.title}
          key={`title-${pm.id}-${pm.updatedAt}`}
          onBlur={(e) => {
            const title = e.target.value.trim();
            if (title && title !== pm.title) void structural(() => call('postmortems.update', { id, title }));
          }}
        />
        <div className="pm-meta">
          <label className="inline">
            Status
            <select
              value={pm.status}
              onChange={(e) =>
                void structural(() =>
                  call('postmortems.update', { id, status: e.target.value as Postmortem['status'] }),
                )
              }
            >
              <option value="draft">Draft</option>
              <option value="review">In review</option>
              <option value="published" disabled={!lint.ready && pm.status !== 'published'}>
                Published
              </option>
            </select>
          </label>
          <label className="inline">
            Timeline zone
            <input
              list="pm-zones"
              value={zone}
              onChange={(e) => setZone(e.target.value)}
              onBlur={() => {
                if (zone !== pm.timeZone) {
                  if (!zones.includes(zone) && zones.length > 0) {
                    toast(`“${zone}” is not a time zone; e.g. Europe/Berlin`, 'error');
                    setZone(pm.timeZone);
                  } else void structural(() => call('postmortems.update', { id, timeZone: zone }));
                }
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
              }}
            />
            <ZoneList />
          </label>
          <span className={`save-state ${save.kind}`} role="status" aria-live="polite">
            {saveText}
          </span>
          <span className="spacer" />
          <div className="segmented" role="group" aria-label="Mode">
            <button type="button" aria-pressed={mode === 'edit'} onClick={() => setMode('edit')}>
              Edit
            </button>
            <button
              type="button"
              aria-pressed={mode === 'preview'}
              onClick={() => {
                void flush();
                setMode('preview');
              }}
            >
              Preview
            </button>
          </div>
          <button type="button" aria-expanded={history} onClick={() => setHistory((h) => !h)}>
            History
          </button>
          <button
            type="button"
            onClick={() =>
              void (async () => {
                await flush();
                const file = await call('postmortems.export', { id });
                download(file.fileName, file.markdown);
                toast(`Exported ${file.fileName}`);
              })().catch((e: Error) => toast(e.message, 'error'))
            }
          >
            Export Markdown
          </button>
        </div>
        {pm.incident && (
          <p className="muted small">
            Incident: {pm.incident.title} · SEV{pm.incident.severity} ·{' '}
            {pm.incident.services.join(', ') || 'no services'} · started {shortTime(pm.incident.startedAt, pm.timeZone)}{' '}
            · {pm.incident.pages.length} pages
          </p>
        )}
      </header>
      <div className="pm-body">
        <div className="pm-sections">
          {mode === 'edit' ? (
            <>
              {clash && (
                <TextClash
                  conflict={clash}
                  body={body}
                  onTake={change}
                  onKeepEditor={() =>
                    void structural(async () => {
                      await call('repo.resolveConflict', { id: clash.id, action: 'dismiss' });
                      await loadClash();
                      void useSync.getState().refresh();
                    })
                  }
                  onUseOther={() =>
                    void structural(async () => {
                      await call('repo.resolveConflict', { id: clash.id, action: 'restore' });
                      await loadClash();
                      void useSync.getState().refresh();
                      toast('The other version is in the editor; the text before it is in History.');
                    })
                  }
                />
              )}
              {editors}
            </>
          ) : (
            <div className="markdown-preview">
              <h1>{pm.title}</h1>
              <Markdown remarkPlugins={[htmlAsText]} components={{ a: SafeLink }}>
                {body}
              </Markdown>
            </div>
          )}
        </div>
        <aside className="pm-side">
          <section className={`panel readiness ${lint.ready ? 'ready' : ''}`} aria-labelledby="readiness-title">
            <h2 id="readiness-title" aria-live="polite">
              {lint.ready ? 'Ready to publish' : 'Not ready yet'}: {lint.passed} of {lint.total} checks
            </h2>
            <ul className="checklist">
              {lint.checks.map((c) => (
                <li key={c.rule} className={c.passed ? 'passed' : 'failed'}>
                  <span aria-hidden="true">{c.passed ? '✓' : '✗'}</span> {c.title}
                  {!c.passed && <span className="muted"> ({c.count})</span>}
                </li>
              ))}
            </ul>
            <DiagnosticList diagnostics={unplaced} />
          </section>
          {history && (
            <Revisions
              pm={pm}
              onRestore={(revision) =>
                void structural(async () => {
                  await call('postmortems.restore', { id, revision });
                  toast(`Restored revision #${revision}. The text before it is in History too.`);
                })
              }
            />
          )}
        </aside>
      </div>
    </article>
  );
}
