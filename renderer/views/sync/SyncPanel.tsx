// The reliability repository: connect this device, see the status, sync now, review conflicts —
// and the status in the header ("synced 2 min ago", "4 changes waiting", "offline",
// "conflicts to review"), with a sync every few minutes while connected.

import { useEffect, useState, type FormEvent } from 'react';
import { create } from 'zustand';
import type { Person } from '../../../shared/contract';
import type { Team } from '../../../shared/rotation-contract';
import type { ConflictView, RepoStatusView, SyncProgressView, SyncReportView } from '../../../shared/sync-contract';
import { progressLabel, progressShare } from '../../../shared/domain/repository/progress';
import { ApiError, call } from '../../api';
import { useApp } from '../../app/store';
import { useStudio } from '../postmortems/postmortemStore';

const autoSyncMs = 3 * 60_000;

interface SyncState {
  status: RepoStatusView | null;
  syncing: boolean;
  last: SyncReportView | null;
  refresh: () => Promise<void>;
  syncNow: () => Promise<void>;
}

export const useSync = create<SyncState>((set, get) => ({
  status: null,
  syncing: false,
  last: null,
  refresh: async () => {
    try {
      set({ status: await call('repo.status', {}) });
    } catch {
      // The header simply shows nothing until the next refresh.
    }
  },
  syncNow: async () => {
    if (get().syncing || !get().status?.connected) return;
    set({ syncing: true });
    // The sync runs in the background: its progress comes with the status, read while it runs.
    const poll = window.setInterval(() => void get().refresh(), 500);
    try {
      const report = await call('repo.sync', {});
      set({ last: report });
      const received = Object.values(report.received).reduce((a, b) => a + b, 0);
      if (received > 0 || report.conflicts > 0) useApp.getState().changed();
      if (!report.ok) useApp.getState().toast(`Sync: ${report.message}`, 'error');
    } catch (error) {
      useApp.getState().toast((error as Error).message, 'error');
    } finally {
      window.clearInterval(poll);
      set({ syncing: false });
      await get().refresh();
    }
  },
}));

function ago(iso: string, now: number): string {
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

export function syncLine(status: RepoStatusView, syncing: boolean, now: number): { text: string; tone: string } {
  if (status.syncing) {
    const share = Math.round(100 * progressShare(status.syncing));
    return { text: share > 0 ? `Syncing… ${share}%` : 'Syncing…', tone: 'busy' };
  }
  if (syncing) return { text: 'Syncing…', tone: 'busy' };
  if (status.conflicts > 0)
    return {
      text: `${status.conflicts} ${status.conflicts === 1 ? 'conflict' : 'conflicts'} to review`,
      tone: 'warn',
    };
  if (status.lastError?.startsWith('offline')) return { text: 'Offline', tone: 'warn' };
  if (status.lastError) return { text: 'Sync failed', tone: 'warn' };
  if (status.waiting > 0)
    return { text: `${status.waiting} ${status.waiting === 1 ? 'change' : 'changes'} waiting`, tone: 'idle' };
  return { text: status.lastSyncAt ? `Synced ${ago(status.lastSyncAt, now)}` : 'Not synced yet', tone: 'ok' };
}

/** In the header: always visible while connected; click to sync now. */
export function SyncStatus(): React.JSX.Element | null {
  const { status, syncing, refresh, syncNow } = useSync();
  const revision = useApp((s) => s.revision);
  const setView = useApp((s) => s.setView);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void refresh();
  }, [refresh, revision]);
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
      void syncNow();
    }, autoSyncMs);
    const tick = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      window.clearInterval(timer);
      window.clearInterval(tick);
    };
  }, [syncNow]);
  if (!status?.connected) return null;
  const line = syncLine(status, syncing, now);
  return (
    <button
      type="button"
      className={`sync-status ${line.tone}`}
      title={
        status.syncing
          ? progressLabel(status.syncing)
          : (status.lastError ?? `Repository: ${status.url ?? status.path}. Click to sync now.`)
      }
      onClick={() => (status.conflicts > 0 ? setView('settings') : void syncNow())}
    >
      <span aria-hidden="true">⟳</span> {line.text}
    </button>
  );
}

const listNames: Record<string, string> = {
  overrides: 'override',
  members: 'member',
  shifts: 'shift',
  actionItems: 'action item',
};
const short = (key: string): string => (/^[0-9a-f-]{20,}$/i.test(key) ? `…${key.slice(-8)}` : key);

/** "overrides.<id>.reason" → "override …1a2b3c4d: reason"; "members order" → "member order". */
function describeField(field: string): string {
  const order = / order$/.exec(field);
  if (order) return `${listNames[field.slice(0, order.index)] ?? field.slice(0, order.index)} order`;
  const [list, key, ...rest] = field.split('.');
  if (list && key && listNames[list])
    return `${listNames[list]} ${short(key)}${rest.length > 0 ? `: ${rest.join('.')}` : ' (added or removed)'}`;
  return field;
}

