// Rotations: who is on call when. A timeline of the coming weeks (or any range) with overrides
// marked and today drawn; a form for overrides; a rotation editor; iCalendar import with a
// preview and name mapping, and export; each person's on-call hours, nights and weekends.

import { DateTime } from 'luxon';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Person } from '../../../shared/contract';
import type { Rotation, ShiftView } from '../../../shared/rotation-contract';
import { call } from '../../api';
import { useApp } from '../../app/store';
import { browserZone, fromLocalInput, shortTime } from '../../format';

const dayMs = 86_400_000;
// Dark enough for white labels (WCAG AA, 4.5:1).
const palette = [
  '#1f5fa8',
  '#a04a00',
  '#2e7d32',
  '#7b3f9e',
  '#b3261e',
  '#00695c',
  '#6d4c41',
  '#4a5aa8',
  '#37474f',
  '#ad1457',
];

type Preview = Awaited<ReturnType<typeof call<'rotations.import'>>>;

function Timeline({
  shifts,
  rotations,
  from,
  to,
  now,
}: {
  shifts: ShiftView[];
  rotations: Rotation[];
  from: number;
  to: number;
  now: number;
}) {
  const span = to - from;
  const handles = [...new Set(shifts.map((s) => s.handle))].sort();
  const colour = (handle: string): string => palette[handles.indexOf(handle) % palette.length] ?? '#888';
  const weeks = Array.from({ length: Math.ceil(span / (7 * dayMs)) }, (_, i) => from + i * 7 * dayMs);
  return (
    <div className="timeline" aria-label="Timeline">
      <div className="timeline-scale" aria-hidden="true">
        {weeks.map((w) => (
          <span key={w} style={{ left: `${((w - from) / span) * 100}%` }}>
            {new Date(w).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}
          </span>
        ))}
      </div>
      {rotations.map((rotation) => (
        <div key={rotation.id} className="timeline-lane">
          <span className="lane-name">
            {rotation.name} <span className="muted">· {rotation.layer}</span>
          </span>
          <div className="lane-track">
            {shifts
              .filter((s) => s.rotation === rotation.name)
              .map((s) => {
                const start = Math.max(Date.parse(s.startsAt), from);
                const end = Math.min(Date.parse(s.endsAt), to);
                return (
                  <span
                    key={`${s.startsAt}-${s.handle}-${s.overrideId ?? ''}`}
                    className={`segment${s.overrideId ? ' override' : ''}`}
                    style={{
                      left: `${((start - from) / span) * 100}%`,
                      width: `${((end - start) / span) * 100}%`,
                      background: colour(s.handle),
                    }}
                    title={`${s.name}${s.overrideId ? ' (override)' : ''}: ${shortTime(s.startsAt)} – ${shortTime(s.endsAt)}`}
                  >
                    {s.handle}
                  </span>
                );
              })}
            {now >= from && now < to && (
              <span className="today" style={{ left: `${((now - from) / span) * 100}%` }} aria-hidden="true" />
            )}
          </div>
        </div>
      ))}
      <table className="sr-only">
        <caption>Shifts</caption>
        <tbody>
          {shifts.map((s) => (
            <tr key={`${s.rotation}-${s.startsAt}-${s.handle}`}>
              <td>{s.rotation}</td>
              <td>{s.name}</td>
              <td>{s.startsAt}</td>
              <td>{s.endsAt}</td>
              <td>{s.overrideId ? 'override' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** On-call hours per person in the range, and how many of them fell in their nights and weekends. */
function summarise(shifts: ShiftView[], people: Person[], from: number, to: number) {
  const byHandle = new Map(people.map((p) => [p.handle, p]));
  const rows = new Map<string, { name: string; hours: number; nights: number; weekends: number }>();
  for (const s of shifts) {
    const person = byHandle.get(s.handle);
    const row = rows.get(s.handle) ?? { name: s.name, hours: 0, nights: 0, weekends: 0 };
    const start = Math.max(Date.parse(s.startsAt), from);
    const end = Math.min(Date.parse(s.endsAt), to);
    for (let t = start; t < end; t += 3_600_000) {
      const slice = Math.min(3_600_000, end - t) / 3_600_000;
      const local = DateTime.fromMillis(t, { zone: person?.timeZone ?? 'UTC' });
      row.hours += slice;
      if (local.hour >= 22 || local.hour < 8) row.nights += slice;
      if (local.weekday >= 6) row.weekends += slice;
    }
    rows.set(s.handle, row);
  }
  return [...rows.entries()].sort((a, b) => b[1].hours - a[1].hours);
}

export function RotationsView(): React.JSX.Element {
  const info = useApp((s) => s.info);
  const revision = useApp((s) => s.revision);
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const zone = info?.me.timeZone ?? browserZone();
  const [rotations, setRotations] = useState<Rotation[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [shifts, setShifts] = useState<ShiftView[]>([]);
  const [weeks, setWeeks] = useState(8);
  const [nowMs] = useState(() => Date.now());
  const [startDate, setStartDate] = useState(() => DateTime.now().setZone(zone).startOf('week').toISODate() ?? '');
  const from = DateTime.fromISO(startDate, { zone }).toMillis();
  const to = from + weeks * 7 * dayMs;

  const load = useCallback(async () => {
    try {
      const [list, everyone] = await Promise.all([call('rotations.list', {}), call('people.list', {})]);
      setRotations(list);
      setPeople(everyone);
      setShifts(
        list.length > 0 && Number.isFinite(from)
          ? await call('rotations.shifts', { from: new Date(from).toISOString(), to: new Date(to).toISOString() })
          : [],
      );
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }, [from, to, toast]);
  useEffect(() => {
    void load();
  }, [load, revision]);

  // Override form.
  const [override, setOverride] = useState({ rotation: '', handle: '', from: '', to: '', reason: '' });
  const [overrideError, setOverrideError] = useState<string | null>(null);
  async function addOverride(event: FormEvent): Promise<void> {
    event.preventDefault();
    try {
      await call('overrides.add', {
        rotation: override.rotation || rotations[0]?.name || '',
        handle: override.handle,
        from: fromLocalInput(override.from, zone) ?? '',
        to: fromLocalInput(override.to, zone) ?? '',
        reason: override.reason,
      });
      setOverrideError(null);
      setOverride({ ...override, from: '', to: '', reason: '' });
      toast('Override added.');
      changed();
    } catch (error) {
      setOverrideError(
        (error as Error).message
          .replace(/^handle:/, 'Person:')
          .replace(/^from:/, 'From:')
          .replace(/^to:/, 'To:'),
      );
    }
  }

  // Import.
  const [feed, setFeed] = useState<{ name: string; ics: string } | null>(null);
  const [importName, setImportName] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [importError, setImportError] = useState<string | null>(null);
  async function previewImport(ics: string, name: string, map: Record<string, string>, apply = false): Promise<void> {
    try {
      const result = await call('rotations.import', { rotation: name, ics, map, timeZone: zone, apply });
      setPreview(result);
      setImportError(null);
      if (result.applied) {
        toast(`Imported ${result.added + result.changed} shifts into “${name}”.`);
        setFeed(null);
        setPreview(null);
        changed();
      }
    } catch (error) {
      setImportError((error as Error).message.replace(/^(ics|map|rotation):\s*/, ''));
    }
  }

  async function exportRotation(name: string): Promise<void> {
    const { ics } = await call('rotations.export', { rotation: name });
    const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${name.replace(/[^\w-]+/g, '-').toLowerCase()}.ics`;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const summary = useMemo(() => summarise(shifts, people, from, to), [shifts, people, from, to]);

  // Uncovered time in the next four weeks, per rotation.
  const [gapsByRotation, setGaps] = useState<{ rotation: string; gaps: { startsAt: string; endsAt: string }[] }[]>([]);
  useEffect(() => {
    void Promise.all(rotations.map((r) => call('rotations.check', { rotation: r.name, weeks: 4 })))
      .then((checks) => setGaps(checks.filter((c) => c.gaps.length > 0)))
      .catch(() => setGaps([]));
  }, [rotations]);

  // The rotation editor (rules): name, zone, first handoff, shift length, members in order.
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
  const [editorError, setEditorError] = useState<string | null>(null);
  async function saveRotation(event: FormEvent): Promise<void> {
    event.preventDefault();
    try {
      await call('rotations.save', {
        name: editor.name,
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
        members: editor.members
          .split(',')
          .map((h) => h.trim().replace(/^@/, ''))
          .filter(Boolean)
          .map((handle) => ({ handle })),
      });
      setEditorError(null);
      toast(`Rotation “${editor.name}” saved.`);
      changed();
    } catch (error) {
      const message = (error as Error).message;
      const labels: Record<string, string> = {
        name: 'Name',
        start: 'First handoff',
        shiftLength: 'Every',
        members: 'Members',
        timeZone: 'Time zone',
      };
      const field = /^([a-zA-Z]+)/.exec(message)?.[1] ?? '';
      setEditorError(labels[field] ? `${labels[field]}:${message.replace(/^[^:]+:/, '')}` : message);
    }
  }
  const edit = (r: Rotation): void =>
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
  const unknown = preview?.unknownNames ?? [];

  return (
    <section className="rotations-view" aria-labelledby="rotations-title">
      <header className="view-header">
        <h1 id="rotations-title">Rotations</h1>
        <span className="muted">Times in {zone}</span>
        <div className="week-nav">
          <label className="inline">
            From
            <input type="date" value={startDate} onChange={(e) => e.target.value && setStartDate(e.target.value)} />
          </label>
          <label className="inline">
            Weeks
            <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
              {[2, 4, 8, 13, 26].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
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
          <Timeline shifts={shifts} rotations={rotations} from={from} to={to} now={nowMs} />
        )}

        {gapsByRotation.length > 0 && (
          <div className="verdict broken" role="alert">
            {gapsByRotation.map((g) => (
              <p key={g.rotation}>
                {g.rotation}: nobody is on call{' '}
                {g.gaps.map((gap) => `${shortTime(gap.startsAt, zone)} – ${shortTime(gap.endsAt, zone)}`).join(', ')}.
              </p>
            ))}
          </div>
        )}

        {rotations.length > 0 && (
          <section className="panel" aria-labelledby="override-title">
            <h2 id="override-title">Add an override</h2>
            <form className="inline-form" onSubmit={(e) => void addOverride(e)}>
              <label>
                Rotation
                <select
                  aria-label="Override rotation"
                  value={override.rotation}
                  onChange={(e) => setOverride({ ...override, rotation: e.target.value })}
                >
                  {rotations.map((r) => (
                    <option key={r.id}>{r.name}</option>
                  ))}
                </select>
              </label>
              <label>
                Person
                <select
                  value={override.handle}
                  onChange={(e) => setOverride({ ...override, handle: e.target.value })}
                  required
                >
                  <option value="">Who covers?</option>
                  {people.map((p) => (
                    <option key={p.id} value={p.handle}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                From
                <input
                  type="datetime-local"
                  value={override.from}
                  onChange={(e) => setOverride({ ...override, from: e.target.value })}
                  required
                />
              </label>
              <label>
                To
                <input
                  type="datetime-local"
                  value={override.to}
                  onChange={(e) => setOverride({ ...override, to: e.target.value })}
                  required
                />
              </label>
              <label>
                Why
                <input
                  value={override.reason}
                  onChange={(e) => setOverride({ ...override, reason: e.target.value })}
                  placeholder="swap, cover, holiday"
                />
              </label>
              <button type="submit">Add override</button>
            </form>
            {overrideError && (
              <p className="form-error" role="alert">
                {overrideError}
              </p>
            )}
          </section>
        )}

        {summary.length > 0 && (
          <section className="panel" aria-labelledby="summary-title">
            <h2 id="summary-title">On call in these {weeks} weeks</h2>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Hours on call</th>
                  <th scope="col">Of them at night (22–08, their zone)</th>
                  <th scope="col">On weekends</th>
                </tr>
              </thead>
              <tbody>
                {summary.map(([handle, row]) => (
                  <tr key={handle}>
                    <td>{row.name}</td>
                    <td>{Math.round(row.hours)}</td>
                    <td>{Math.round(row.nights)}</td>
                    <td>{Math.round(row.weekends)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        <section className="panel" aria-labelledby="editor-title">
          <h2 id="editor-title">Rotation rules</h2>
          {rotations.filter((r) => r.kind === 'rules').length > 0 && (
            <p>
              Edit:{' '}
              {rotations
                .filter((r) => r.kind === 'rules')
                .map((r) => (
                  <button key={r.id} type="button" onClick={() => edit(r)}>
                    {r.name}
                  </button>
                ))}
            </p>
          )}
          <form className="inline-form" onSubmit={(e) => void saveRotation(e)}>
            <label>
              Name
              <input value={editor.name} onChange={(e) => setEditor({ ...editor, name: e.target.value })} required />
            </label>
            <label>
              Layer
              <input value={editor.layer} onChange={(e) => setEditor({ ...editor, layer: e.target.value })} size={9} />
            </label>
            <label>
              Zone
              <input
                value={editor.timeZone}
                onChange={(e) => setEditor({ ...editor, timeZone: e.target.value })}
                size={16}
              />
            </label>
            <label>
              First handoff
              <input
                type="datetime-local"
                value={editor.start}
                onChange={(e) => setEditor({ ...editor, start: e.target.value })}
                required
              />
            </label>
            <label>
              Every
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
            </label>
            <label>
              Members, in order
              <input
                value={editor.members}
                onChange={(e) => setEditor({ ...editor, members: e.target.value })}
                placeholder="ann, bo, chen"
                list="people-handles"
              />
            </label>
            <label>
              Only between
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
            </label>
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
            <button type="submit">Save rotation</button>
          </form>
          {editorError && (
            <p className="form-error" role="alert">
              {editorError}
            </p>
          )}
        </section>

        <section className="panel" aria-labelledby="import-title">
          <h2 id="import-title">Import a schedule (.ics)</h2>
          <div className="inline-form">
            <label>
              Calendar file
              <input
                type="file"
                accept=".ics,text/calendar"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (!file) return;
                  void file.text().then((ics) => {
                    const name = importName || file.name.replace(/\.ics$/i, '');
                    setImportName(name);
                    setFeed({ name: file.name, ics });
                    setMapping({});
                    void previewImport(ics, name, {});
                  });
                }}
              />
            </label>
            <label>
              Into rotation
              <input
                value={importName}
                onChange={(e) => setImportName(e.target.value)}
                placeholder="e.g. Payments primary"
              />
            </label>
          </div>
          {importError && (
            <p className="form-error" role="alert">
              {importError}
            </p>
          )}
          {feed && preview && (
            <div className="import-preview" role="status">
              <p>
                {feed.name}: {preview.added} new, {preview.changed} changed, {preview.removed} removed,{' '}
                {preview.unchanged} unchanged shifts.
              </p>
              {preview.skipped.map((s, i) => (
                <p key={i} className="muted">
                  Skipped {s.uid ?? 'an event'}: {s.reason}
                </p>
              ))}
              {unknown.map((name) => (
                <label key={name} className="inline">
                  “{name}” is
                  <select
                    aria-label={`Who is ${name}?`}
                    value={mapping[name] ?? ''}
                    onChange={(e) => {
                      const next = { ...mapping, [name]: e.target.value };
                      setMapping(next);
                      void previewImport(
                        feed.ics,
                        importName,
                        Object.fromEntries(Object.entries(next).filter(([, v]) => v)),
                      );
                    }}
                  >
                    <option value="">choose a person</option>
                    {people.map((p) => (
                      <option key={p.id} value={p.handle}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
              <button
                type="button"
                className="primary"
                disabled={unknown.length > 0 || !importName}
                onClick={() =>
                  void previewImport(
                    feed.ics,
                    importName,
                    Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)),
                    true,
                  )
                }
              >
                Import
              </button>
            </div>
          )}
        </section>

        {rotations.length > 0 && (
          <section className="panel" aria-labelledby="export-title">
            <h2 id="export-title">Export to a calendar</h2>
            {rotations.map((r) => (
              <button key={r.id} type="button" onClick={() => void exportRotation(r.name)}>
                {r.name}.ics
              </button>
            ))}
          </section>
        )}
      </div>
    </section>
  );
}

/** "On call now" for the header: each rotation's person, refreshed every minute. */
export function OnCallNow(): React.JSX.Element | null {
  const revision = useApp((s) => s.revision);
  const [now, setNow] = useState<Awaited<ReturnType<typeof call<'rotations.now'>>>>([]);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      call('rotations.now', {})
        .then((value) => live && setNow(value))
        .catch(() => undefined);
    };
    load();
    const timer = window.setInterval(load, 60_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [revision]);
  if (now.length === 0) return null;
  return (
    <span className="on-call-now" aria-label="On call now" role="status">
      {now.slice(0, 2).map((r) => (
        <span key={r.rotation} title={r.next ? `next: ${r.next.name} from ${shortTime(r.next.startsAt)}` : undefined}>
          {r.rotation}: <strong>{r.now ? `@${r.now.handle}` : 'nobody'}</strong>
        </span>
      ))}
    </span>
  );
}
