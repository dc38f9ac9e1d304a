// The coach's notes on a section (or on the whole postmortem): what it found and a rewrite hint.

import type { Diagnostic } from '../../../shared/domain/blameless/coach';

export function DiagnosticList({ diagnostics }: { diagnostics: Diagnostic[] }): React.JSX.Element | null {
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
