// "On call now" for the header: the rotations I'm on, then my team's — or the ones I chose with
// the ▾ beside it (kept on this device) — each with its person, refreshed every minute.

import { useEffect, useRef, useState } from 'react';
import type { Rotation, Team } from '../../shared/rotation-contract';
import { headerRotations } from '../../shared/domain/header-rotations';
import { shortTime } from '../format';
import { useApp } from '../state/app';
import { chooseHeaderRotations, chosenHeaderRotations, loadOnCallNow, type OnCallNow as Now } from '../state/rotations';

export function OnCallNow(): React.JSX.Element | null {
  const revision = useApp((s) => s.revision);
  const me = useApp((s) => s.info?.me.handle ?? '');
  const [now, setNow] = useState<Now>([]);
  const [rotations, setRotations] = useState<Rotation[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [chosen, setChosen] = useState<string[] | null>(chosenHeaderRotations);
  const [open, setOpen] = useState(false);
  const popover = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    const load = (): void => {
      loadOnCallNow()
        .then((value) => {
          if (!live) return;
          setNow(value.now);
          setRotations(value.rotations);
          setTeams(value.teams);
        })
        .catch(() => undefined);
    };
    load();
    const timer = window.setInterval(load, 60_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [revision]);

  useEffect(() => {
    if (!open) return;
    popover.current?.querySelector('input')?.focus();
    const close = (event: MouseEvent): void => {
      const target = event.target as Node;
      if (!popover.current?.contains(target) && !toggle.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  if (now.length === 0) return null;
  // A calendar feed lists no members: who it has on call now or next counts as on it.
  const withShifts = rotations.map((r) => {
    const current = now.find((n) => n.rotation === r.name);
    const onShift = [current?.now?.handle, current?.next?.handle].filter((h): h is string => !!h);
    return { ...r, members: [...r.members, ...onShift.map((handle) => ({ handle }))] };
  });
  const shown = headerRotations(withShifts, teams, me, chosen);
  const rows = shown.map((name) => now.find((r) => r.rotation === name)).filter((r) => r !== undefined);

  function choose(names: string[] | null): void {
    chooseHeaderRotations(names);
    setChosen(names);
  }
  function onToggle(name: string, on: boolean): void {
    // Keep the order of the rotations list, so the header does not reshuffle as boxes are ticked.
    const next = rotations.map((r) => r.name).filter((n) => (n === name ? on : shown.includes(n)));
    choose(next);
  }

  return (
    <span className="on-call-now-wrap">
      <span className="on-call-now" aria-label="On call now" role="status">
        {rows.map((r) => (
          <span key={r.rotation} title={r.next ? `next: ${r.next.name} from ${shortTime(r.next.startsAt)}` : undefined}>
            {r.rotation}: <strong>{r.now ? `@${r.now.handle}` : 'nobody'}</strong>
          </span>
        ))}
      </span>
      <button
        ref={toggle}
        type="button"
        className="icon on-call-choose"
        aria-label="Choose the rotations the header shows"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        ▾
      </button>
      {open && (
        <div
          ref={popover}
          className="popover on-call-popover"
          role="dialog"
          aria-label="Rotations in the header"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setOpen(false);
              toggle.current?.focus();
            }
          }}
        >
          <fieldset>
            <legend>Show in the header</legend>
            {rotations.map((r) => (
              <label key={r.id} className="check">
                <input
                  type="checkbox"
                  checked={shown.includes(r.name)}
                  onChange={(e) => onToggle(r.name, e.target.checked)}
                />
                {r.name}
              </label>
            ))}
          </fieldset>
          <button type="button" onClick={() => choose(null)} disabled={chosen === null}>
            Mine, then my team’s
          </button>
        </div>
      )}
    </span>
  );
}
