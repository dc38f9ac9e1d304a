// Where the app can be sent: a view, one item (page, postmortem, incident), a log form, or the
// quick-log window. One shape for deep links (`oncall://page/<id>`), the renderer's hash
// (`#/page/<id>`), the tray and menus, and a reminder's "open this": each is parsed here and
// nothing else is accepted, so a link from outside can only choose among these.

export const viewIds = [
  'pages',
  'week',
  'toil',
  'dashboard',
  'budgets',
  'rotations',
  'postmortems',
  'actions',
  'settings',
] as const;
export type ViewId = (typeof viewIds)[number];
export const itemKinds = ['page', 'postmortem', 'incident'] as const;
export type ItemKind = (typeof itemKinds)[number];

export type AppRoute =
  | { kind: 'view'; view: ViewId }
  | { kind: 'item'; item: ItemKind; id: string }
  | { kind: 'log'; what: 'page' | 'toil' }
  | { kind: 'quick-log' };

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Ids as the app makes them (UUIDs) and as imports keep them: letters, digits, '-', '_', '.'. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const protocolScheme = 'oncall';

function fromParts(parts: string[], source: string): Parsed<AppRoute> {
  const [head, id, ...rest] = parts;
  if (rest.length > 0 || head === undefined) return { ok: false, reason: `${source}: not a link this app opens` };
  if ((itemKinds as readonly string[]).includes(head)) {
    if (id === undefined || id === '') return { ok: false, reason: `${source}: names no ${head} id` };
    const decoded = safeDecode(id);
    if (decoded === null || !idPattern.test(decoded))
      return { ok: false, reason: `${source}: "${id.slice(0, 80)}" is not a ${head} id` };
    return { ok: true, value: { kind: 'item', item: head as ItemKind, id: decoded } };
  }
  if (head === 'log' && (id === 'page' || id === 'toil')) return { ok: true, value: { kind: 'log', what: id } };
  if (head === 'quick-log' && id === undefined) return { ok: true, value: { kind: 'quick-log' } };
  if ((viewIds as readonly string[]).includes(head) && id === undefined)
    return { ok: true, value: { kind: 'view', view: head as ViewId } };
  return { ok: false, reason: `${source}: not a link this app opens` };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * `oncall://page/<id>`, `oncall://postmortem/<id>`, `oncall://incident/<id>` (and the views
 * and log forms). Anything else — another scheme, a host we do not know, a query, extra path
 * parts, an id that is not one — is refused with the reason.
 */
export function parseDeepLink(link: string): Parsed<AppRoute> {
  const text = link.trim();
  const shown = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  const prefix = `${protocolScheme}://`;
  if (text.length > 2048) return { ok: false, reason: `${shown}: too long for a link` };
  if (!text.toLowerCase().startsWith(prefix)) return { ok: false, reason: `${shown}: not an ${prefix} link` };
  const rest = text.slice(prefix.length).replace(/\/+$/, '');
  if (/[?#\\]/.test(rest)) return { ok: false, reason: `${shown}: not a link this app opens` };
  return fromParts(rest.split('/'), shown);
}

/** The renderer's hash: `#/page/<id>`, `#/pages`, `#/log/page`, `#/quick-log`; empty is no route. */
export function parseHash(hash: string): Parsed<AppRoute> | null {
  const text = hash.replace(/^#/, '');
  if (text === '' || text === '/') return null;
  if (!text.startsWith('/')) return { ok: false, reason: `#${text.slice(0, 80)}: not a place in this app` };
  return fromParts(text.slice(1).replace(/\/+$/, '').split('/'), `#${text.slice(0, 80)}`);
}

export function routePath(route: AppRoute): string {
  switch (route.kind) {
    case 'view':
      return `/${route.view}`;
    case 'item':
      return `/${route.item}/${encodeURIComponent(route.id)}`;
    case 'log':
      return `/log/${route.what}`;
    case 'quick-log':
      return '/quick-log';
  }
}

export const routeHash = (route: AppRoute): string => `#${routePath(route)}`;
export const deepLink = (route: AppRoute): string => `${protocolScheme}:/${routePath(route)}`;
