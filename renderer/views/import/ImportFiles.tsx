// The files chosen so far, each with the format seen in its first 4 KiB.

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
      <table className="data import-files">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Size</th>
            <th scope="col">Detected format</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.name}>
              <td>{file.name}</td>
              <td>{sizeText(file.size)}</td>
              <td className={file.format ? undefined : 'over'}>{formatName(file.format)}</td>
              <td className="row-actions">
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => removeFile(file.name)}
                  aria-label={`Remove ${file.name}`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
