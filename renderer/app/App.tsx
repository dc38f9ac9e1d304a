// The app frame: header (views, "Log a page", who I am), the open view, the page dialog, toasts,
// and the global keys: n log a page, t log toil, / search, p w o d r i a b h g m views, Ctrl/Cmd+Z undo, ? keys.

import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useApp, type View } from '../state/app';
import { prefetchDashboard } from '../state/dashboard';
import { useToil } from '../state/toil';
import { BudgetsView } from '../views/budgets/BudgetsView';
import { DashboardView } from '../views/dashboard/DashboardView';
import { ImportView } from '../views/import/ImportView';
import { PageDialog } from '../views/log-page/PageDialog';
import { MyWeekView } from '../views/my-week/MyWeekView';
import { PagesView } from '../views/pages/PagesView';
import { ActionsView } from '../views/postmortems/ActionsView';
import { RotationsView } from '../views/rotations/RotationsView';
import { SettingsView } from '../views/settings/SettingsView';
import { QuickToilDialog } from '../views/toil/QuickToilDialog';
import { ToilView } from '../views/toil/ToilView';
import { TriageView } from '../views/triage/TriageView';
import { HeaderTimer } from './HeaderTimer';
import { KeysHelp } from './KeysHelp';
import { OnCallNow } from './OnCallNow';
import { SyncStatus } from './SyncStatus';
import { Toasts } from './Toasts';
import { useDesktopRoutes } from './useDesktopRoutes';
import { useReminders } from './useReminders';
import { ViewNav, type ViewEntry } from './ViewNav';
import './app.css';

// The postmortem studio carries the editor and the coach's English model (~4 MB): it loads in its
// own chunk when the view is first opened, not with the app.
const PostmortemsView = lazy(() =>
  import('../views/postmortems/PostmortemsView').then((m) => ({ default: m.PostmortemsView })),
);

const views: ViewEntry[] = [
  { id: 'pages', label: 'Pages', key: 'p' },
  { id: 'week', label: 'My week', key: 'w' },
  { id: 'toil', label: 'Toil', key: 'o' },
  { id: 'dashboard', label: 'Load', key: 'd' },
  { id: 'rotations', label: 'Rotations', key: 'r' },
  { id: 'postmortems', label: 'Postmortems', key: 'i' },
  { id: 'actions', label: 'Actions', key: 'a' },
  { id: 'budgets', label: 'Error budgets', key: 'b' },
  { id: 'import', label: 'Import history', key: 'h' },
  { id: 'triage', label: 'Triage', key: 'g' },
  { id: 'settings', label: 'Me', key: 'm' },
];

/** Keys that belong to a view's list (its `data-keys-home` element). */
const listKeys = new Set(['ArrowUp', 'ArrowDown', 'Enter', 'Delete', 'Backspace', 'Home', 'End', 'PageUp', 'PageDown']);

/** The skip link goes to the view's list when it has one, else to the main region. */
function skipToContent(event: React.MouseEvent): void {
  const target = document.querySelector<HTMLElement>('main [data-keys-home]') ?? document.getElementById('main');
  if (!target) return;
  event.preventDefault();
  target.focus();
}

function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