function Conflicts({ onChange }: { onChange: () => void }): React.JSX.Element | null {
  const toast = useApp((s) => s.toast);
  const [list, setList] = useState<ConflictView[]>([]);
  const status = useSync((s) => s.status);
  useEffect(() => {
    void call('repo.conflicts', {}).then(setList);
  }, [status?.conflicts]);
  if (list.length === 0) return null;
  async function resolve(id: number, action: 'restore' | 'dismiss'): Promise<void> {
    try {
      await call('repo.resolveConflict', { id, action });
      toast(action === 'restore' ? 'Restored: it syncs as a new edit.' : 'Dismissed.');
      onChange();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }
  const show = (value: unknown): string => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  };
  return (
    <section className="panel" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">Review conflicts</h2>
      <p className="muted small">
        The same field changed on two devices: the later edit was kept, the other value is here. Nothing was dropped.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Field</th>
            <th scope="col">Kept</th>
            <th scope="col">Set aside</th>
            <th scope="col">
              <span className="sr-only">Resolve</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id}>
              <td>
                {c.kind} <code>{short(c.key)}</code>
              </td>
              <td>
                {c.restoredRecord ? 'deleted on one device, edited on another: restored' : describeField(c.field)}
              </td>
              <td>{show(c.kept)}</td>
              <td>{show(c.lost)}</td>
              <td className="row-actions">
                {c.kind === 'postmortem' && c.field === 'body' && (
                  <button type="button" onClick={() => useStudio.getState().open({ kind: 'postmortem', id: c.key })}>
                    Compare in the editor
                  </button>
                )}
                {!c.restoredRecord && (
                  <button type="button" onClick={() => void resolve(c.id, 'restore')}>
                    Restore this
                  </button>
                )}
                <button type="button" onClick={() => void resolve(c.id, 'dismiss')}>
                  Keep as is
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A long sync (a first import): the phase, the count and a bar, so nobody wonders if it hangs. */
function SyncProgress({ progress, now }: { progress: SyncProgressView; now: number }): React.JSX.Element {
  const share = progressShare(progress);
  const seconds = Math.max(0, Math.round((now - Date.parse(progress.startedAt)) / 1000));
  return (
    <div className="sync-progress">
      <progress max={1} value={share} aria-label="Sync progress">
        {Math.round(share * 100)}%
      </progress>
      <p className="small muted" aria-live="polite">
        {progressLabel(progress)}
        {seconds >= 2 ? ` · ${seconds} s so far` : ''}
      </p>
    </div>
  );
}

/**
 * A fresh device connected to the team's repository: its person was only made from the OS user
 * name. Who is this? Someone on the roster (a second laptop), or someone new.
 */
function WhoIsThisDevice(): React.JSX.Element | null {
  const info = useApp((s) => s.info);
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const syncing = useSync((s) => s.syncing);
  const [people, setPeople] = useState<Person[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [chosen, setChosen] = useState('');
  const [team, setTeam] = useState('');
  useEffect(() => {
    if (syncing) return;
    void call('people.list', {}).then(setPeople);
    void call('teams.list', {}).then(setTeams);
  }, [syncing]);
  if (!info || info.meChosen) return null;
  const others = people.filter((p) => p.id !== info.me.id);
  async function choose(id: string): Promise<void> {
    try {
      const person = await call('me.set', { id });
      if (team) await call('teams.join', { team, handle: person.handle });
      toast(`This device logs pages as ${person.name} (@${person.handle})${team ? `, on team ${team}` : ''}.`);
      changed();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }
  return (
    <form
      className="who-is-this"
      aria-labelledby="who-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) void choose(chosen);
      }}
    >
      <h3 id="who-title">Who is this device?</h3>
      <p className="small muted">
        It logs as <strong>@{info.me.handle}</strong>, made from this computer’s user name. Until you choose, that name
        stays off the team’s roster.
      </p>
      {others.length > 0 && (
        <label className="field">
          <span>I am on the team as</span>
          <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Choose a person…</option>
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} (@{p.handle})
              </option>
            ))}
          </select>
        </label>
      )}
      {teams.length > 0 && (
        <label className="field">
          <span>On the team</span>
          <select value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">As it is</option>
            {teams.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void choose(info.me.id)}>
          I’m new: keep @{info.me.handle}
        </button>
        {others.length > 0 && (
          <button type="submit" className="primary" disabled={!chosen}>
            This is me
          </button>
        )}
      </div>
    </form>
  );
}

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
      await call('repo.connect', { url: init ? null : url.trim() });
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
          <label className="field">
            <span>Repository URL or path</span>
            <input
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="git@github.com:acme/reliability.git"
              aria-invalid={error ? true : undefined}
            />
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
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
