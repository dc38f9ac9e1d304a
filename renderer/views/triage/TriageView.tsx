// The triage queue (key g): untriaged pages one at a time — a actionable, n noise, s skip,
// u (or Ctrl/Cmd+Z) undo — with how many remain, and bulk rules for pages like the one shown.
// docs/import.md "The Import panel and the triage queue".

import { useEffect } from 'react';
import { useApp } from '../../state/app';
import { useTriage, type Verdict } from '../../state/triage';
import { TriageCard } from './TriageCard';
import { TriageRules } from './TriageRules';
import './triage.css';

const keys: Record<string, Verdict | 'skip'> = { a: 'actionable', n: 'noise', s: 'skip' };

function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export function TriageView(): React.JSX.Element {
  const { pages, at, remaining, loading, load, mark } = useTriage();
  const undo = useApp((s) => s.undo);
  const setView = useApp((s) => s.setView);
  const page = pages[at];

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    // Captured before the app's own keys: here a and n triage (elsewhere they open views and dialogs).
    function onKeyDown(event: KeyboardEvent): void {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.composedPath()[0] ?? event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const verdict = keys[event.key];
      if (verdict || event.key === 'u') {
        event.preventDefault();
        event.stopPropagation();
        if (event.key === 'u') void undo();
        else if (verdict && !event.repeat) void mark(verdict);
      }
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [mark, undo]);

  const left = remaining ?? 0;
  return (
    <section className="triage-view" aria-labelledby="triage-title">
      <header className="view-header">
        <h1 id="triage-title">Triage</h1>
        <span className="muted" role="status" data-testid="triage-remaining">
          {remaining === null ? '' : `${left} ${left === 1 ? 'page' : 'pages'} not triaged`}
        </span>
        <span className="muted small triage-keys">
          <kbd>a</kbd> actionable · <kbd>n</kbd> noise · <kbd>s</kbd> skip · <kbd>u</kbd> undo
        </span>
      </header>
      <div className="triage-scroll">
        {page ? (
          <>
            <TriageCard page={page} onMark={(v) => void mark(v)} onUndo={() => void undo()} />
            <TriageRules page={page} />
          </>
        ) : loading ? (
          <p className="muted">Loading…</p>
        ) : left > 0 ? (
          <div className="panel triage-done">
            <h2>You skipped the rest</h2>
            <p>{left} pages still wait for a verdict.</p>
            <button type="button" onClick={() => void load()}>
              Go through the skipped pages
            </button>
          </div>
        ) : (
          <div className="panel triage-done">
            <h2>Nothing to triage</h2>
            <p>
              Every page has a verdict: targets count actionable pages exactly. Imported pages arrive here not triaged.
            </p>
            <button type="button" onClick={() => setView('import')}>
              Import paging history <kbd>h</kbd>
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
