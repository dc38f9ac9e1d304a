// What importing would do: the counts, every skipped record with its reason, and the first rows.

import type { HistoryImportOutput } from '../../../shared/history-contract';
import { shortTime } from '../../format';
import { formatName } from '../../state/history';

export function ImportPreview({ preview }: { preview: HistoryImportOutput }): React.JSX.Element {
  const counts: [string, number, string][] = [
    ['New', preview.new, 'pages not here yet'],
    ['Updated', preview.updated, 'imported before; the platform changed them'],
    ['Unchanged', preview.unchanged, 'already here as they are'],
    ['Merged', preview.merged, 'logged by hand already; the import adds its link and times'],
    ['Skipped', preview.skipped.length, 'records that cannot become a page'],
  ];
  return (
    <section className="panel" aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">Preview · {formatName(preview.source)}</h2>
      <div className="stats import-counts">
        {counts.map(([label, value, what]) => (
          <div key={label} className="stat" data-testid={`import-${label.toLowerCase()}`}>
            <span className="stat-label">{label}</span>
            <span className="stat-value">{value}</span>
            <span className="stat-target">{what}</span>
          </div>
        ))}
      </div>
      {preview.skipped.length > 0 && (
        <>
          <h3 className="import-subtitle">Skipped</h3>
          <ul className="plain-list import-skipped">
            {preview.skipped.slice(0, 50).map((s) => (
              <li key={`${s.file}:${s.record}`}>
                {s.file} record {s.record}: {s.reason}
              </li>
            ))}
            {preview.skipped.length > 50 && <li>… and {preview.skipped.length - 50} more</li>}
          </ul>
        </>
      )}
      {preview.firstRows.length > 0 && (
        <>
          <h3 className="import-subtitle">First pages</h3>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Summary</th>
                <th scope="col">Service</th>
                <th scope="col">Sev</th>
                <th scope="col">Who</th>
                <th scope="col">Will be</th>
              </tr>
            </thead>
            <tbody>
              {preview.firstRows.map((row) => (
                <tr key={`${row.file}:${row.record}`}>
                  <td>{shortTime(row.receivedAt, 'UTC')} UTC</td>
                  <td>{row.summary}</td>
                  <td>{row.service}</td>
                  <td>{row.severity}</td>
                  <td>@{row.person}</td>
                  <td>{row.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
