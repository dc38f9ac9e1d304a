// A form's save based on a record that changed since the form was opened (another window, the
// CLI, a teammate's edit arriving by sync) is refused as `stale` with a message that says so —
// never applied over the newer record — and the same edit reapplied onto the newer one is saved.

import { describe, expect, it } from 'vitest';
import { invoke, invokeOk, tempWorkstation, testNow } from './helpers';

function workstation() {
  let t = testNow;
  const ws = tempWorkstation({ now: () => t });
  return { ws, tick: (ms = 1000) => (t += ms) };
}

describe('a stale form save', () => {
  it('a page edited in another window meanwhile: refused, nothing overwritten, then reapplied', () => {
    const { ws, tick } = workstation();
    const page = invokeOk(ws, 'pages.add', { service: 'checkout', severity: 2, summary: 'p99 latency' });
    // Window A opens the page's form; window B saves a change first.
    const opened = page.updatedAt;
    tick();
    const other = invokeOk(ws, 'pages.update', { id: page.id, baseUpdatedAt: opened, patch: { severity: 1 } });
    tick();
    const refused = invoke(ws, 'pages.update', {
      id: page.id,
      baseUpdatedAt: opened,
      patch: { summary: 'p99 latency above 2 s' },
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'stale', field: 'baseUpdatedAt' } });
    expect(refused.ok ? '' : refused.error.message).toContain('was changed elsewhere');
    expect(invokeOk(ws, 'pages.get', { id: page.id })).toMatchObject({ summary: 'p99 latency', severity: 1 });

    // "Reapply my edit": the same change onto the newer page keeps both.
    const reapplied = invokeOk(ws, 'pages.update', {
      id: page.id,
      baseUpdatedAt: other.updatedAt,
      patch: { summary: 'p99 latency above 2 s' },
    });
    expect(reapplied).toMatchObject({ summary: 'p99 latency above 2 s', severity: 1 });
  });

  it('an action item and an incident changed meanwhile are refused the same way', () => {
    const { ws, tick } = workstation();
    const page = invokeOk(ws, 'pages.add', { service: 'checkout', severity: 1, summary: 'errors' });
    const incident = invokeOk(ws, 'incidents.create', { pages: [page.id], title: 'Checkout errors', severity: 1 });
    const pm = invokeOk(ws, 'postmortems.create', { incident: incident.id });
    const item = invokeOk(ws, 'actions.save', { postmortem: pm.id, title: 'Alert on errors', owner: 'ann' });
    tick();
    invokeOk(ws, 'actions.save', {
      postmortem: pm.id,
      id: item.id,
      title: 'Alert on errors',
      owner: 'bo',
      baseUpdatedAt: item.updatedAt,
    });
    tick();
    const refused = invoke(ws, 'actions.save', {
      postmortem: pm.id,
      id: item.id,
      title: 'Alert on error rate over 1%',
      baseUpdatedAt: item.updatedAt,
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'stale' } });
    expect(invokeOk(ws, 'actions.list', {}).find((a) => a.id === item.id)).toMatchObject({
      title: 'Alert on errors',
      owner: 'bo',
    });

    invokeOk(ws, 'incidents.update', { id: incident.id, baseUpdatedAt: incident.updatedAt, severity: 2 });
    tick();
    const staleIncident = invoke(ws, 'incidents.update', {
      id: incident.id,
      baseUpdatedAt: incident.updatedAt,
      title: 'Checkout 5xx',
    });
    expect(staleIncident).toMatchObject({ ok: false, error: { kind: 'stale' } });
    expect(invokeOk(ws, 'incidents.list', {})[0]).toMatchObject({ title: 'Checkout errors', severity: 2 });
  });
});

describe('a stale rotation save', () => {
  const rules = {
    name: 'payments primary',
    timeZone: 'Europe/Berlin',
    start: '2026-11-02T09:00',
    shiftLength: 1,
    shiftUnit: 'weeks' as const,
  };

  it('changed in another window meanwhile: refused, the newer rotation kept, then reapplied', () => {
    const { ws, tick } = workstation();
    for (const handle of ['ann', 'bo', 'chen'])
      invokeOk(ws, 'people.save', { name: handle, handle, timeZone: 'Europe/Berlin' });
    const saved = invokeOk(ws, 'rotations.save', { ...rules, members: [{ handle: 'ann' }, { handle: 'bo' }] });
    expect(saved.updatedAt).toBe(new Date(testNow).toISOString());
    tick();
    // Window B adds chen first.
    const other = invokeOk(ws, 'rotations.save', {
      ...rules,
      members: [{ handle: 'ann' }, { handle: 'bo' }, { handle: 'chen' }],
      baseUpdatedAt: saved.updatedAt,
    });
    tick();
    // Window A, opened before, moves the handoff to 10:00: refused, chen is still in it.
    const refused = invoke(ws, 'rotations.save', {
      ...rules,
      start: '2026-11-02T10:00',
      members: [{ handle: 'ann' }, { handle: 'bo' }],
      baseUpdatedAt: saved.updatedAt,
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'stale', field: 'baseUpdatedAt' } });
    expect(refused.ok ? '' : refused.error.message).toContain('this rotation was changed elsewhere');
    const stored = invokeOk(ws, 'rotations.list', {})[0];
    expect(stored).toMatchObject({ start: '2026-11-02T09:00', updatedAt: other.updatedAt });
    expect(stored?.members.map((m) => m.handle)).toEqual(['ann', 'bo', 'chen']);

    // Reapplied onto the newer rotation: both changes are in it.
    const reapplied = invokeOk(ws, 'rotations.save', {
      ...rules,
      start: '2026-11-02T10:00',
      members: [{ handle: 'ann' }, { handle: 'bo' }, { handle: 'chen' }],
      baseUpdatedAt: other.updatedAt,
    });
    expect(reapplied.start).toBe('2026-11-02T10:00');
    expect(reapplied.members.map((m) => m.handle)).toEqual(['ann', 'bo', 'chen']);
  });

  it('without a base (the CLI) the last save replaces the rotation, as before', () => {
    const { ws, tick } = workstation();
    invokeOk(ws, 'people.save', { name: 'ann', handle: 'ann', timeZone: 'Europe/Berlin' });
    invokeOk(ws, 'rotations.save', { ...rules, members: [{ handle: 'ann' }] });
    tick();
    const saved = invokeOk(ws, 'rotations.save', { ...rules, shiftLength: 2, members: [{ handle: 'ann' }] });
    expect(saved).toMatchObject({ shiftLength: 2, updatedAt: new Date(testNow + 1000).toISOString() });
  });
});
