// In the editor: this postmortem's text was changed here and on another device, and the lines
// clashed in a sync. The editor holds the later edit; the other version waits here (and in the
// conflict log) until the author decides — section by section, all of it, or none of it.

import { diffLines } from 'diff';
import { useState } from 'react';
import { clashingSections, takeSection, type SectionClash } from '../../../shared/domain/postmortem/clash';
import type { ConflictView } from '../../../shared/sync-contract';

function LineDiff({ mine, other }: { mine: string; other: string }): React.JSX.Element {
  const parts = diffLines(mine, other);
  return (
    <pre className="line-diff">
      {parts.map((part, i) => {
        const lines = part.value.replace(/\n$/, '').split('\n');
        const text = lines.map((l) => `${part.added ? '+ ' : part.removed ? '− ' : '  '}${l}`).join('\n');
        if (part.added)
          return (
            <ins key={i}>
              <span className="sr-only">Only in the other version: </span>
              {text}
              {'\n'}
            </ins>
          );
        if (part.removed)
          return (
            <del key={i}>
              <span className="sr-only">Only in the editor: </span>
              {text}
              {'\n'}
            </del>
          );
        return (
          <span key={i} className="same">
            {text}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

export function TextClash({
  conflict,
  body,
  onTake,
  onKeepEditor,
  onUseOther,
}: {
  conflict: ConflictView;
  /** The editor's text now. */
  body: string;
  /** The editor's text with a section taken from the other version (saved like typing). */
  onTake: (text: string) => void;
  onKeepEditor: () => void;
  onUseOther: () => void;
}): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const other = typeof conflict.lost === 'string' ? conflict.lost : '';
  const clashes = clashingSections(body, other);
  const whose =
    conflict.lostSide === 'theirs'
      ? 'the other version'
      : 'your earlier version from this device (the other device’s edit was later)';
  const take = (clash: SectionClash): void => onTake(takeSection(body, other, clash));
  const name = (clash: SectionClash): string =>
    (clash.title || 'Text before the first heading') + (clash.occurrence > 0 ? ` (${clash.occurrence + 1})` : '');
  return (
    <section className="pm-clash" aria-labelledby="pm-clash-title">
      <h2 id="pm-clash-title">Changed on two devices</h2>
      <p>
        This text was edited here and elsewhere (another device in a sync, or another window on it), and the same lines
        differ, so they could not be merged. The editor has the later edit; {whose} is kept here until you decide.{' '}
        {clashes.length === 0
          ? 'The two are now the same.'
          : `${clashes.length} ${clashes.length === 1 ? 'section differs' : 'sections differ'}.`}
      </p>
      <div className="dialog-actions">
        <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide the comparison' : 'Compare section by section'}
        </button>
        <button type="button" onClick={onKeepEditor}>
          {clashes.length === 0 ? 'Done' : 'Keep the editor’s text'}
        </button>
        {clashes.length > 0 && (
          <button type="button" onClick={onUseOther}>
            Use the other version
          </button>
        )}
      </div>
      {open && (
        <ol className="clash-sections">
          {clashes.map((clash) => (
            <li key={`${clash.occurrence}-${clash.title}`}>
              <h3>{name(clash)}</h3>
              {clash.mine !== null && clash.other !== null ? (
                <LineDiff mine={clash.mine} other={clash.other} />
              ) : clash.other !== null ? (
                <>
                  <p className="small muted">Only the other version has this section.</p>
                  <LineDiff mine="" other={clash.other} />
                </>
              ) : (
                <p className="small muted">Only the editor’s text has this section.</p>
              )}
              <button type="button" onClick={() => take(clash)}>
                {clash.mine === null
                  ? 'Add this section'
                  : clash.other === null
                    ? 'Remove this section'
                    : 'Use the other version of this section'}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
