// Rotations: who is on call when. A timeline of the coming weeks (or any range) with overrides
// marked, today drawn and each team's final schedule; a span picked on it (drag, click, or keys)
// opens a small override form; a form for overrides; a rotation editor; iCalendar import with a
// preview and name mapping, and export; each person's on-call hours, nights and weekends.

import { DateTime } from 'luxon';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Person } from '../../../shared/contract';
import type { Rotation, ShiftView } from '../../../shared/rotation-contract';
import { Field, InputField } from '../../components/Field';
import { browserZone } from '../../format';
import { useApp } from '../../state/app';
import { loadRotations } from '../../state/rotations';
import { CalendarExport } from './CalendarExport';
import { CoverageGaps } from './CoverageGaps';
import { OnCallSummary } from './OnCallSummary';
import { OverrideForm } from './OverrideForm';
import { RotationRules } from './RotationRules';
import { ScheduleImport } from './ScheduleImport';
import { SpanOverrideForm } from './SpanOverrideForm';
import { Timeline } from './Timeline';
import { dayMs, type PickedSpan } from './timeline-span';
import './rotations.css';

export function RotationsView(): React.JSX.Element {
  const info = useApp((s) => s.info);
  const revision = useApp((s) => s.revision);
  const toast = useApp((s) => s.toast);
  const zone = info?.me.timeZone ?? browserZone();
  const [rotations, setRotations] = useState<Rotation[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [shifts, setShifts] = useState<ShiftView[]>([]);
  const [weeks, setWeeks] = useState(8);
  const [picked, setPicked] = useState<PickedSpan | null>(null);
  const timeline = useRef<HTMLDivElement>(null);
  const [nowMs] = useState(() => Date.now());
  const [startDate, setStartDate] = useState(() => DateTime.now().setZone(zone).startOf('week').toISODate() ?? '');
  const from = DateTime.fromISO(startDate, { zone }).toMillis();
  const to = from + weeks * 7 * dayMs;

  const load = useCallback(async () => {
    try {
      const loaded = await loadRotations(from, to);
      setRotations(loaded.rotations);
      setPeople(loaded.people);
      setShifts(loaded.shifts);
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }, [from, to, toast]);
  useEffect(() => {
    void load();
  }, [load, revision]);

  return (
    <section className="rotations-view" aria-labelledby="rotations-title">
      <header className="view-header">
        <h1 id="rotations-title">Rotations</h1>
        <span className="muted">Times in {zone}</span>
        <div className="week-nav">
          <InputField
            layout="inline"
            className="inline"
            label="From"
            type="date"
            value={startDate}
            onValue={(date) => date && setStartDate(date)}
          />
          <Field layout="inline" className="inline" label="Weeks">
            <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
              {[2, 4, 8, 13, 26].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </Field>
        </div>
      </header>
      <div className="toil-scroll">
        {rotations.length === 0 ? (
          <div className="panel empty-panel">
            <p>
              <strong>No rotations yet.</strong> Import your schedule from PagerDuty, Opsgenie, Grafana OnCall or any
              calendar feed (.ics) below, or add one with <code>oncall rotation add</code>.
            </p>
          </div>
        ) : (
          <div ref={timeline}>
            <Timeline
              shifts={shifts}
              rotations={rotations}
              from={from}
              to={to}
              now={nowMs}
              zone={zone}
              picked={picked}
              onPick={setPicked}
            />
          </div>
        )}
        {picked && (
          <SpanOverrideForm
            span={picked}
            people={people}
            zone={zone}
            onClose={() => {
              setPicked(null);
              // Back to the shift the keys were on, so o picks the next one straight away.
              window.setTimeout(
                () => timeline.current?.querySelector<HTMLElement>('.segment[tabindex="0"]')?.focus(),
                0,
              );
            }}
          />
        )}
        <CoverageGaps rotations={rotations} zone={zone} />
        {rotations.length > 0 && <OverrideForm rotations={rotations} people={people} zone={zone} />}
        <OnCallSummary shifts={shifts} people={people} from={from} to={to} weeks={weeks} />
        <RotationRules rotations={rotations} people={people} zone={zone} />
        <ScheduleImport people={people} zone={zone} />
        {rotations.length > 0 && <CalendarExport rotations={rotations} />}
      </div>
    </section>
  );
}
