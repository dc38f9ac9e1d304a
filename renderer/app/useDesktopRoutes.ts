// Links into the app: `#/page/<id>`, `#/postmortem/<id>`, `#/incident/<id>`, `#/<view>`,
// `#/log/page` — from an oncall:// link the desktop app received, a reminder, or a bookmark in
// browser mode. The hash is read on load and on every change, then cleared so the same link
// works again. Without one, the last view opened comes back.

import { useEffect } from 'react';
import { parseHash } from '../../shared/domain/desktop/routes';
import { useApp, type View } from '../state/app';
import { openRoute } from '../state/desktop';

const lastViewKey = 'oncall.lastView';

export function useDesktopRoutes(): void {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const toast = useApp((s) => s.toast);

  useEffect(() => {
    function follow(first: boolean): void {
      const parsed = parseHash(window.location.hash);
      if (parsed === null) {
        const last = first ? localStorage.getItem(lastViewKey) : null;
        const known = parseHash(`#/${last ?? ''}`);
        if (known?.ok && known.value.kind === 'view') setView(known.value.view as View);
        return;
      }
      if (parsed.ok && parsed.value.kind === 'quick-log') return;
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      if (parsed.ok) void openRoute(parsed.value);
      else toast(`Link not opened — ${parsed.reason}`, 'error');
    }
    follow(true);
    const onHash = (): void => follow(false);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [setView, toast]);

  useEffect(() => {
    localStorage.setItem(lastViewKey, view);
  }, [view]);
}
