// The desktop's decisions as pure functions in plain Node: deep links, what a (second) launch
// asks for, the quick-log shortcut, where the window reopens, the tray's contents, the menu.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { launchRequest } from '../shared/domain/desktop/launch';
import { aboutText, applicationMenu } from '../shared/domain/desktop/menu';
import { deepLink, parseDeepLink, parseHash, routeHash } from '../shared/domain/desktop/routes';
import {
  defaultQuickLogShortcut,
  parseShortcut,
  shortcutLabel,
  shortcutOutcome,
} from '../shared/domain/desktop/shortcut';
import { trayModel, type TrayState } from '../shared/domain/desktop/tray';
import {
  layoutKey,
  readWindowMemory,
  rememberWindow,
  restoreWindow,
  type DisplayArea,
} from '../shared/domain/desktop/window-state';
import { defaultBusinessHours, defaultSleepHours } from '../shared/domain/hours';

const pageId = '019abcde-1234-7abc-8def-0123456789ab';

describe('deep links', () => {
  it.each([
    [`oncall://page/${pageId}`, { kind: 'item', item: 'page', id: pageId }],
    ['oncall://postmortem/pm-2026-11-24', { kind: 'item', item: 'postmortem', id: 'pm-2026-11-24' }],
    ['ONCALL://incident/42/', { kind: 'item', item: 'incident', id: '42' }],
    ['oncall://actions', { kind: 'view', view: 'actions' }],
    ['oncall://budgets', { kind: 'view', view: 'budgets' }],
    ['oncall://log/page', { kind: 'log', what: 'page' }],
  ])('%s opens %j', (link, route) => {
    expect(parseDeepLink(link)).toEqual({ ok: true, value: route });
  });

  it.each([
    ['https://page/1', 'not an oncall:// link'],
    ['oncall://page/', 'names no page id'],
    ['oncall://page/1/edit', 'not a link this app opens'],
    ['oncall://page/1?delete=true', 'not a link this app opens'],
    ['oncall://page/..%2F..%2Fetc', 'is not a page id'],
    ['oncall://page/%E0%A4%A', 'is not a page id'],
    ['oncall://settings/reset', 'not a link this app opens'],
    ['oncall://file/etc/passwd', 'not a link this app opens'],
    ['javascript:alert(1)', 'not an oncall:// link'],
  ])('refuses %s (%s)', (link, reason) => {
    const parsed = parseDeepLink(link);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('turns every route into a link and a hash that read back as the same route (property)', () => {
    const routes = fc.oneof(
      fc.record({
        kind: fc.constant('item' as const),
        item: fc.constantFrom('page' as const, 'postmortem' as const, 'incident' as const),
        id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
      }),
      fc.record({
        kind: fc.constant('view' as const),
        view: fc.constantFrom('pages' as const, 'toil' as const, 'settings' as const),
      }),
      fc.record({ kind: fc.constant('log' as const), what: fc.constantFrom('page' as const, 'toil' as const) }),
    );
    fc.assert(
      fc.property(routes, (route) => {
        expect(parseDeepLink(deepLink(route))).toEqual({ ok: true, value: route });
        expect(parseHash(routeHash(route))).toEqual({ ok: true, value: route });
      }),
    );
  });

  it('reads the renderer’s hash; an empty hash is no route', () => {
    expect(parseHash('')).toBeNull();
    expect(parseHash('#/')).toBeNull();
    expect(parseHash(`#/page/${pageId}`)).toEqual({ ok: true, value: { kind: 'item', item: 'page', id: pageId } });
    expect(parseHash('#/quick-log')).toEqual({ ok: true, value: { kind: 'quick-log' } });
    expect(parseHash('#main')).toMatchObject({ ok: false });
  });
});

describe('a launch’s arguments (single instance)', () => {
  it('takes the deep link from a second launch’s argv among Electron’s own flags', () => {
    const argv = [
      '/opt/On-call Workstation/oncall',
      '--no-sandbox',
      '--allow-file-access-from-files',
      `oncall://page/${pageId}`,
    ];
    expect(launchRequest(argv)).toEqual({
      focus: true,
      route: { kind: 'item', item: 'page', id: pageId },
      importFile: null,
      refused: [],
    });
  });

  it('just focuses when nothing is asked; offers a Markdown file for import; skips --data-dir’s value', () => {
    expect(launchRequest(['/usr/bin/oncall', '.'])).toEqual({
      focus: true,
      route: null,
      importFile: null,
      refused: [],
    });
    expect(
      launchRequest(['oncall', '--data-dir', '/tmp/notes.md', '/home/ann/2026-11-24-db-outage.md']).importFile,
    ).toBe('/home/ann/2026-11-24-db-outage.md');
  });

  it('refuses a link that is not ours and acts on none of it', () => {
    const request = launchRequest(['oncall', 'oncall://page/1/delete', 'https://evil.example/']);
    expect(request.route).toBeNull();
    expect(request.refused).toEqual([
      'oncall://page/1/delete: not a link this app opens',
      'https://evil.example/: not an oncall:// link',
    ]);
  });
});

describe('the quick-log shortcut', () => {
  it('has a default that parses and clashes with nothing listed', () => {
    expect(parseShortcut(defaultQuickLogShortcut)).toEqual({
      ok: true,
      value: { accelerator: 'CommandOrControl+Alt+Shift+L', label: 'Ctrl+Alt+Shift+L' },
    });
    expect(shortcutLabel(defaultQuickLogShortcut, 'darwin')).toBe('⌘⌥⇧L');
  });

  it.each([
    ['ctrl + alt + shift + l', 'Control+Alt+Shift+L'],
    ['Shift+Cmd+9', 'Command+Shift+9'],
    ['CmdOrCtrl+Alt+F12', 'CommandOrControl+Alt+F12'],
    ['super+shift+space', 'Super+Shift+Space'],
    ['Ctrl++', 'Control+Plus'],
  ])('reads %s as %s', (text, accelerator) => {
    expect(parseShortcut(text)).toMatchObject({ ok: true, value: { accelerator } });
  });

  it.each([
    ['', 'type one'],
    ['L', 'needs Ctrl, Cmd, Alt or Super'],
    ['Shift+L', 'Shift+L alone would fire while typing'],
    ['Ctrl+Alt', 'needs a key'],
    ['Ctrl+K+L', 'one key only'],
    ['Ctrl+Ctrl+L', 'appears twice'],
    ['Ctrl+Hyper+L', '"Hyper" is not a key'],
    ['Ctrl+C', 'taken by copy'],
    ['CmdOrCtrl+V', 'taken by paste'],
    ['Ctrl+Shift+P', 'command palettes'],
    ['Alt+Tab', 'switching windows'],
    ['Super+L', 'locking the screen'],
    ['Ctrl+Alt+Delete', 'the system'],
  ])('refuses "%s" (%s)', (text, reason) => {
    const parsed = parseShortcut(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('on macOS, Cmd+Q is quit; on Linux Super+Q is not a clash', () => {
    expect(parseShortcut('Cmd+Q', 'darwin')).toMatchObject({ ok: false });
    expect(parseShortcut('Super+Q', 'linux')).toMatchObject({ ok: true });
  });

  it('tells the person when the OS refused the shortcut', () => {
    const parsed = parseShortcut(defaultQuickLogShortcut);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(shortcutOutcome(parsed.value, true)).toBeNull();
    expect(shortcutOutcome(parsed.value, false)).toBe(
      'The quick-log shortcut Ctrl+Alt+Shift+L is taken by another app; choose another in Me.',
    );
  });
});

describe('window memory per display', () => {
  const laptop: DisplayArea = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
  const monitor: DisplayArea = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };

  it('opens centred on the primary display with nothing saved', () => {
    expect(restoreWindow({}, [laptop], laptop)).toEqual({
      bounds: { x: 120, y: 63, width: 1200, height: 800 },
      maximized: false,
    });
  });

  it('remembers one window per arrangement of displays', () => {
    const atDesk = { bounds: { x: 1600, y: 100, width: 1800, height: 1200 }, maximized: false };
    const alone = { bounds: { x: 10, y: 40, width: 1000, height: 700 }, maximized: true };
    let memory = rememberWindow({}, [laptop, monitor], atDesk);
    memory = rememberWindow(memory, [laptop], alone);
    expect(restoreWindow(memory, [monitor, laptop], laptop)).toEqual(atDesk);
    expect(restoreWindow(memory, [laptop], laptop)).toEqual(alone);
    expect(layoutKey([laptop, monitor])).toBe(layoutKey([monitor, laptop]));
  });

  it('clamps a window saved where no display is now into a visible one', () => {
    const memory = {
      [layoutKey([laptop])]: { bounds: { x: 3000, y: 900, width: 1800, height: 1200 }, maximized: false },
    };
    const { bounds } = restoreWindow(memory, [laptop], laptop);
    expect(bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('always lands with its title bar on a display (property)', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 8000 }),
      y: fc.integer({ min: -5000, max: 8000 }),
      width: fc.integer({ min: 1, max: 6000 }),
      height: fc.integer({ min: 1, max: 6000 }),
    });
    fc.assert(
      fc.property(rect, fc.boolean(), (bounds, both) => {
        const displays = both ? [laptop, monitor] : [laptop];
        const memory = rememberWindow({}, displays, { bounds, maximized: false });
        const restored = restoreWindow(memory, displays, laptop).bounds;
        const home = displays.find(
          (d) =>
            restored.x + restored.width > d.workArea.x &&
            restored.x < d.workArea.x + d.workArea.width &&
            restored.y >= d.workArea.y &&
            restored.y < d.workArea.y + d.workArea.height,
        );
        expect(home).toBeDefined();
        expect(restored.width).toBeLessThanOrEqual(Math.max(...displays.map((d) => d.workArea.width)));
      }),
    );
  });

  it('drops malformed saved state instead of trusting it', () => {
    expect(
      readWindowMemory({ a: { bounds: { x: 0, y: 0, width: 'wide', height: 1 }, maximized: false }, b: 3, c: null }),
    ).toEqual({});
    expect(readWindowMemory([1, 2])).toEqual({});
  });
});

describe('the tray', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  const base: TrayState = {
    now,
    me: { timeZone: 'Europe/Berlin', workingHours: defaultBusinessHours, sleepHours: defaultSleepHours },
    toilTimer: null,
    onCall: [],
    nextShift: null,
    sync: { connected: false, conflicts: 0, failedInARow: 0, lastError: null },
    syncing: false,
    lastSyncAt: null,
  };
  const labels = (state: TrayState) =>
    trayModel(state, 'Ctrl+Alt+Shift+L').items.map((i) => (i.type === 'separator' ? '—' : i.label));

  it('offers logging, the timer, who is on call, my next shift, sync, open and quit', () => {
    const shift = (handle: string, startsAt: string) => ({
      rotation: 'payments',
      layer: 'primary',
      handle,
      name: handle,
      startsAt,
      endsAt: '2026-11-30T09:00:00Z',
      overrideId: null,
    });
    const state: TrayState = {
      ...base,
      toilTimer: { startedAt: now - 83 * 60_000, description: 'rotate certificates' },
      onCall: [
        {
          rotation: 'payments',
          layer: 'primary',
          now: shift('bob', '2026-11-23T08:00:00Z'),
          next: shift('ann', '2026-11-26T08:00:00Z'),
        },
      ],
      nextShift: {
        rotation: 'payments',
        startsAt: Date.parse('2026-11-26T08:00:00Z'),
        endsAt: Date.parse('2026-11-27T08:00:00Z'),
      },
      sync: { connected: true, conflicts: 0, failedInARow: 0, lastError: null },
      lastSyncAt: now - 5 * 60_000,
    };
    expect(labels(state)).toEqual([
      'Log a page…',
      'Log toil…',
      'Stop toil timer (1h23 · rotate certificates)',
      '—',
      'payments: @bob now · next @ann tomorrow 09:00',
      'My next shift: payments, tomorrow 09:00',
      '—',
      'Sync now — synced 5m ago',
      '—',
      'Open On-call Workstation',
      'Quit',
    ]);
    expect(trayModel(state, null).tooltip).toBe('On-call Workstation — on call: payments @bob — toil timer running');
    expect(trayModel(state, 'Ctrl+Alt+Shift+L').items[0]).toMatchObject({
      action: 'log-page',
      accelerator: 'Ctrl+Alt+Shift+L',
    });
  });

  it('shows the empty state, and sync disabled without a repository or while syncing', () => {
    expect(labels(base)).toEqual([
      'Log a page…',
      'Log toil…',
      'Start toil timer…',
      '—',
      'No rotations yet',
      'My next shift: none in the next two weeks',
      '—',
      'Sync now — no team repository',
      '—',
      'Open On-call Workstation',
      'Quit',
    ]);
    const sync = trayModel({ ...base, sync: { ...base.sync, connected: true }, syncing: true }, null).items.find(
      (i) => i.type === 'action' && i.action === 'sync',
    );
    expect(sync).toMatchObject({ label: 'Sync now — syncing…', enabled: false });
    const failed = trayModel(
      { ...base, sync: { connected: true, conflicts: 0, failedInARow: 2, lastError: 'could not reach origin' } },
      null,
    );
    expect(failed.items.find((i) => i.type === 'action' && i.action === 'sync')).toMatchObject({
      label: 'Sync now — last sync failed: could not reach origin',
      enabled: true,
    });
  });
});

describe('the application menu and About box', () => {
  it('shows the app’s own keys as accelerators, and Quit and About where each platform keeps them', () => {
    const linux = applicationMenu('linux', { startAtLogin: true, quickLogKey: 'CommandOrControl+Alt+Shift+L' });
    const view = linux.find((s) => s.label === '&View');
    expect(
      view?.entries.filter((e) => e.type === 'route').map((e) => `${e.type === 'route' ? e.label : ''} ${e.key}`),
    ).toEqual([
      'Pages P',
      'My week W',
      'Toil O',
      'Load D',
      'Error budgets B',
      'Rotations R',
      'Postmortems I',
      'Actions A',
      'Me M',
    ]);
    const file = linux.find((s) => s.label === '&File')?.entries ?? [];
    expect(file).toContainEqual({
      type: 'route',
      label: 'Log a page…',
      route: { kind: 'log', what: 'page' },
      key: 'N',
    });
    expect(file).toContainEqual({ type: 'command', label: 'Start at login', command: 'start-at-login', checked: true });
    expect(file).toContainEqual({ type: 'role', role: 'quit' });
    const mac = applicationMenu('darwin', { startAtLogin: false, quickLogKey: null });
    expect(mac[0]).toMatchObject({ appMenu: true, label: 'On-call Workstation' });
    expect(mac[0]?.entries).toContainEqual({ type: 'role', role: 'about' });
  });

  it('says the version and the data folder', () => {
    expect(aboutText('0.1.0', '/home/ann/.local/share/oncall')).toMatchObject({
      title: 'On-call Workstation 0.1.0',
      detail: expect.stringContaining('Data folder: /home/ann/.local/share/oncall') as string,
    });
  });
});
