// The postmortem as it reads (the preview and the published view): a document with its timeline
// and action items as tables, printable and savable as PDF through the browser's print dialog.

import { useMemo } from 'react';
import { documentForReading } from '../../../shared/domain/postmortem/reading';
import { MarkdownDocument } from '../../components/MarkdownDocument';

export function PostmortemDocument({ title, body }: { title: string; body: string }): React.JSX.Element {
  const reading = useMemo(() => documentForReading(body), [body]);
  return (
    <div className="pm-document">
      <div className="pm-document-actions">
        <button type="button" onClick={() => window.print()}>
          Print or save as PDF…
        </button>
      </div>
      <MarkdownDocument markdown={reading} title={title} label="Postmortem preview" className="printable" />
    </div>
  );
}
