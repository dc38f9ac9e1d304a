// "On call now" for the header: each rotation's person, refreshed every minute.

import { useEffect, useState } from 'react';
import { shortTime } from '../format';
import { useApp } from '../state/app';
import { onCallNow, type OnCallNow as Now } from '../state/rotations';

export function OnCallNow(): React.JSX.Element | null {
  const revision = useApp((s) => s.revision);
  const [now, setNow] = useState<Now>([]);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      onCallNow()
        .then((value) => live && setNow(value))
        .catch(() => undefined);
    };
    load();
    const timer = window.setInterval(load, 60_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [revision]);
  if (now.length === 0) return null;
  return (
    <span className="on-call-now" aria-label="On call now" role="status">
      {now.slice(0, 2).map((r) => (
        <span key={r.rotation} title={r.next ? `next: ${r.next.name} from ${shortTime(r.next.startsAt)}` : undefined}>
          {r.rotation}: <strong>{r.now ? `@${r.now.handle}` : 'nobody'}</strong>
        </span>
      ))}
    </span>
  );
}
