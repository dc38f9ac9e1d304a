// One postmortem: each section in its own editor with the template's guidance beside it, the
// coach's diagnostics (the structure checks and blame words once typing pauses for 150 ms —
// useSettledText.ts; the NLP structure coach in a worker once it pauses for 300 ms —
// useDeferredCoach.ts; the side panel is aria-busy until its answer is for the settled text), a
// readiness checklist, autosave (≤ 300 ms after the last keystroke), revision history, the
// timeline's zone, action items, preview and Markdown export. A keystroke itself re-renders
// nothing here: its section's editor shows it and the text waits to settle.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createCoachNow } from '../../../shared/domain/blameless/carry-over';
import type { Diagnostic } from '../../../shared/domain/blameless/coach';
import { lintPostmortemWith } from '../../../shared/domain/blameless/postmortem-checks';
import { numberedBecauses, sectionPatterns, splitSections } from '../../../shared/domain/postmortem/document';
import type { Postmortem } from '../../../shared/postmortem-contract';
import type { ConflictView } from '../../../shared/sync-contract';
import { ApiError } from '../../api';
import { useApp } from '../../state/app';
import { getPostmortem, restoreRevision, useStudio } from '../../state/postmortems';
import { listConflicts, resolveConflict, useSync } from '../../state/sync';
import { PostmortemHeader, type SaveState } from './PostmortemHeader';
import { PostmortemDocument } from './PostmortemDocument';
import { Readiness } from './Readiness';
import { Revisions } from './Revisions';
import { SectionBlock } from './SectionBlock';
import { unwrap } from './section-text';
import { TextClash } from './TextClash';
import { useCoachConfig } from './useCoachConfig';
import { coachPauseMs, useDeferredCoach } from './useDeferredCoach';
import { settleMs, useSettledText } from './useSettledText';
import { useSharedText } from './useSharedText';

export const saveDelayMs = 300;

/** What the sections other than the action items get for the "because" list: the same empty list,
 * so a changed "because" re-renders the action items alone. */
const noBecauses: { number: number; text: string }[] = [];

const structureRules = new Set(['because-statements', 'action-items', 'timeline-times']);
/** Whether the coach flags blame (not structure) between two offsets. */
const blamefulAt =
  (diagnostics: readonly Diagnostic[]) =>
  (from: number, to: number): boolean =>
    diagnostics.some((d) => !structureRules.has(d.rule) && d.from < to && d.to > from);

