// Hours on call and load per person, in name order (never ranked).

import { memo } from 'react';
import type { Dashboard } from '../../../shared/report-contract';
import { Definition } from '../../components/Definition';
import { n1, pct } from './figures';

/** Hours on call and load per person, in name order. */
export const PeopleTable = memo(function PeopleTable({ d }: { d: Dashboard }): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="equity-title">
      <h2>
        <span id="equity-title">On-call time and load, per person</span>{' '}
        <Definition
          term="On-call time and load, per person"
          text={`${d.definitions.onCallHours} ${d.definitions.primaryHours} ${d.definitions.nights} ${d.definitions.weekends} In name order.`}
        />
      </h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Hours on call</th>
            <th scope="col">Business · off · sleep</th>
            <th scope="col">Weekend · holiday</th>
            <th scope="col">Nights</th>
            <th scope="col">Weekends</th>
            <th scope="col">Share of time</th>
            <th scope="col">Pages</th>
            <th scope="col">Per on-call hour (primary)</th>
          </tr>
        </thead>
        <tbody>
          {[...d.people]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((p) => (
              <tr key={p.personId}>
                <td>
                  {p.name} <span className="muted">@{p.handle}</span>
                </td>
                <td>{n1(p.onCallHours)}</td>
                <td>
                  {n1(p.businessHours)} · {n1(p.offHours)} · {n1(p.sleepHours)}
                </td>
                <td>
                  {n1(p.weekendHours)} · {n1(p.holidayHours)}
                </td>
                <td>{p.nights}</td>
                <td>{p.weekends}</td>
                <td>{pct(p.onCallShare)}</td>
                <td>{p.pages}</td>
                <td>{p.pagesPerOnCallHour === null ? '—' : p.pagesPerOnCallHour.toFixed(2)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
});
