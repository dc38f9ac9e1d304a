// The running toil timer in the header: how long and what; click to stop or change it (`t`).

import { useEffect, useState } from 'react';
import { formatMinutes } from '../../shared/domain/duration';
import { useApp } from '../state/app';
import { timerMinutes, useToil } from '../state/toil';

export function HeaderTimer(): React.JSX.Element | null {
  const { timer, readAt, loadTimer, setQuickOpen } = useToil();
  const revision = useApp((s) => s.revision);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void loadTimer();
  }, [loadTimer, revision]);
  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(tick);
  }, []);
  if (!timer) return null;
  return (
    <button
      type="button"
      className="header-timer"
      onClick={() => setQuickOpen(true)}
      title="Stop or change the toil timer (t)"
    >
      <span className="rec-dot" aria-hidden="true" /> Timer{' '}
      {formatMinutes(Math.max(1, timerMinutes(timer, readAt, now)))} · {timer.description}
    </button>
  );
}
