// The desktop preferences as an operation (one contract for the app and browser mode), and the
// reminders decided from facts gathered through the real operation table over a temp store.

import { describe, expect, it } from 'vitest';
import { gatherFacts, type Ask } from '../shared/domain/reminders/facts';
import { remindersDue } from '../shared/domain/reminders/rules';
import { trayModel } from '../shared/domain/desktop/tray';
import type { Workstation } from '../electron/workstation';
import { invoke, invokeOk, tempWorkstation } from './helpers';

const askOf =
  (ws: Workstation): Ask =>
  (operation, input) => {
    const result = ws.table.invoke(operation, input);
    return result.ok ? Promise.resolve(result.value as never) : Promise.reject(new Error(result.error.message));
  };

describe('desktop preferences', () => {
  it('starts from defaults, keeps what is changed, and refuses a taken shortcut by field', () => {
    const ws = tempWorkstation();
    expect(invokeOk(ws, 'desktop.preferences', {})).toEqual({
      remindersOff: [],
      quickLogShortcut: 'CommandOrControl+Alt+Shift+L',
      theme: 'system',
      startAtLogin: false,
    });
    const saved = invokeOk(ws, 'desktop.setPreferences', {
      quickLogShortcut: 'ctrl+alt+9',
      remindersOff: ['toil-timer'],
    });
    expect(saved).toMatchObject({ quickLogShortcut: 'Control+Alt+9', remindersOff: ['toil-timer'], theme: 'system' });
    expect(invokeOk(ws, 'desktop.setPreferences', { theme: 'dark' })).toMatchObject({
      quickLogShortcut: 'Control+Alt+9',
      theme: 'dark',
    });

    expect(invoke(ws, 'desktop.setPreferences', { quickLogShortcut: 'Ctrl+C' })).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_input',
        field: 'quickLogShortcut',
        message: expect.stringContaining('taken by copy') as string,
      },
    });
    expect(invoke(ws, 'desktop.setPreferences', { remindersOff: ['everything'] })).toMatchObject({
      ok: false,
      error: { field: 'remindersOff.0' },
    });
    expect(invoke(ws, 'desktop.setPreferences', { autoUpdate: true })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    });
    // Nothing refused was stored.
    expect(invokeOk(ws, 'desktop.preferences', {})).toMatchObject({ quickLogShortcut: 'Control+Alt+9', theme: 'dark' });
  });
});

describe('reminders from the store', () => {
  it('asks at the end of my shift to log the pages I missed, counting the ones I logged during it', async () => {
    // Wednesday 25 November, 09:20 in Berlin: Ann's daily shift ended at 09:00.
    let now = Date.parse('2026-11-24T10:00:00Z');
    const ws = tempWorkstation({ now: () => now });
    const ann = invokeOk(ws, 'people.save', { name: 'Ann Berg', handle: 'ann', timeZone: 'Europe/Berlin' });
    invokeOk(ws, 'people.save', { name: 'Bo Okafor', handle: 'bo', timeZone: 'Europe/Berlin' });
    invokeOk(ws, 'me.set', { id: ann.id });
    invokeOk(ws, 'rotations.save', {
      name: 'Payments primary',
      timeZone: 'Europe/Berlin',
      start: '2026-11-24T09:00',
      shiftLength: 1,
      shiftUnit: 'days',
      members: [{ handle: 'ann' }, { handle: 'bo' }],
    });
    for (const at of ['2026-11-24T14:00:00Z', '2026-11-25T02:10:00Z'])
      invokeOk(ws, 'pages.add', { service: 'payments-api', severity: 2, summary: 'p99 latency', receivedAt: at });
    // Before Ann's shift: nothing logged yet that counts.
    invokeOk(ws, 'pages.add', {
      service: 'payments-api',
      severity: 3,
      summary: 'earlier',
      receivedAt: '2026-11-24T07:00:00Z',
    });

    now = Date.parse('2026-11-25T08:20:00Z');
    const facts = await gatherFacts(askOf(ws), now, 0);
    expect(facts.shifts.map((s) => [s.rotation, new Date(s.startsAt).toISOString()])).toEqual([
      ['Payments primary', '2026-11-24T08:00:00.000Z'],
    ]);
    expect(facts.pagesInEndedShift).toBe(2);
    const { reminders } = remindersDue(facts, { off: [] }, {});
    expect(reminders).toEqual([
      {
        kind: 'shift-end',
        title: 'Your Payments primary shift has ended — log any pages you haven’t?',
        body: 'You logged 2 pages during it.',
        route: { kind: 'log', what: 'page' },
      },
    ]);
    // The tray for the same moment: Bo on call now, Ann's next shift on Thursday.
    const tray = trayModel(facts, null).items.flatMap((i) => (i.type === 'info' ? [i.label] : []));
    expect(tray).toEqual([
      'Payments primary: @bo now · next @ann tomorrow 09:00',
      'My next shift: Payments primary, tomorrow 09:00',
    ]);
  });
});
