// The toasts: what just happened, an error, or an offer to undo. They queue: a few show at once,
// each for its own time from when it appears, and the next waits its turn.

import { useEffect } from 'react';
import { toastsShown, useApp, type Toast } from '../state/app';

function ToastItem({ toast, dismiss }: { toast: Toast; dismiss: (id: number) => void }): React.JSX.Element {
  useEffect(() => {
    const timer = window.setTimeout(() => dismiss(toast.id), toast.action ? 8000 : 4000);
    return () => window.clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast ${toast.tone}`}>
      <span>{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          onClick={() => {
            toast.action?.run();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="icon" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        ✕
      </button>
    </div>
  );
}

export function Toasts(): React.JSX.Element {
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismissToast);
  const waiting = toasts.length - toastsShown;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.slice(0, toastsShown).map((t) => (
        <ToastItem key={t.id} toast={t} dismiss={dismiss} />
      ))}
      {waiting > 0 && <span className="toast-waiting">{waiting} more</span>}
    </div>
  );
}
