// One section's Markdown in CodeMirror 6, with the blameless coach's diagnostics as lint marks
// (underline, gutter, hover with the explanation and a systems-oriented hint).
//
// The editor lives in an open shadow root: there CodeMirror's styles go into constructed
// (adopted) style sheets instead of <style> elements, so the strict CSP (style-src 'self', no
// 'unsafe-inline') holds. The app's colours reach it through CSS custom properties.

import { history, historyKeymap } from '@codemirror/commands';
import { forEachDiagnostic, lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../../shared/domain/blameless/coach';
import { changesBetween } from './fold-in';
import { authorsListMarkers } from './list-continuation';
import { markdownEditing } from './markdown-commands';

interface Props {
  label: string;
  value: string;
  /** Diagnostics with offsets into `value`. */
  diagnostics: Diagnostic[];
  placeholderText?: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
}

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--surface)', borderRadius: '6px', minHeight: '4rem' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
  '.cm-content': {
    fontFamily: 'inherit',
    fontSize: '0.95rem',
    lineHeight: '1.5',
    caretColor: 'var(--text)',
    minHeight: '4rem',
  },
  '.cm-scroller': { fontFamily: 'inherit' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', borderRight: '1px solid var(--border)', color: 'var(--muted)' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    maxWidth: '30rem',
  },
  '.cm-coach-hint': { margin: '0.3rem 0 0', color: 'var(--muted)' },
  '.cm-diagnostic': { padding: '0.4rem 0.6rem' },
});

/** The events of typing a character (bubbling out of the editor's shadow root). */
const typingEvents = ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'textInput'];

function renderHint(d: Diagnostic): () => Node {
  return () => {
    const box = document.createElement('div');
    const message = document.createElement('strong');
    message.textContent = d.message;
    const hint = document.createElement('p');
    hint.className = 'cm-coach-hint';
    hint.textContent = `Try: ${d.hint}`;
    box.append(message, hint);
    return box;
  };
}

/** Whether the editor already shows exactly these marks (the same ranges and messages). */
function sameMarks(state: EditorState, marks: readonly CmDiagnostic[]): boolean {
  const shown: string[] = [];
  forEachDiagnostic(state, (d, from, to) => void shown.push(`${from}:${to}:${d.message}`));
  if (shown.length !== marks.length) return false;
  const wanted = marks.map((d) => `${d.from}:${d.to}:${d.message}`);
  shown.sort();
  wanted.sort();
  return shown.every((key, i) => key === wanted[i]);
}

export function SectionEditor({
  label,
  value,
  diagnostics,
  placeholderText,
  onChange,
  onBlur,
}: Props): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** Set while a change from outside is applied, so it is not reported back as typing. */
  const external = useRef(false);
  const callbacks = useRef({ onChange, onBlur });
  useEffect(() => {
    callbacks.current = { onChange, onBlur };
  });

  useEffect(() => {
    if (!host.current) return;
    const shadow = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    // A keystroke's events end at the editor: nothing outside it handles typing (the app's key
    // shortcuts ignore keys typed into a field), and on their way up React's root listener would
    // look for handlers through the whole tree for each of a keystroke's events.
    const typingStops = (event: Event): void => event.stopPropagation();
    for (const type of typingEvents) host.current.addEventListener(type, typingStops);
    const parent = document.createElement('div');
    shadow.append(parent);
    const editor = new EditorView({
      parent,
      root: shadow,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of(historyKeymap),
          markdownEditing,
          authorsListMarkers,
          EditorView.lineWrapping,
          theme,
          lintGutter(),
          placeholder(placeholderText ?? ''),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !external.current) callbacks.current.onChange(update.state.doc.toString());
            if (update.focusChanged && !update.view.hasFocus) callbacks.current.onBlur?.();
          }),
        ],
      }),
    });
    view.current = editor;
    const hostElement = host.current;
    return () => {
      for (const type of typingEvents) hostElement.removeEventListener(type, typingStops);
      editor.destroy();
      parent.remove();
      view.current = null;
    };
    // The editor is made once; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A change from outside (restore, timeline entry, action items, another editor's text): only
  // what differs is changed, so the cursor and selection stay where they were in the text.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current === value) return;
    external.current = true;
    try {
      editor.dispatch({ changes: changesBetween(current, value) });
    } finally {
      external.current = false;
    }
  }, [value]);

  const diagnosticsKey = JSON.stringify(diagnostics.map((d) => [d.from, d.to, d.message]));
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const length = editor.state.doc.length;
    const marks: CmDiagnostic[] = diagnostics
      .filter((d) => d.from <= length)
      .map((d) => ({
        from: Math.max(0, d.from),
        // A finding on the section's heading lies before its text (negative offsets): it marks the
        // text's start. A range ending before it starts stopped the whole view ("Ranges must be added sorted").
        to: Math.max(0, Math.min(length, Math.max(d.to, d.from))),
        severity: 'warning',
        source: 'blameless coach',
        message: `${d.message} Try: ${d.hint}`,
        renderMessage: renderHint(d),
      }));
    // The marks the editor holds, mapped through the typing since they were set, are usually these
    // same ones: then nothing is dispatched (setting them rebuilds every underline and gutter marker).
    if (sameMarks(editor.state, marks)) return;
    editor.dispatch(setDiagnostics(editor.state, marks));
    // Keyed by content: a section whose text and diagnostics did not change is left alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [diagnosticsKey, value]);

  return <div ref={host} className="section-editor" />;
}
