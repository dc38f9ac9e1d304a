// "Export to a calendar": each rotation as an .ics file.

import type { Rotation } from '../../../shared/rotation-contract';
import { exportRotation } from '../../state/rotations';

export function CalendarExport({ rotations }: { rotations: Rotation[] }): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">Export to a calendar</h2>
      {rotations.map((r) => (
        <button key={r.id} type="button" onClick={() => void exportRotation(r.name)}>
          {r.name}.ics
        </button>
      ))}
    </section>
  );
}