export function App(): React.JSX.Element {
  const { info, view, setView: showView, openDialog, loadInfo, undo } = useApp();
  // The Load view's data is asked for as the view is chosen, while React swaps the views.
  const setView = useCallback(
    (id: View) => {
      if (id === 'dashboard' && view !== 'dashboard') prefetchDashboard();
      showView(id);
    },
    [showView, view],
  );
  const pageDialogOpen = useApp((s) => s.dialog !== null);
  const toilOpen = useToil((s) => s.quickOpen);
  const setToilOpen = useToil((s) => s.setQuickOpen);
  const dialogOpen = pageDialogOpen || toilOpen;
  const [help, setHelp] = useState(false);
  // oncall:// links and #/page/<id> open the item; reminders in browser mode.
  useDesktopRoutes();
  useReminders();

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  // `d` asks for the Load view's data in the capture phase, before any listener of React's (its
  // root listener runs before this window's bubble listener) or its render of the new view: the
  // request leaves in the key's own task. The bubble listener below then shows the view, and its
  // prefetch takes this one's request (see prefetchDashboard).
  useEffect(() => {
    function onKeyDownCapture(event: KeyboardEvent): void {
      if (
        event.key === 'd' &&
        view !== 'dashboard' &&
        !dialogOpen &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !typingIn(event.composedPath()[0] ?? event.target)
      )
        prefetchDashboard();
    }
    window.addEventListener('keydown', onKeyDownCapture, true);
    return () => window.removeEventListener('keydown', onKeyDownCapture, true);
  }, [dialogOpen, view]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (
        (event.ctrlKey || event.metaKey) &&
        !event.shiftKey &&
        event.key.toLowerCase() === 'z' &&
        !typingIn(event.composedPath()[0] ?? event.target)
      ) {
        event.preventDefault();
        void undo();
        return;
      }
      // Nothing has focus (after a load, a closed dialog, a view change): the view's list takes
      // its keys, so ↑/↓/Enter/Del work without first clicking or tabbing to it.
      if (!dialogOpen && listKeys.has(event.key) && (event.target === document.body || event.target === null)) {
        const home = document.querySelector<HTMLElement>('main [data-keys-home]');
        if (home) {
          event.preventDefault();
          home.focus({ preventScroll: true });
          home.dispatchEvent(new KeyboardEvent('keydown', { key: event.key, bubbles: true, cancelable: true }));
          return;
        }
      }
      if (
        dialogOpen ||
        // A view handled the key itself (the Rotations timeline's o).
        event.defaultPrevented ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        typingIn(event.composedPath()[0] ?? event.target)
      )
        return;
      const target = views.find((v) => v.key === event.key);
      if (event.key === 'n') {
        event.preventDefault();
        openDialog({ mode: 'add' });
      } else if (event.key === 't') {
        event.preventDefault();
        setToilOpen(true);
      } else if (event.key === '/') {
        event.preventDefault();
        setView('pages');
        window.setTimeout(() => document.getElementById('page-search')?.focus(), 0);
      } else if (event.key === '?') setHelp((h) => !h);
      else if (event.key === 'Escape') setHelp(false);
      else if (target) setView(target.id);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogOpen, openDialog, setView, setToilOpen, undo]);

  return (
    <div className="app">
      <a className="skip" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          ◉
        </span>
        <span className="product">On-call Workstation</span>
        <ViewNav views={views} view={view} onView={setView} />
        <SyncStatus />
        <OnCallNow />
        <HeaderTimer />
        {info && (
          <span className="me" title={info.me.timeZone}>
            @{info.me.handle} · {info.me.timeZone}
          </span>
        )}
        <button type="button" className="primary" onClick={() => openDialog({ mode: 'add' })}>
          Log a page <kbd>n</kbd>
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {view === 'pages' && <PagesView />}
        {view === 'week' && <MyWeekView />}
        {view === 'toil' && <ToilView />}
        {view === 'dashboard' && <DashboardView />}
        {view === 'budgets' && <BudgetsView />}
        {view === 'rotations' && <RotationsView />}
        {view === 'postmortems' && (
          <Suspense fallback={<p className="muted loading-view">Loading the postmortem studio…</p>}>
            <PostmortemsView />
          </Suspense>
        )}
        {view === 'actions' && <ActionsView />}
        {view === 'settings' && <SettingsView />}
        {view === 'import' && <ImportView />}
        {view === 'triage' && <TriageView />}
      </main>
      {help && <KeysHelp onClose={() => setHelp(false)} />}
      <PageDialog />
      <QuickToilDialog />
      <Toasts />
    </div>
  );
}
