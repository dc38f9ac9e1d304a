// The rotation editor (rules): name, layer, zone, first handoff, shift length, members in order
// with the day each joined and left (date pickers; a saved rotation's dates are kept when it is
// saved again), and an optional daily window (weekdays only or every day).

import { useState, type FormEvent } from 'react';
import type { Rotation } from '../../../shared/rotation-contract';
import { Field, FormError, InputField, bindField } from '../../components/Field';
import { useStaleSave } from '../../components/stale-save';
import { useApp } from '../../state/app';
import { listRotations, saveRotation } from '../../state/rotations';
import type { Roster } from './roster';

const fieldLabels: Record<string, string> = {
  name: 'Name',
  start: 'First handoff',
  shiftLength: 'Every',
  members: 'Members',
  timeZone: 'Time zone',
};

type RotationInput = Parameters<typeof saveRotation>[0];

/** A rotation as the editor would save it (to compare the edit with the rotation it was opened from). */
function asInput(r: Rotation): Omit<RotationInput, 'name'> {
  return {
    layer: r.layer,
    timeZone: r.timeZone,
    start: r.start,
    shiftLength: r.shiftLength,
    shiftUnit: r.shiftUnit,
    restriction: r.restriction,
    members: r.members.map((m) => ({ handle: m.handle, from: m.from, until: m.until })),
  };
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function RotationRules({ rotations, people, zone }: Roster): React.JSX.Element {
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const [editor, setEditor] = useState({
    name: '',
    layer: 'primary',
    timeZone: zone,
    start: '',
    every: '1',
    unit: 'weeks',
    members: '',
    onlyFrom: '',
    onlyTo: '',
    weekdays: false,
  });
  /** Join and leave dates by handle: loaded with the rotation, changed by the pickers, sent on save. */
  const [dates, setDates] = useState<Record<string, { from: string; until: string }>>({});
  const [error, setError] = useState<string | null>(null);
  /** The rotation the editor was opened from ("Edit"), to base the save on. */
  const [opened, setOpened] = useState<Rotation | null>(null);
  const stale = useStaleSave<Rotation>('rotation');
  const handles = editor.members
    .split(',')
    .map((h) => h.trim().replace(/^@/, ''))
    .filter(Boolean);
  const setDate = (handle: string, key: 'from' | 'until', value: string): void =>
    setDates((d) => ({ ...d, [handle]: { from: '', until: '', ...d[handle], [key]: value } }));
  const bind = (key: 'name' | 'layer' | 'timeZone' | 'start' | 'every' | 'members') =>
    bindField(editor, setEditor, key);
  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    // A save of the rotation the editor opened says which version it was; a new name is a new rotation.
    const base = opened && sameName(opened.name, editor.name) ? opened : null;
    const edit: Omit<RotationInput, 'name'> = {
      layer: editor.layer || 'primary',
      timeZone: editor.timeZone,
      start: editor.start,
      shiftLength: Number(editor.every),
      shiftUnit: editor.unit as 'hours' | 'days' | 'weeks',
      restriction:
        editor.onlyFrom && editor.onlyTo
          ? {
              start: editor.onlyFrom,
              end: editor.onlyTo,
              days: editor.weekdays ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7],
            }
          : null,
      members: handles.map((handle) => ({
        handle,
        from: dates[handle]?.from || null,
        until: dates[handle]?.until || null,
      })),
    };
    try {
      // Onto the newer rotation: only what this person changed, so the other change stays.
      const onto = stale.newer && base ? asInput(stale.newer) : {};
      await saveRotation({
        name: editor.name,
        ...onto,
        ...(base ? stale.edit(edit, asInput(base)) : edit),
        ...(base ? { baseUpdatedAt: stale.base(base) } : {}),
      } as RotationInput);
      setError(null);
      toast(
        stale.newer ? `Your edit was reapplied onto the newer “${editor.name}”.` : `Rotation “${editor.name}” saved.`,
      );
      stale.reset();
      setOpened(null);
      changed();
    } catch (caught) {
      const refused = await stale.refused(caught, async () =>
        (await listRotations()).find((r) => sameName(r.name, editor.name)),
      );
      if (refused) return setError(refused);
      const message = (caught as Error).message;
      const field = /^([a-zA-Z]+)/.exec(message)?.[1] ?? '';
      setError(fieldLabels[field] ? `${fieldLabels[field]}:${message.replace(/^[^:]+:/, '')}` : message);
    }
  }
  const open = (r: Rotation): void => {
    setOpened(r);
    stale.reset();
    setError(null);
    setDates(Object.fromEntries(r.members.map((m) => [m.handle, { from: m.from ?? '', until: m.until ?? '' }])));
    setEditor({
      name: r.name,
      layer: r.layer,
      timeZone: r.timeZone,
      start: r.start,
      every: String(r.shiftLength),
      unit: r.shiftUnit,
      members: r.members.map((m) => m.handle).join(', '),
      onlyFrom: r.restriction?.start ?? '',
      onlyTo: r.restriction?.end ?? '',
      weekdays: r.restriction ? r.restriction.days.length === 5 : false,
    });
  };
  const ruled = rotations.filter((r) => r.kind === 'rules');

  return (
    <section className="panel" aria-labelledby="editor-title">
      <h2 id="editor-title">Rotation rules</h2>
      {ruled.length > 0 && (
        <p>
          Edit:{' '}
          {ruled.map((r) => (
            <button key={r.id} type="button" onClick={() => open(r)}>
              {r.name}
            </button>
          ))}
        </p>
      )}
      <form className="inline-form" onSubmit={(e) => void save(e)}>
        <Field layout="inline" label="Name">
          <input value={editor.name} onChange={(e) => setEditor({ ...editor, name: e.target.value })} required />
        </Field>
        <Field layout="inline" label="Layer">
          <input value={editor.layer} onChange={(e) => setEditor({ ...editor, layer: e.target.value })} size={9} />
        </Field>
        <InputField layout="inline" label="Zone" {...bind('timeZone')} size={16} />
        <InputField layout="inline" label="First handoff" type="datetime-local" {...bind('start')} required />
        <Field layout="inline" label="Every">
          <input
            inputMode="numeric"
            value={editor.every}
            onChange={(e) => setEditor({ ...editor, every: e.target.value })}
            size={3}
          />
          <select
            aria-label="Shift unit"
            value={editor.unit}
            onChange={(e) => setEditor({ ...editor, unit: e.target.value })}
          >
            <option value="hours">hours</option>
            <option value="days">days</option>
            <option value="weeks">weeks</option>
          </select>
        </Field>
        <InputField
          layout="inline"
          label="Members, in order"
          {...bind('members')}
          placeholder="ann, bo, chen"
          list="people-handles"
        />
        {handles.length > 0 && (
          <table className="data member-dates">
            <caption className="sr-only">When each member joined and left the rotation</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Joined</th>
                <th scope="col">Left</th>
              </tr>
            </thead>
            <tbody>
              {handles.map((handle) => (
                <tr key={handle}>
                  <th scope="row">@{handle}</th>
                  <td>
                    <input
                      type="date"
                      aria-label={`@${handle} joined`}
                      value={dates[handle]?.from ?? ''}
                      onChange={(e) => setDate(handle, 'from', e.target.value)}
                    />
                  </td>
                  <td>
                    <input
                      type="date"
                      aria-label={`@${handle} left`}
                      value={dates[handle]?.until ?? ''}
                      onChange={(e) => setDate(handle, 'until', e.target.value)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Field layout="inline" label="Only between">
          <input
            type="time"
            aria-label="On call from"
            value={editor.onlyFrom}
            onChange={(e) => setEditor({ ...editor, onlyFrom: e.target.value })}
          />
          and
          <input
            type="time"
            aria-label="On call until"
            value={editor.onlyTo}
            onChange={(e) => setEditor({ ...editor, onlyTo: e.target.value })}
          />
        </Field>
        <label>
          <input
            type="checkbox"
            checked={editor.weekdays}
            onChange={(e) => setEditor({ ...editor, weekdays: e.target.checked })}
          />
          weekdays only
        </label>
        <datalist id="people-handles">
          {people.map((p) => (
            <option key={p.id} value={p.handle} />
          ))}
        </datalist>
        <button type="submit">{stale.label('Save rotation')}</button>
      </form>
      <FormError message={error} />
    </section>
  );
}
