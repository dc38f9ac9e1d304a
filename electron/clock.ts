// The one source of "now" on the Node side. The desktop app, `oncall serve`, the CLI and the sync
// worker all take their clock from here (through openWorkstation), so a test, a demo or a person
// reproducing a night-time bug can pin it:
//
//   ONCALL_NOW=2026-11-04T10:00:00Z oncall page add …
//
// starts the clock at that instant; it then advances with real elapsed time, so ordering,
// timeouts and "n seconds ago" still behave. Without ONCALL_NOW it is the system clock.

export type Clock = () => number;

export class ClockSettingError extends Error {
  override readonly name = 'ClockSettingError';
}

/** A clock that reads `startMs` now and advances with the real elapsed time from here on. */
export function clockStartingAt(startMs: number, elapsed: () => number = () => performance.now()): Clock {
  const origin = elapsed();
  return () => startMs + Math.floor(elapsed() - origin);
}

/** The system clock, or the one ONCALL_NOW pins (an ISO 8601 instant with its offset or Z). */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env.ONCALL_NOW?.trim();
  if (!pinned) return Date.now;
  // An instant must say its offset: a local time would mean different instants on different machines.
  const startMs = /(?:Z|[+-]\d\d:?\d\d)$/i.test(pinned) ? Date.parse(pinned) : Number.NaN;
  if (Number.isNaN(startMs))
    throw new ClockSettingError(
      `ONCALL_NOW: "${pinned}" is not an ISO 8601 instant with a zone offset (e.g. 2026-11-04T10:00:00Z)`,
    );
  return clockStartingAt(startMs);
}
