// The renderer's one door to the operations: the Electron preload bridge when it exists,
// otherwise `oncall serve` over loopback HTTP with the token from the page's URL.

import type { OperationInput, OperationName, OperationOutput } from '../shared/contract';
import type { OperationError, Result } from '../shared/result';

declare global {
  interface Window {
    oncall?: { invoke: (operation: string, input: unknown) => Promise<unknown> };
  }
}

const tokenKey = 'oncall.token';

/** Takes the token out of the address bar (so it is not bookmarked or shared) and keeps it for reloads. */
function serverToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(tokenKey) ?? '';
}

let token: string | undefined;

export class ApiError extends Error {
  constructor(readonly error: OperationError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

async function transport(operation: string, input: unknown): Promise<Result<unknown>> {
  if (window.oncall) return (await window.oncall.invoke(operation, input)) as Result<unknown>;
  token ??= serverToken();
  let response: Response;
  try {
    response = await fetch(`/api/${operation}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return {
      ok: false,
      error: { kind: 'internal', message: 'The workstation server is not reachable. Is `oncall serve` still running?' },
    };
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return {
      ok: false,
      error: { kind: 'internal', message: `The server answered ${response.status} without a result.` },
    };
  }
}

export async function call<N extends OperationName>(
  operation: N,
  input: OperationInput<N>,
): Promise<OperationOutput<N>> {
  const result = await transport(operation, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as OperationOutput<N>;
}
