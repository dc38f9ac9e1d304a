// The editor's text on two clocks. The *latest* text changes on every keystroke and lives outside
// React (CodeMirror shows it, the autosave and export send it, the timeline form and blur edit
// it). The *settled* text is React state: what everything that reads the whole document renders
// from — the structure checks and blame words, the "because" list, the readiness checklist, the
// section notes, the preview, the structure coach's request. It follows the latest text once
// typing pauses for `settleMs`, in a task of its own after the keystroke's frame, or at once for a
// change from outside the section editors (opened, restored, folded in, a timeline entry added).
//
// So a keystroke costs CodeMirror's update of its section and a splice of that section into the
// text — nothing that walks the whole postmortem or re-renders the studio.

import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { joinSections, splitSections, type Section } from '../../../shared/domain/postmortem/document';
import { unwrap, wrap } from './section-text';

/**
 * How long typing pauses before the whole document is read again. Short enough that a note
 * appears as the author lifts their hands; long enough that a typist's keystrokes (60–120 ms
 * apart) do not each pay for a pass over 5,000 words.
 */
export const settleMs = 150;

/** A line that can start or end a section, or hide headings in a code block. */
const structural = /^(##[ \t]|```|~~~)/m;

export interface SettledText {
  /** The settled text (React state). */
  body: string;
  /** The latest text: what the section editors hold now. */
  latest: () => string;
  /** Section `index`'s text as its editor holds it now (without the blank lines around it). */
  sectionText: (index: number) => string;
  /** A section editor's own change (a keystroke): the settled text follows after the pause. */
  typed: (index: number, text: string) => boolean;
  /** A section's text replaced from outside its editor (timeline entry, re-sorted times): shown at once. */
  replaceSection: (index: number, text: string) => boolean;
  /** A whole text from outside the editors (opened, restored, folded in, taken from a clash): shown at once. */
  replace: (text: string) => void;
  /** Settles now (before the preview shows the text). */
  settle: () => void;
}

export function useSettledText(): SettledText {
  const [body, setBody] = useState('');
  // The sections as the editors hold them, and their join (made when asked for: a keystroke needs neither).
  const latestSections = useRef<Section[]>([]);
  const latestText = useRef<string | null>('');
  const timer = useRef<number | null>(null);

  const cancel = (): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancel, []);

  const latest = useCallback((): string => {
    latestText.current ??= joinSections(latestSections.current);
    return latestText.current;
  }, []);

  const replace = useCallback((text: string): void => {
    cancel();
    latestSections.current = splitSections(text);
    latestText.current = text;
    setBody(text);
  }, []);

  const settle = useCallback((): void => {
    cancel();
    setBody(latest());
  }, [latest]);

  const typed = useCallback(
    (index: number, text: string): boolean => {
      const sections = latestSections.current;
      const section = sections[index];
      if (!section) return false;
      const edited = { ...section, body: wrap(text, index === sections.length - 1) };
      const next = sections.slice();
      next[index] = edited;
      if (structural.test(section.body) || structural.test(edited.body)) {
        // A heading typed or a code fence opened: the sections are found again.
        latestText.current = joinSections(next);
        latestSections.current = splitSections(latestText.current);
      } else {
        latestSections.current = next;
        latestText.current = null;
      }
      cancel();
      timer.current = window.setTimeout(() => {
        timer.current = null;
        // Rendered in this task: a keystroke queued meanwhile cannot land between the text read
        // here and the editors it reaches (an editor is never handed back an older text of its own).
        flushSync(() => setBody(latest()));
      }, settleMs);
      return true;
    },
    [latest],
  );

  const replaceSection = useCallback(
    (index: number, text: string): boolean => {
      if (!typed(index, text)) return false;
      settle();
      return true;
    },
    [typed, settle],
  );

  const sectionText = useCallback((index: number): string => {
    const sections = latestSections.current;
    const section = sections[index];
    return section ? unwrap(section.body, index === sections.length - 1).text : '';
  }, []);

  return { body, latest, sectionText, typed, replaceSection, replace, settle };
}
