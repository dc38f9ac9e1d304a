// Live pulls for the app and `oncall serve` (docs/import.md, "Pulling from the app"). A pull is
// long network work, so — like a sync (electron/sync/background.ts) — it does not go through the
// synchronous operation table: this wrapper answers history.pull while the door keeps answering
// everything else, and history.pullStatus says how far it has got (the Import panel reads it
// while it waits, as the header reads repo.status during a sync). It waits on the network, not on
// the CPU: it runs on the door's own thread, and the pages it saves are read later, in parts, by
// history.preview / history.apply.
//
// The token comes from the request (or the door's SecretStore) and lives in this function's
// variables for one pull: it is not in the running pull's status, an answer, an error or a file.
// A token asked to be remembered is kept only once a page came back with it (never after a 401).

import { operations, describeIssue } from '../../../shared/contract';
import { pullPlatformNames, type PullStatusView, type PullView } from '../../../shared/history-pull-contract';
import { fail, ok, type Result } from '../../../shared/result';
import { OperationFailure } from '../../operations/errors';
import type { OperationTable } from '../../operations/table';
import type { AsyncOperations } from '../../sync/background';
import type { PullTiming } from './pull-http';
import { pullAddress, pullRange, stoppedPulls, type PulledRange } from './pull-range';
import { SecretRefused, type SecretStore } from './secret-store';

export interface PullDoorOptions {
  dataDir: string;
  /** The operations' clock (ctx.now): "until now" is its minute. */
  now: () => number;
  secrets: SecretStore;
  /** Tests: shorter waits and timeouts. */
  timing?: Omit<PullTiming, 'signal'>;
}

type PullName = 'history.pull' | 'history.pullStatus' | 'history.pullCancel' | 'history.forgetToken';
const pullNames = new Set<string>(['history.pull', 'history.pullStatus', 'history.pullCancel', 'history.forgetToken']);

function parsed<N extends PullName>(
  name: N,
  input: unknown,
): Result<ReturnType<(typeof operations)[N]['input']['parse']>> {
  const result = operations[name].input.safeParse(input ?? {});
  if (result.success) return ok(result.data as ReturnType<(typeof operations)[N]['input']['parse']>);
  const { field, message } = describeIssue(result.error, input);
  return fail('invalid_input', field ? `${field}: ${message}` : message, field || undefined);
}

export function withPulls(table: OperationTable, inner: AsyncOperations, options: PullDoorOptions): AsyncOperations {
  let running: { abort: AbortController; view: NonNullable<PullStatusView['running']> } | null = null;

  function status(): PullStatusView {
    return {
      keychain: options.secrets.availability(),
      remembered: options.secrets.list(),
      running: running ? { ...running.view } : null,
      stopped: stoppedPulls(options.dataDir).filter((pull) => pull.id !== running?.view.id),
    };
  }

  async function pull(
    input: ReturnType<(typeof operations)['history.pull']['input']['parse']>,
  ): Promise<Result<PullView>> {
    const name = pullPlatformNames[input.platform];
    if (running)
      return fail(
        'invalid_input',
        `a pull from ${pullPlatformNames[running.view.platform]} is under way; wait for it or cancel it`,
      );
    let baseUrl: string;
    let token: string | null;
    try {
      baseUrl = pullAddress(input.platform, input.baseUrl);
      if (input.remember && input.token && !options.secrets.availability().available)
        return fail('invalid_input', `remember: ${options.secrets.availability().note}`, 'remember');
      token = input.token ?? options.secrets.get(input.platform, baseUrl);
    } catch (error) {
      if (error instanceof OperationFailure) return fail(error.kind, error.message, error.field);
      if (error instanceof SecretRefused) return fail('invalid_input', `token: ${error.message}`, 'token');
      throw error;
    }
    if (!token)
      return fail('invalid_input', `token: type the ${name} API token (none is remembered for ${baseUrl})`, 'token');
    const abort = new AbortController();
    const claimed: { abort: AbortController; view: NonNullable<PullStatusView['running']> } = {
      abort,
      view: {
        id: '',
        platform: input.platform,
        baseUrl,
        since: input.since,
        until: input.until ?? null,
        records: 0,
        pages: 0,
        startedAt: new Date(options.now()).toISOString(),
      },
    };
    running = claimed;
    let remembered = input.token === undefined;
    const remember = (): void => {
      if (remembered || !input.remember || !input.token) return;
      try {
        options.secrets.set(input.platform, baseUrl, input.token);
        remembered = true;
      } catch {
        // Refused since it was checked (the keychain locked meanwhile): the pull goes on, not remembered.
      }
    };
    try {
      const result = await pullRange({
        platform: input.platform,
        since: input.since,
        until: input.until,
        token,
        baseUrl,
        dataDir: options.dataDir,
        now: options.now(),
        timing: { ...options.timing, signal: abort.signal },
        onStart: (range: PulledRange) => {
          claimed.view = { ...claimed.view, ...range };
        },
        onProgress: ({ records, pages }) => {
          claimed.view = { ...claimed.view, records, pages };
          remember();
        },
      });
      return ok({
        id: result.id,
        platform: result.platform,
        baseUrl: result.baseUrl,
        since: result.since,
        until: result.until,
        records: result.records,
        pages: result.pages,
        complete: result.complete,
        resumed: result.resumed,
        remembered: remembered && (input.remember || input.token === undefined),
        files: result.files.map(({ name: file, bytes, reference }) => ({ name: file, bytes, reference })),
      });
    } catch (error) {
      if (error instanceof OperationFailure) return fail(error.kind, error.message, error.field);
      // Nothing about the error is passed on: whatever it is, it is not shown with a token in it.
      return fail(
        'internal',
        `the pull from ${name} stopped unexpectedly; what it saved is kept — pull again and it resumes where it stopped`,
      );
    } finally {
      running = null;
    }
  }

  return {
    invoke(name, input) {
      if (!pullNames.has(name)) return inner.invoke(name, input);
      if (name === 'history.pull') {
        const given = parsed('history.pull', input);
        return given.ok ? pull(given.value) : Promise.resolve(given);
      }
      if (name === 'history.pullStatus') {
        const given = parsed('history.pullStatus', input);
        return Promise.resolve(given.ok ? ok(status()) : given);
      }
      if (name === 'history.pullCancel') {
        const given = parsed('history.pullCancel', input);
        if (!given.ok) return Promise.resolve(given);
        const cancelled = running !== null;
        running?.abort.abort();
        return Promise.resolve(ok({ cancelled }));
      }
      const given = parsed('history.forgetToken', input);
      if (!given.ok) return Promise.resolve(given);
      try {
        const baseUrl = pullAddress(given.value.platform, given.value.baseUrl);
        return Promise.resolve(ok({ forgotten: options.secrets.delete(given.value.platform, baseUrl) }));
      } catch (error) {
        if (error instanceof OperationFailure) return Promise.resolve(fail(error.kind, error.message, error.field));
        return Promise.resolve(table.invoke(name, input));
      }
    },
  };
}