export function PostmortemEditor({ id }: { id: string }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const config = useCoachConfig();
  const [pm, setPm] = useState<Postmortem | null>(null);
  // `body` is the settled text; `text.latest()` what the editors hold now.
  const text = useSettledText();
  const { body, latest, replace } = text;
  const [save, setSave] = useState<SaveState>({ kind: 'saved', revision: 0 });
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const [history, setHistory] = useState(false);
  const pending = useRef<{ timer: number } | null>(null);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  // The text clashed with another device's in a sync: the other version, until the author decides.
  const [clash, setClash] = useState<ConflictView | null>(null);
  const conflictCount = useSync((s) => s.status?.conflicts ?? 0);
  const loadClash = useCallback(async (): Promise<void> => {
    const list = await listConflicts();
    setClash(list.find((c) => c.kind === 'postmortem' && c.key === id && c.field === 'body') ?? null);
  }, [id]);
  useEffect(() => {
    loadClash().catch(() => setClash(null));
  }, [loadClash, conflictCount]);

  // Another editor of this postmortem (a window, a browser tab): saves merge, newer texts fold in.
  const shared = useSharedText(id, {
    text: latest,
    apply: replace,
    waiting: () => pending.current !== null,
    onFresh: setPm,
    onSetAside: () => void loadClash().catch(() => undefined),
  });
  const { reset: resetShared, save: saveShared } = shared;

  const load = useCallback(async (): Promise<void> => {
    const fresh = await getPostmortem(id);
    resetShared(fresh);
    setPm(fresh);
    replace(fresh.body);
    setSave({ kind: 'saved', revision: fresh.revision });
  }, [id, resetShared, replace]);

  useEffect(() => {
    setPm(null);
    load().catch((e: Error) => toast(e.message, 'error'));
  }, [load, toast]);

  // Saves the text as it is when its turn comes (a save before it may have folded another's in).
  const write = useCallback((): Promise<void> => {
    inFlight.current = inFlight.current.then(async () => {
      setSave({ kind: 'saving' });
      try {
        const result = await saveShared();
        setSave(pending.current ? { kind: 'pending' } : { kind: 'saved', revision: result.revision });
      } catch (e) {
        setSave({ kind: 'error', message: (e as Error).message });
      }
    });
    return inFlight.current;
  }, [saveShared]);

  /** Saves now whatever is waiting (before export, restore, zone change, leaving). */
  const flush = useCallback(async (): Promise<void> => {
    const waiting = pending.current;
    if (waiting) {
      window.clearTimeout(waiting.timer);
      pending.current = null;
      await write();
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

  /** The text changed: it is saved once typing pauses. */
  const edited = useCallback((): void => {
    if (pending.current) window.clearTimeout(pending.current.timer);
    const timer = window.setTimeout(() => {
      pending.current = null;
      void write();
    }, saveDelayMs);
    pending.current = { timer };
    // The same state while typing goes on: the header renders once, not on every keystroke.
    setSave((s) => (s.kind === 'pending' ? s : { kind: 'pending' }));
  }, [write]);

  /** A whole text from outside the editors (a section taken from the other device's version). */
  const change = useCallback(
    (next: string): void => {
      replace(next);
      edited();
    },
    [replace, edited],
  );

  // The structure coach's latest answer (for this text or one a few keystrokes older, carried
  // onto it) with the blame words and structure checks of the settled text. Its pause counts from
  // the last keystroke, like the autosave's: the settled text is already `settleMs` later.
  const coached = useDeferredCoach(body, config, coachPauseMs - settleMs);
  const [coachNow] = useState(createCoachNow);
  const lint = useMemo(
    () => lintPostmortemWith(body, config, (t, settings) => coachNow(t, settings, coached)),
    [body, config, coached, coachNow],
  );
  const sections = useMemo(() => splitSections(body), [body]);
  // The same list (same identity) while the "because" statements stay the same, so the action
  // items panel does not re-render on every keystroke elsewhere.
  // Numbered as the author numbered them, blameful ones left out (blamefulAt).
  const becauseKey = useMemo(
    () => JSON.stringify(numberedBecauses(body, blamefulAt(lint.diagnostics)).map((b) => [b.number, b.text])),
    [body, lint.diagnostics],
  );
  const becauses = useMemo(
    () => (JSON.parse(becauseKey) as [number, string][]).map(([number, text]) => ({ number, text })),
    [becauseKey],
  );

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

  // Stable, and always working on the latest text: sections that did not re-render still call them.
  // A section editor's own keystroke: nothing renders until the text settles.
  const { typed, replaceSection, sectionText, settle } = text;
  const onTyped = useCallback(
    (index: number, next: string): void => {
      if (typed(index, next)) edited();
    },
    [typed, edited],
  );
  // A section's text replaced from outside its editor (a timeline entry, the times re-sorted).
  const onSection = useCallback(
    (index: number, next: string): void => {
      if (replaceSection(index, next)) edited();
    },
    [replaceSection, edited],
  );
  const showMode = useCallback(
    (next: 'edit' | 'preview'): void => {
      settle(); // the preview reads the text as typed
      setMode(next);
    },
    [settle],
  );

  const toggleHistory = useCallback((): void => setHistory((h) => !h), []);

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
  const editors = rendered.map(({ section, index, headingFrom, start }) => {
    if (section.heading === '' && section.body.trim() === '') return null;
    const { text: sectionBody, lead } = unwrap(section.body, index === sections.length - 1);
    const from = start + lead;
    const diagnostics = sectionDiagnostics(headingFrom, start + section.body.length, index === sections.length - 1);
    return (
      <SectionBlock
        key={`${index}-${section.title}`}
        index={index}
        title={section.title}
        text={sectionBody}
        diagnostics={diagnostics.map((d) => ({ ...d, from: d.from - from, to: d.to - from }))}
        pm={pm}
        becauses={sectionPatterns.actions.test(section.title) ? becauses : noBecauses}
        sectionText={sectionText}
        onTyped={onTyped}
        onSection={onSection}
        onActionsChanged={structural}
      />
    );
  });
  const unplaced = lint.diagnostics.filter((d) => !placed.has(d));

  return (
    <article className="pm-editor" aria-labelledby="pm-title">
      <PostmortemHeader
        pm={pm}
        save={save}
        ready={lint.ready}
        mode={mode}
        onMode={showMode}
        history={history}
        onHistory={toggleHistory}
        flush={flush}
        structural={structural}
      />
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
                      await resolveConflict(clash.id, 'dismiss');
                      await loadClash();
                      void useSync.getState().refresh();
                    })
                  }
                  onUseOther={() =>
                    void structural(async () => {
                      await resolveConflict(clash.id, 'restore');
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
            <PostmortemDocument title={pm.title} body={body} />
          )}
        </div>
        <aside className="pm-side" aria-busy={coached?.text !== body}>
          <Readiness lint={lint} unplaced={unplaced} />
          {history && (
            <Revisions
              pm={pm}
              onRestore={(revision) =>
                void structural(async () => {
                  await restoreRevision(id, revision);
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
