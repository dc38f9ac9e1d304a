// One section of a postmortem: heading, the template's guidance, its editor (or the action
// items), the timeline's entry form, the coach's notes.

import { memo, useCallback } from 'react';
import type { Diagnostic } from '../../../shared/domain/blameless/coach';
import {
  addTimelineEntry,
  retimeTimeline,
  sectionPatterns,
  timelineSorted,
} from '../../../shared/domain/postmortem/document';
import type { Postmortem } from '../../../shared/postmortem-contract';
import { ActionItemsPanel } from './ActionItemsPanel';
import { DiagnosticList } from './DiagnosticList';
import { SectionEditor } from './SectionEditor';
import { TimelineEntryForm } from './TimelineEntryForm';

interface SectionBlockProps {
  index: number;
  title: string;
  /** The section's text in the editor. */
  text: string;
  /** Diagnostics with offsets into `text`. */
  diagnostics: Diagnostic[];
  pm: Postmortem;
  becauses: { number: number; text: string }[];
  /** The section's text as its editor holds it now (`text` follows it once typing pauses). */
  sectionText: (index: number) => string;
  /** The editor's own change (a keystroke). */
  onTyped: (index: number, text: string) => void;
  /** The section's text replaced from outside its editor: the editor is given it. */
  onSection: (index: number, text: string) => void;
  onActionsChanged: (run: () => Promise<unknown>) => Promise<void>;
}

const diagnosticsKey = (list: Diagnostic[]): string => JSON.stringify(list.map((d) => [d.from, d.to, d.message]));

/** One section: heading, guidance, its editor (or the action items), the coach's notes. */
export const SectionBlock = memo(
  function SectionBlock({
    index,
    title,
    text,
    diagnostics,
    pm,
    becauses,
    sectionText,
    onTyped,
    onSection,
    onActionsChanged,
  }: SectionBlockProps) {
    const guidance = pm.guidance.find((g) => g.title.toLowerCase() === title.toLowerCase())?.guidance;
    const isTimeline = sectionPatterns.timeline.test(title);
    const isActions = sectionPatterns.actions.test(title);
    const headingId = `section-${index}`;
    const timeZone = pm.timeZone;
    const addEntry = useCallback(
      (at: number, entry: string) =>
        onSection(index, addTimelineEntry(sectionText(index), timeZone, { at, text: entry })),
      [index, timeZone, sectionText, onSection],
    );
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
            onChange={(value) => onTyped(index, value)}
            onBlur={
              isTimeline
                ? () => {
                    const now = sectionText(index);
                    if (!timelineSorted(now, pm.timeZone)) {
                      onSection(index, retimeTimeline(now, pm.timeZone, pm.timeZone));
                    }
                  }
                : undefined
            }
          />
        )}
        {isTimeline && <TimelineEntryForm zone={pm.timeZone} onAdd={addEntry} />}
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
    a.sectionText === b.sectionText &&
    a.onTyped === b.onTyped &&
    a.onSection === b.onSection &&
    a.onActionsChanged === b.onActionsChanged &&
    diagnosticsKey(a.diagnostics) === diagnosticsKey(b.diagnostics),
);
