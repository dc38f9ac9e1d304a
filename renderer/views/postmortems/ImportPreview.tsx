// What an imported document will become, before anything is stored: its title and kept details,
// each block and the section it lands in (a block can be made to start a section — how a
// document without headings gets them), the action items and timeline entries read from it,
// and the postmortem as it will read. Import stores exactly this.

import { useEffect, useState } from 'react';
import { documentForReading } from '../../../shared/domain/postmortem/reading';
import type { ImportPreview as Preview } from '../../../shared/postmortem-contract';
import { ApiError } from '../../api';
import { MarkdownDocument } from '../../components/MarkdownDocument';
import { shortTime } from '../../format';
import { previewImport, type ImportDocument, type ImportMapping } from '../../state/postmortems';

const usualSections = [
  'Summary',
  'Impact',
  'What Happened',
  'Why It Happened',
  'What Teams Are Changing',
  'Lessons Learned',
];

export function ImportPreview({
  doc,
  zone,
  onImport,
  onCancel,
}: {
  doc: ImportDocument;
  zone: string;
  onImport: (mapping: ImportMapping) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const [mapping, setMapping] = useState<ImportMapping>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    previewImport(doc, mapping).then(
      (p) => {
        if (!live) return;
        setPreview(p);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [doc, mapping]);

  const choose = (block: number, section: string): void =>
    setMapping((m) => [...m.filter((x) => x.block !== block), ...(section ? [{ block, section }] : [])]);

  const names = [...new Set([...usualSections, ...(preview?.sections.map((s) => s.title) ?? [])])];
  const canImport = preview !== null && preview.sections.length > 0;

  return (
    <section className="import-preview" aria-labelledby="import-title">
      <header className="import-head">
        <h1 id="import-title">Import “{preview?.title ?? doc.fileName}”</h1>
        <p className="muted small">
          {doc.fileName} · {doc.format === 'docx' ? 'Word document' : doc.format === 'html' ? 'HTML' : 'Markdown'} ·
          nothing is stored until you choose Import.
        </p>
        <div className="import-buttons">
          <button type="button" className="primary" disabled={!canImport} onClick={() => onImport(mapping)}>
            Import
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {preview && (
        <div className="import-grid">
          <div className="import-facts">
            {preview.notes.map((note) => (
              <p key={note} className="import-note" role="status">
                {note}
              </p>
            ))}
            {preview.details.length > 0 && (
              <>
                <h2>Details kept from the file</h2>
                <dl className="import-details">
                  {preview.details.map((d) => (
                    <div key={d.field}>
                      <dt>{d.field}</dt>
                      <dd>{d.value}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
            <h2>Blocks and their sections</h2>
            <table className="import-blocks">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Block</th>
                  <th scope="col">Becomes part of</th>
                  <th scope="col">Start a section here</th>
                </tr>
              </thead>
              <tbody>
                {preview.blocks.map((b) => (
                  <tr key={b.index} className={b.mapped ? 'mapped' : undefined}>
                    <td>{b.index}</td>
                    <td>
                      <span className="chip">{b.kind === 'heading' ? `heading ${b.level ?? ''}` : b.kind}</span>{' '}
                      <span className="import-excerpt">{b.text.replace(/\s+/g, ' ').slice(0, 90)}</span>
                    </td>
                    <td>
                      {b.isTitle ? 'the title' : (b.section ?? <span className="muted">before any section</span>)}
                    </td>
                    <td>
                      <select
                        aria-label={`Section starting at block ${b.index}`}
                        value={mapping.find((m) => m.block === b.index)?.section ?? ''}
                        onChange={(e) => choose(b.index, e.target.value)}
                      >
                        <option value="">{b.kind === 'heading' && !b.isTitle ? 'as written' : '—'}</option>
                        {names.map((n) => (
                          <option key={n} value={n}>
                            {n}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>Action items ({preview.actionItems.length})</h2>
            {preview.actionItems.length === 0 ? (
              <p className="muted small">None found: they are read from lists and tables in a changes section.</p>
            ) : (
              <table className="import-actions">
                <thead>
                  <tr>
                    <th scope="col">Action</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Due</th>
                    <th scope="col">Read from</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.actionItems.map((a, i) => (
                    <tr key={i}>
                      <td>
                        {a.title}
                        {a.status === 'done' && (
                          <>
                            {' '}
                            <span className="chip done">done</span>
                          </>
                        )}
                        {a.note && <div className="muted small">{a.note}</div>}
                      </td>
                      <td>{a.owner ? `@${a.owner}` : <span className="muted">no owner</span>}</td>
                      <td className="import-date">{a.due ?? <span className="muted">no due date</span>}</td>
                      <td className="muted small">{a.from}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>Timeline ({preview.timeline.length})</h2>
            {preview.timeline.length === 0 ? (
              <p className="muted small">No timeline entries found.</p>
            ) : (
              <table className="import-timeline">
                <thead>
                  <tr>
                    <th scope="col">Time ({zone})</th>
                    <th scope="col">As written</th>
                    <th scope="col">What happened</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.timeline.map((t, i) => (
                    <tr key={i}>
                      <td className="import-date">
                        {t.at ? shortTime(t.at, zone) : <span className="muted">kept as written</span>}
                      </td>
                      <td>{t.written || '—'}</td>
                      <td>{t.text}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <MarkdownDocument
            markdown={documentForReading(preview.markdown)}
            title={preview.title}
            label="Imported postmortem as it will read"
          />
        </div>
      )}
    </section>
  );
}
