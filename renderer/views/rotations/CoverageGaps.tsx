// Uncovered time in the next four weeks, per rotation: "nobody is on call …"; and what is covered
// but wrong: one person on two layers at once, a stretch past the team's limit.

import { useEffect, useState } from 'react';
import type { Rotation } from '../../../shared/rotation-contract';
import { shortTime } from '../../format';
import { coverageGaps } from '../../state/rotations';

type Gaps = Awaited<ReturnType<typeof coverageGaps>>;

export function CoverageGaps({ rotations, zone }: { rotations: Rotation[]; zone: string }): React.JSX.Element | null {
  const [gapsByRotation, setGaps] = useState<Gaps>([]);
  useEffect(() => {
    coverageGaps(rotations.map((r) => r.name))
      .then(setGaps)
      .catch(() => setGaps([]));
  }, [rotations]);
  if (gapsByRotation.length === 0) return null;
  const span = (w: { startsAt: string; endsAt: string }): string =>
    `${shortTime(w.startsAt, zone)} – ${shortTime(w.endsAt, zone)}`;
  // Both layers are warned about from each side; say it once.
  const seen = new Set<string>();
  const warnings = gapsByRotation
    .flatMap((g) => g.warnings.map((w) => ({ ...w, rotation: g.rotation })))
    .filter((w) => {
      const key = `${w.kind} ${w.handle} ${w.startsAt} ${w.endsAt}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return (
    <div className="verdict broken" role="alert">
      {gapsByRotation
        .filter((g) => g.gaps.length > 0)
        .map((g) => (
          <p key={g.rotation}>
            {g.rotation}: nobody is on call {g.gaps.map(span).join(', ')}.
          </p>
        ))}
      {warnings.map((w) => (
        <p key={`${w.kind} ${w.handle} ${w.startsAt}`}>
          {/* A stretch past the limit is one rotation's; both layers at once names both already. */}
          {w.kind === 'long-shift' ? `${w.rotation}: ` : ''}
          {w.message}, {span(w)}.
        </p>
      ))}
    </div>
  );
}
