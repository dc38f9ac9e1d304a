// The team's toil, person by person, against the cap.

import type { ToilReport } from '../../../shared/toil-contract';
import { hours, pct } from './figures';

export function ToilByPerson({ report }: { report: ToilReport }): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="people-title">
      <h2 id="people-title">By person</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Toil</th>
            <th scope="col">Engineering time</th>
            <th scope="col">Toil %</th>
          </tr>
        </thead>
        <tbody>
          {report.people.map((p) => (
            <tr key={p.personId}>
              <td>{p.name}</td>
              <td>{hours(p.toilHours)}</td>
              <td>{hours(p.capacityHours)}</td>
              <td className={p.share !== null && p.share > report.cap ? 'over' : ''}>{pct(p.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
