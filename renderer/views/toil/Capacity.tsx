// My engineering time: a normal week's hours, and weeks of leave (hours worked that week).

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { FormError, InputField } from '../../components/Field';
import { useApp } from '../../state/app';
import { listLeave, setCapacity } from '../../state/toil';

/** Hours in a week, typed as a number, with its unit after it. */
function HoursField(props: { label: string; 'aria-label': string; value: string; onValue: (value: string) => void }) {
  return (
    <InputField layout="inline" inputMode="decimal" size={4} {...props}>
      h
    </InputField>
  );
}

export function Capacity({ weeklyHours, onSaved }: { weeklyHours: number; onSaved: () => void }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [normal, setNormal] = useState(String(weeklyHours));
  const [week, setWeek] = useState('');
  const [leaveHours, setLeaveHours] = useState('0');
  const [leave, setLeave] = useState<{ week: string; hours: number; note: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => setLeave(await listLeave()), []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => setNormal(String(weeklyHours)), [weeklyHours]);

  async function save(event: FormEvent, input: { hours: number | null; week?: string }): Promise<void> {
    event.preventDefault();
    if (input.hours !== null && !Number.isFinite(input.hours)) {
      setError('Hours: give a number of hours, e.g. 32 or 0 for a week off.');
      return;
    }
    try {
      await setCapacity(input);
      setError(null);
      toast(input.week ? 'Leave week saved.' : 'Normal week saved.');
      await load();
      onSaved();
    } catch (caught) {
      setError((caught as Error).message.replace(/^hours:/, 'Hours:').replace(/^week:/, 'Week:'));
    }
  }

  return (
    <section className="panel" aria-labelledby="capacity-title">
      <h2 id="capacity-title">My engineering time</h2>
      <form
        className="inline-form"
        onSubmit={(e) => void save(e, { hours: normal.trim() === '' ? NaN : Number(normal) })}
      >
        <HoursField label="A normal week" aria-label="Hours in a normal week" value={normal} onValue={setNormal} />
        <button type="submit">Save</button>
      </form>
      <form
        className="inline-form"
        onSubmit={(e) => void save(e, { hours: leaveHours.trim() === '' ? NaN : Number(leaveHours), week })}
      >
        <InputField
          layout="inline"
          label="Leave: the week of"
          type="date"
          value={week}
          onValue={setWeek}
          aria-label="Week of leave"
          required
        />
        <HoursField label="working" aria-label="Hours worked that week" value={leaveHours} onValue={setLeaveHours} />
        <button type="submit">Add</button>
      </form>
      <FormError message={error} />
      {leave.length > 0 && (
        <ul className="plain-list">
          {leave.map((l) => (
            <li key={l.week}>
              Week of {l.week}: {l.hours} h{l.note ? ` (${l.note})` : ''}{' '}
              <button type="button" className="link" onClick={(e) => void save(e, { hours: null, week: l.week })}>
                back to normal
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
