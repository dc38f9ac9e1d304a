// "Pull from a platform": the platform, its API address (the public API by default; Grafana
// OnCall needs the instance's), the first day, the token (a password field; remembered in the
// OS keychain only where this door has one — the door says which), then Pull: a bar with the
// counts and Cancel. A pull that stopped is resumed by pulling the same range again.

import { useEffect, useState } from 'react';
import {
  defaultPullBaseUrls,
  pullPlatformNames,
  pullPlatforms,
  type PullPlatform,
} from '../../../shared/history-pull-contract';
import { Field, FormError, InputField } from '../../components/Field';
import { usePull } from '../../state/history-pull';

/** An address as the door keeps it (new URL(…).href), or as typed when it is not one. */
function normalized(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

export function PullForm({ disabled }: { disabled: boolean }): React.JSX.Element {
  const { status, pulling, running, stopped, problem, refresh, pull, cancel, forget } = usePull();
  const [platform, setPlatform] = useState<PullPlatform>('pagerduty');
  const [baseUrl, setBaseUrl] = useState('');
  const [since, setSince] = useState(() => daysAgo(90));
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const address = baseUrl.trim() || defaultPullBaseUrls[platform] || '';
  const kept = status?.remembered.some((r) => r.platform === platform && r.baseUrl === normalized(address));
  const keychain = status?.keychain;
  const name = pullPlatformNames[platform];
  const errorOf = (field: string): string | undefined => (problem?.field === field ? problem.message : undefined);

  const start = async (given: {
    platform: PullPlatform;
    baseUrl?: string;
    since: string;
    until?: string;
  }): Promise<void> => {
    const done = await pull({
      ...given,
      ...(token ? { token } : {}),
      remember: remember && keychain?.available === true,
    });
    if (done) setToken('');
  };

  return (
    <section className="panel pull-form" aria-labelledby="pull-title">
      <h2 id="pull-title">Pull from a platform</h2>
      <p className="muted">
        Pages through the platform’s API from the day you choose until now, then shows the same preview as a file.
      </p>
      <form
        className="pull-fields"
        onSubmit={(e) => {
          e.preventDefault();
          void start({ platform, baseUrl: baseUrl.trim() || undefined, since });
        }}
      >
        <Field label="Platform">
          <select
            value={platform}
            disabled={pulling}
            onChange={(e) => {
              setPlatform(e.target.value as PullPlatform);
              setBaseUrl('');
            }}
          >
            {pullPlatforms.map((p) => (
              <option key={p} value={p}>
                {pullPlatformNames[p]}
              </option>
            ))}
          </select>
        </Field>
        <InputField
          label="API address"
          className="grow"
          type="url"
          value={baseUrl}
          onValue={setBaseUrl}
          disabled={pulling}
          placeholder={
            defaultPullBaseUrls[platform] ?? 'https://oncall-prod-….grafana.net/oncall (Settings → API tokens)'
          }
          required={defaultPullBaseUrls[platform] === null}
          spellCheck={false}
          error={errorOf('baseUrl')}
        />
        <InputField
          label="Since"
          type="date"
          value={since}
          onValue={setSince}
          disabled={pulling}
          required
          error={errorOf('since')}
        />
        <InputField
          label={`${name} API token`}
          className="grow"
          type="password"
          autoComplete="off"
          value={token}
          onValue={setToken}
          disabled={pulling}
          placeholder={kept ? 'remembered in the keychain — leave empty to use it' : ''}
          spellCheck={false}
          error={errorOf('token') ?? errorOf('remember')}
        />
        <label className="pull-remember">
          <input
            type="checkbox"
            checked={remember && keychain?.available === true}
            disabled={pulling || keychain?.available !== true}
            onChange={(e) => setRemember(e.target.checked)}
            aria-describedby="pull-keychain"
          />
          Remember in the keychain
        </label>
        <button type="submit" className="primary" disabled={pulling || disabled}>
          Pull
        </button>
      </form>
      {keychain && (
        <p id="pull-keychain" className="muted small" data-testid="pull-keychain">
          {keychain.available ? 'Keychain: ' : 'No keychain here: '}
          {keychain.note}.
          {kept && (
            <>
              {' '}
              A {name} token is remembered for {address}.{' '}
              <button type="button" onClick={() => void forget(platform, normalized(address))}>
                Forget it
              </button>
            </>
          )}
        </p>
      )}
      {pulling && (
        <div className="import-progress">
          <label htmlFor="pull-progress-bar">
            Pulling from {name}: {count(running?.records ?? 0, 'record')} · {count(running?.pages ?? 0, 'page')} so far
          </label>
          <progress id="pull-progress-bar" />
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      )}
      {!pulling && problem && !['baseUrl', 'since', 'token', 'remember'].includes(problem.field ?? '') && (
        <FormError message={problem.message} />
      )}
      {!pulling && stopped && (
        <p role="status">
          Stopped after {count(stopped.records, 'record')} ({count(stopped.pages, 'page')}); they are kept — pull again
          to go on from there.
        </p>
      )}
      {!pulling && status && status.stopped.length > 0 && (
        <ul className="plain-list pull-stopped" aria-label="Stopped pulls">
          {status.stopped.map((s) => (
            <li key={s.id}>
              {pullPlatformNames[s.platform]} since {s.since.slice(0, 10)} ({s.baseUrl}): stopped after{' '}
              {count(s.records, 'record')}.{' '}
              <button
                type="button"
                disabled={disabled}
                onClick={() => {
                  setPlatform(s.platform);
                  setBaseUrl(s.baseUrl === defaultPullBaseUrls[s.platform] + '/' ? '' : s.baseUrl);
                  setSince(s.since.slice(0, 10));
                  void start({
                    platform: s.platform,
                    baseUrl: s.baseUrl,
                    since: s.since,
                    ...(s.until ? { until: s.until } : {}),
                  });
                }}
              >
                Resume
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
