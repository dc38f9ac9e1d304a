// The quick-log window (desktop app, opened by the global shortcut or the tray): only the page
// form `n` opens, always on top. Enter saves and the window hides, ready for the next page; Esc
// hides it keeping the draft. The same page, preload and checks as the main window.

import { useEffect, useRef } from 'react';
import { useApp } from '../state/app';
import { PageDialog } from '../views/log-page/PageDialog';
import { Toasts } from './Toasts';

export function QuickLog(): React.JSX.Element {
  const dialog = useApp((s) => s.dialog);
  const openDialog = useApp((s) => s.openDialog);
  const loadInfo = useApp((s) => s.loadInfo);
  const opened = useRef(false);

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  useEffect(() => {
    if (dialog !== null) return;
    // Saved (the dialog closed itself): hide the window and have an empty form ready.
    if (opened.current) window.close();
    opened.current = true;
    // Reopened after the dialog's own queued close event has run, or that event would close it again.
    const timer = window.setTimeout(() => {
      openDialog({ mode: 'add' });
      window.setTimeout(
        () => document.querySelector<HTMLInputElement>('.page-dialog input[name="summary"]')?.focus(),
        0,
      );
    }, 0);
    return () => window.clearTimeout(timer);
  }, [dialog, openDialog]);

  return (
    <main className="quick-log" aria-label="Quick log">
      <PageDialog onDismiss={() => window.close()} />
      <Toasts />
    </main>
  );
}
