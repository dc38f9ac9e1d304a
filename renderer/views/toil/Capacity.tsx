// My engineering time: a normal week's hours, and weeks of leave (hours worked that week).

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Field, FormError } from '../../components/Field';
import { useApp } from '../../state/app';
import { listLeave, setCapacity } from '../../state/toil';

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
        <Field layout="inline" label="A normal week">
          <input
            inputMode="decimal"
            value={normal}
            onChange={(e) => setNormal(e.target.value)}
            size={4}
            aria-label="Hours in a normal week"
          />
          h
        </Field>
        <button type="submit">Save</button>
      </form>
      <form
        className="inline-form"
        onSubmit={(e) => void save(e, { hours: leaveHours.trim() === '' ? NaN : Number(leaveHours), week })}
      >
        <Field layout="inline" label="Leave: the week of">
          <input
            type="date"
            value={week}
            onChange={(e) => setWeek(e.target.value)}
            aria-label="Week of leave"
            required
          />
        </Field>
        <Field layout="inline" label="working">
          <input
            inputMode="decimal"
            value={leaveHours}
            onChange={(e) => setLeaveHours(e.target.value)}
            size={4}
            aria-label="Hours worked that week"
          />
          h
        </Field>
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
