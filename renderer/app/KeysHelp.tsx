// `?`: every key the app answers to. Closed, it gives the focus back to where it was (the list,
// say), so ↑/↓ go on where they were.

import { useEffect, useRef } from 'react';

export function KeysHelp({ onClose }: { onClose: () => void }): React.JSX.Element {
  // Read as it first renders, before its Close button takes the focus.
  const focusedBefore = useRef(document.activeElement);
  useEffect(
    () => () => {
      const before = focusedBefore.current;
      if (before instanceof HTMLElement && before.isConnected && before !== document.body)
        before.focus({ preventScroll: true });
    },
    [],
  );
  return (
    <div className="keys-help" role="dialog" aria-label="Keyboard shortcuts">
      <h2>Keyboard</h2>
      <dl>
        <dt>
          <kbd>n</kbd>
        </dt>
        <dd>Log a page</dd>
        <dt>
          <kbd>t</kbd>
        </dt>
        <dd>Log toil, or start and stop the toil timer</dd>
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>Search pages</dd>
        <dt>
          <kbd>p</kbd> <kbd>w</kbd> <kbd>o</kbd> <kbd>d</kbd> <kbd>r</kbd> <kbd>i</kbd> <kbd>a</kbd> <kbd>b</kbd>{' '}
          <kbd>h</kbd> <kbd>g</kbd> <kbd>m</kbd>
        </dt>
        <dd>
          Pages, My week, Toil, Load (dashboards and reviews), Rotations, Postmortems, Action items, Error budgets,
          Import paging history, Triage queue, Me
        </dd>
        <dt>
          <kbd>a</kbd> <kbd>n</kbd> <kbd>s</kbd> <kbd>u</kbd>
        </dt>
        <dd>In the triage queue: actionable, noise, skip, undo</dd>
        <dt>
          <kbd>Space</kbd>
        </dt>
        <dd>Mark a page in the list, to group marked pages into an incident</dd>
        <dt>
          <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Enter</kbd> <kbd>Del</kbd>
        </dt>
        <dd>Move, edit, delete in the list</dd>
        <dt>
          <kbd>←</kbd> <kbd>→</kbd> <kbd>↑</kbd> <kbd>↓</kbd> <kbd>o</kbd>
        </dt>
        <dd>On the Rotations timeline: move between shifts and rotations; o or Enter adds an override for the shift</dd>
        <dt>
          <kbd>Ctrl</kbd>+<kbd>Z</kbd>
        </dt>
        <dd>Undo the last delete or override added</dd>
      </dl>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </div>
  );
}
