// The reliability repository: connect this device, see the status, sync now (with its progress),
// who this device is, files skipped in the repository, conflicts to review.

import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { FormError, InputField } from '../../components/Field';
import { useApp } from '../../state/app';
import { connectRepository, syncLine, useSync } from '../../state/sync';
import { Conflicts } from './Conflicts';
import { SyncProgress } from './SyncProgress';
import { WhoIsThisDevice } from './WhoIsThisDevice';

export function RepositoryPanel(): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const { status, syncing, last, refresh, syncNow } = useSync();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => setNow(Date.now()), [status]);

  async function connect(event: FormEvent, init = false): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      await connectRepository(init ? null : url.trim());
      setError(null);
      await refresh();
      toast('Connected. Syncing…');
      await syncNow();
    } catch (e) {
      setError(e instanceof ApiError ? e.message.replace(/^url: /, '') : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel repository" aria-labelledby="repository-title">
      <h2 id="repository-title">Reliability repository</h2>
      {!status ? (
        <p className="muted">Loading…</p>
      ) : !status.connected ? (
        <form onSubmit={(e) => void connect(e)}>
          <p className="muted small">
            Your team’s git repository: pages, postmortems and the roster sync through it as readable files. Any remote
            your own git can reach (SSH, or HTTPS with your credential helper) — credentials are never stored here.
          </p>
          <InputField
            label="Repository URL or path"
            value={url}
            onValue={(value) => setUrl(value)}
            placeholder="git@github.com:acme/reliability.git"
            aria-invalid={error ? true : undefined}
          />
          <FormError message={error} />
          <div className="dialog-actions">
            <button type="button" disabled={busy} onClick={(e) => void connect(e, true)}>
              Start a new local one
            </button>
            <button type="submit" className="primary" disabled={busy || !url.trim()}>
              {busy ? 'Connecting…' : 'Connect'}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p>
            Connected to <code>{status.url ?? status.path}</code>
          </p>
          <p aria-live="polite">
            {syncLine(status, syncing, now).text}
            {last &&
              ` · last sync: ${last.message}, sent ${last.sent.pages.toLocaleString('en-US')} pages, received ${last.received.pages.toLocaleString('en-US')}`}
          </p>
          {status.syncing && <SyncProgress progress={status.syncing} now={now} />}
          {!syncing && !status.syncing && <WhoIsThisDevice />}
          <button
            type="button"
            className="primary"
            disabled={syncing || !!status.syncing}
            onClick={() => void syncNow()}
          >
            {syncing || status.syncing ? 'Syncing…' : 'Sync now'}
          </button>
          {status.problems.length > 0 && (
            <div className="sync-problems" role="alert">
              <h3>Skipped in the repository</h3>
              <ul className="plain-list small">
                {status.problems.map((p) => (
                  <li key={`${p.file}:${p.line}:${p.message}`}>
                    <code>
                      {p.file}
                      {p.line ? `:${p.line}` : ''}
                    </code>{' '}
                    {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <Conflicts onChange={() => void refresh()} />
        </>
      )}
    </section>
  );
}
