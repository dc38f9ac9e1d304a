// Uncovered time in the next four weeks, per rotation: "nobody is on call …".

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
  return (
    <div className="verdict broken" role="alert">
      {gapsByRotation.map((g) => (
        <p key={g.rotation}>
          {g.rotation}: nobody is on call{' '}
          {g.gaps.map((gap) => `${shortTime(gap.startsAt, zone)} – ${shortTime(gap.endsAt, zone)}`).join(', ')}.
        </p>
      ))}
    </div>
  );
}
