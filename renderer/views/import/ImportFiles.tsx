// The files chosen so far, each with the format seen in its first 4 KiB.

import { DataTable } from '../../components/DataTable';
import { formatName, useHistoryImport, type ChosenFile } from '../../state/history';

const sizeText = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KiB`
      : `${(bytes / 1048576).toFixed(1)} MiB`;

export function ImportFiles({ files }: { files: ChosenFile[] }): React.JSX.Element {
  const removeFile = useHistoryImport((s) => s.removeFile);
  const busy = useHistoryImport((s) => s.busy);
  return (
    <section className="panel" aria-labelledby="import-files-title">
      <h2 id="import-files-title">Files</h2>
      <DataTable
        rows={files}
        rowKey={(file) => file.name}
        className="import-files"
        columns={[
          { title: 'File', cell: (file) => file.name },
          { title: 'Size', cell: (file) => sizeText(file.size) },
          {
            title: 'Detected format',
            className: (file) => (file.format ? undefined : 'over'),
            cell: (file) => formatName(file.format),
          },
          {
            title: 'Remove',
            hiddenTitle: true,
            className: 'row-actions',
            cell: (file) => (
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => removeFile(file.name)}
                aria-label={`Remove ${file.name}`}
              >
                Remove
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}
