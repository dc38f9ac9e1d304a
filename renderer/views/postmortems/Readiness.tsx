// Ready to publish? The coach's checks on the whole postmortem, and its notes that belong to no
// one section.

import type { Diagnostic } from '../../../shared/domain/blameless/coach';
import type { LintResult } from '../../../shared/domain/blameless/postmortem-lint';
import { DiagnosticList } from './DiagnosticList';

export function Readiness({ lint, unplaced }: { lint: LintResult; unplaced: Diagnostic[] }): React.JSX.Element {
  return (
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
  );
}
