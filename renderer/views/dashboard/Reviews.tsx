// The weekly, monthly and quarterly on-call load reviews, as Markdown to copy or save.

import { useEffect, useState } from 'react';
import type { ReviewReport } from '../../../shared/report-contract';
import { downloadText } from '../../components/export';
import { useApp } from '../../state/app';
import { loadReview } from '../../state/dashboard';
import { MarkdownDocument } from '../../components/MarkdownDocument';

export function Reviews({ team }: { team: string | null }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [kind, setKind] = useState<ReviewReport['kind'] | null>(null);
  const [report, setReport] = useState<ReviewReport | null>(null);
  useEffect(() => {
    if (!kind) return;
    loadReview({ kind, ...(team ? { team } : {}) }).then(setReport, (error: Error) => toast(error.message, 'error'));
  }, [kind, team, toast]);

  async function copy(): Promise<void> {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.markdown);
      toast('Report copied as Markdown.');
    } catch {
      toast('The clipboard is not available here; use Save as Markdown.', 'error');
    }
  }

  return (
    <section className="panel" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      <div className="inline-form">
        <div role="group" aria-label="Review" className="segmented">
          {(['weekly', 'monthly', 'quarterly'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
              {k[0]?.toUpperCase()}
              {k.slice(1)}
            </button>
          ))}
        </div>
        {report && (
          <>
            <button type="button" onClick={() => void copy()}>
              Copy Markdown
            </button>
            <button
              type="button"
              onClick={() =>
                downloadText(
                  report.markdown,
                  `${report.kind}-review-${report.from.slice(0, 10)}.md`,
                  'text/markdown;charset=utf-8',
                )
              }
            >
              Save as Markdown
            </button>
          </>
        )}
      </div>
      {report ? (
        <MarkdownDocument markdown={report.markdown} label={report.title} className="printable" />
      ) : (
        <p className="muted">
          The on-call load review of the last complete week, month or quarter, as Markdown that pastes into a doc or a
          pull request.
        </p>
      )}
    </section>
  );
}
