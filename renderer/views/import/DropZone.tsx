// Where export files are dropped, or chosen with the file picker (a real <input type="file">,
// reachable with Tab and opened with Enter or Space).

import { useRef, useState } from 'react';
import { useHistoryImport } from '../../state/history';

export function DropZone({ busy }: { busy: string | null }): React.JSX.Element {
  const addFiles = useHistoryImport((s) => s.addFiles);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void addFiles([...e.dataTransfer.files]);
      }}
    >
      <p>
        <strong>Drop export files here</strong> or
      </p>
      <label className="file-button">
        <span>Choose files…</span>
        <input
          ref={input}
          id="import-files"
          type="file"
          multiple
          accept=".json,.jsonl,.csv,.tsv,.txt,application/json,text/csv"
          disabled={busy === 'applying'}
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            if (input.current) input.current.value = '';
            if (chosen.length > 0) void addFiles(chosen);
          }}
        />
      </label>
      <p className="muted small">
        Several saved API pages of one platform at once are fine; they are read as one export.
      </p>
    </div>
  );
}
