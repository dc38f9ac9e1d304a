import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemo } from '../electron/demo/demo';
import { parseScheduleFeed } from '../electron/import/ical';
import { invoke, invokeOk, tempWorkstation, testEnv } from './helpers';

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, 'fixtures/ical', `${name}.ics`), 'utf8');

function team(nowIso = '2026-11-25T12:00:00Z') {
  const ws = tempWorkstation({ now: () => Date.parse(nowIso) });
  for (const [name, handle] of [
    ['Ann Berg', 'ann'],
    ['Bo Okafor', 'bo'],
    ['Chen Liu', 'chen'],
    ['Dara Novak', 'dara'],
  ] as const) {
    invokeOk(ws, 'people.save', { name, handle, timeZone: 'Europe/Berlin' });
  }
  return ws;
}

const weekly = {
  name: 'Payments primary',
  timeZone: 'Europe/Berlin',
  start: '2026-11-02T09:00',
  shiftLength: 1,
  shiftUnit: 'weeks' as const,
  members: [{ handle: 'ann' }, { handle: 'bo' }, { handle: 'chen' }],
};

describe('rotations', () => {
  it('derives weekly shifts from the rules, with overrides laid over them', () => {
    const ws = team();
    invokeOk(ws, 'rotations.save', weekly);
    const range = { rotation: 'Payments primary', from: '2026-11-02T08:00:00Z', to: '2026-11-23T08:00:00Z' };
    expect(invokeOk(ws, 'rotations.shifts', range).map((s) => [s.handle, s.startsAt])).toEqual([
      ['ann', '2026-11-02T08:00:00.000Z'],
      ['bo', '2026-11-09T08:00:00.000Z'],
      ['chen', '2026-11-16T08:00:00.000Z'],
    ]);
    const cover = invokeOk(ws, 'overrides.add', {
      rotation: 'Payments primary',
      handle: 'dara',
      from: '2026-11-10T00:00:00Z',
      to: '2026-11-11T00:00:00Z',
      reason: 'Bo at a wedding',
    });
    expect(invokeOk(ws, 'rotations.shifts', range).map((s) => [s.handle, s.startsAt, s.overrideId !== null])).toEqual([
      ['ann', '2026-11-02T08:00:00.000Z', false],
      ['bo', '2026-11-09T08:00:00.000Z', false],
      ['dara', '2026-11-10T00:00:00.000Z', true],
      ['bo', '2026-11-11T00:00:00.000Z', false],
      ['chen', '2026-11-16T08:00:00.000Z', false],
    ]);
    invokeOk(ws, 'overrides.remove', { id: cover.id });
    expect(invokeOk(ws, 'rotations.shifts', range)).toHaveLength(3);
    expect(invoke(ws, 'overrides.remove', { id: cover.id })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('says who is on call now and next', () => {
    const ws = team('2026-11-25T12:00:00Z');
    invokeOk(ws, 'rotations.save', weekly);
    expect(invokeOk(ws, 'rotations.now', {})).toEqual([
      expect.objectContaining({
        rotation: 'Payments primary',
        now: expect.objectContaining({ handle: 'ann', startsAt: '2026-11-23T08:00:00.000Z' }),
        next: expect.objectContaining({ handle: 'bo', startsAt: '2026-11-30T08:00:00.000Z' }),
      }),
    ]);
  });

  it('finds uncovered time in the coming weeks', () => {
    const ws = team('2026-11-25T12:00:00Z');
    invokeOk(ws, 'rotations.save', { ...weekly, members: [{ handle: 'ann', until: '2026-12-07' }] });
    const check = invokeOk(ws, 'rotations.check', { rotation: 'Payments primary' });
    // Ann is a member until 7 December: the shift starting 30 November is still hers.
    expect(check.gaps).toEqual([{ startsAt: '2026-12-07T08:00:00.000Z', endsAt: check.to }]);
    invokeOk(ws, 'rotations.save', weekly);
    expect(invokeOk(ws, 'rotations.check', { rotation: 'Payments primary' }).gaps).toEqual([]);
  });

  it('refuses unknown people and rotations by name', () => {
    const ws = team();
    expect(invoke(ws, 'rotations.save', { ...weekly, members: [{ handle: 'ann' }, { handle: 'zed' }] })).toMatchObject({
      ok: false,
      error: { kind: 'not_found', field: 'members.1.handle' },
    });
    expect(invokeOk(ws, 'rotations.list', {})).toEqual([]);
    expect(invoke(ws, 'rotations.check', { rotation: 'Nope' })).toMatchObject({
      ok: false,
      error: { field: 'rotation' },
    });
  });
});

describe('importing a rotation from an iCalendar feed', () => {
  it('shows what would change first, asks for unknown names, then imports; re-importing changes nothing', () => {
    const ws = team('2026-11-25T12:00:00Z');
    const ics = fixture('pagerduty');
    const preview = invokeOk(ws, 'rotations.import', { rotation: 'PD payments', ics });
    expect(preview).toMatchObject({ applied: false, added: 3, changed: 0, removed: 0, unknownNames: [] });
    expect(invokeOk(ws, 'rotations.list', {})).toEqual([]);

    const nickname = fixture('goalert').replace('Dara Novak', 'DN');
    const goalert = invoke(ws, 'rotations.import', { rotation: 'Search', ics: nickname, apply: true });
    expect(goalert).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'map' } });
    if (!goalert.ok) expect(goalert.error.message).toContain('DN');
    expect(invokeOk(ws, 'rotations.list', {})).toEqual([]);
    invokeOk(ws, 'rotations.import', { rotation: 'Search', ics: nickname, apply: true, map: { DN: 'dara' } });
    expect(invokeOk(ws, 'rotations.now', {})).toEqual([
      expect.objectContaining({ rotation: 'Search', now: expect.objectContaining({ handle: 'dara' }) }),
    ]);

    expect(invokeOk(ws, 'rotations.import', { rotation: 'PD payments', ics, apply: true })).toMatchObject({
      applied: true,
      added: 3,
    });
    expect(invokeOk(ws, 'rotations.import', { rotation: 'PD payments', ics, apply: true })).toMatchObject({
      added: 0,
      changed: 0,
      removed: 0,
      unchanged: 3,
    });
    const moved = ics
      .replace('SUMMARY:On Call - Chen Liu', 'SUMMARY:On Call - Ann Berg')
      .replace(/BEGIN:VEVENT\r\nUID:Q1ABCDEF2026110909[\s\S]*?END:VEVENT\r\n/, '');
    expect(invokeOk(ws, 'rotations.import', { rotation: 'PD payments', ics: moved })).toMatchObject({
      added: 0,
      changed: 1,
      removed: 1,
      unchanged: 1,
    });
  });

  it('refuses a broken feed, and a feed over a rotation defined by rules, changing nothing', () => {
    const ws = team();
    invokeOk(ws, 'rotations.save', weekly);
    expect(invoke(ws, 'rotations.import', { rotation: 'X', ics: 'not a calendar', apply: true })).toMatchObject({
      ok: false,
      error: { field: 'ics', message: 'ics: this is not an iCalendar file (no BEGIN:VCALENDAR)' },
    });
    expect(
      invoke(ws, 'rotations.import', { rotation: 'Payments primary', ics: fixture('pagerduty'), apply: true }),
    ).toMatchObject({
      ok: false,
      error: { field: 'rotation' },
    });
    expect(invokeOk(ws, 'rotations.list', {}).map((r) => r.name)).toEqual(['Payments primary']);
  });

  it('exports shifts as .ics that reads back as the same shifts', () => {
    const ws = team('2026-11-25T12:00:00Z');
    invokeOk(ws, 'rotations.save', weekly);
    invokeOk(ws, 'overrides.add', {
      rotation: 'Payments primary',
      handle: 'dara',
      from: '2026-12-01T00:00:00Z',
      to: '2026-12-02T00:00:00Z',
    });
    const range = { from: '2026-11-23T08:00:00Z', to: '2027-01-04T08:00:00Z' };
    const { ics, shifts } = invokeOk(ws, 'rotations.export', { rotation: 'Payments primary', ...range });
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('X-WR-CALNAME:On call: Payments primary');
    const read = parseScheduleFeed(ics, { fromMs: Date.parse(range.from), toMs: Date.parse(range.to), zone: 'UTC' });
    const derived = invokeOk(ws, 'rotations.shifts', { rotation: 'Payments primary', ...range });
    expect(shifts).toBe(derived.length);
    expect(
      read.shifts.map((s) => [s.name, new Date(s.startMs).toISOString(), new Date(s.endMs).toISOString()]),
    ).toEqual(
      derived.map((s) => [
        `On call: ${s.name} (Payments primary${s.overrideId ? ', override' : ''})`,
        s.startsAt,
        s.endsAt,
      ]),
    );
    const mine = invokeOk(ws, 'rotations.export', { rotation: 'Payments primary', handle: 'dara', ...range });
    expect(mine.shifts).toBe(1);
  });
});

describe('the demo team', () => {
  it('has primary and secondary rotations that say who took every demo page', () => {
    const ws = tempWorkstation({ now: () => Date.parse('2026-11-23T09:00:00Z') });
    writeDemo(ws.ctx, { people: 6, months: 3, seed: 5, untilMs: Date.parse('2026-11-23T09:00:00Z') });
    expect(invokeOk(ws, 'rotations.list', {}).map((r) => [r.name, r.layer, r.members.length])).toEqual([
      ['Primary', 'primary', 6],
      ['Secondary', 'secondary', 6],
    ]);
    expect(invokeOk(ws, 'teams.list', {}).map((t) => [t.name, t.people.length, t.rotations])).toEqual([
      ['Platform', 6, ['Primary', 'Secondary']],
    ]);
    const pages = invokeOk(ws, 'pages.list', { limit: 1000 }).pages;
    const from = pages.at(-1)?.receivedAt ?? '';
    const shifts = invokeOk(ws, 'rotations.shifts', { rotation: 'Primary', from, to: '2026-11-23T09:00:01Z' });
    for (const page of pages) {
      const shift = shifts.find((s) => s.startsAt <= page.receivedAt && page.receivedAt < s.endsAt);
      expect({ page: page.receivedAt, onCall: shift?.handle }).toEqual({
        page: page.receivedAt,
        onCall: page.personHandle,
      });
    }
    expect(shifts.some((s) => s.overrideId !== null)).toBe(true);
    // Every demo page is attributed to the primary rotation its person was on call in.
    expect(pages.every((p) => p.onCall?.includes('Primary'))).toBe(true);
  });

  it('attributes a page to the rotations its person was on call in, or none (off rotation)', () => {
    const ws = team('2026-11-25T12:00:00Z');
    const page = invokeOk(ws, 'pages.add', {
      service: 'db',
      severity: 2,
      summary: 'x',
      receivedAt: '2026-11-24T10:00:00Z',
    });
    expect(page.onCall).toBeNull(); // no rotations yet
    invokeOk(ws, 'rotations.save', weekly);
    invokeOk(ws, 'rotations.save', {
      ...weekly,
      name: 'Payments secondary',
      layer: 'secondary',
      members: [{ handle: 'bo' }],
    });
    const [mine] = invokeOk(ws, 'pages.list', {}).pages;
    expect(mine?.onCall).toEqual([]); // the device's own person is on no rotation: off rotation
    const ann = invokeOk(ws, 'people.list', {}).find((p) => p.handle === 'ann');
    const annPage = invokeOk(ws, 'pages.add', {
      service: 'db',
      severity: 2,
      summary: 'y',
      receivedAt: '2026-11-24T10:00:00Z',
      personId: ann?.id,
    });
    expect(annPage.onCall).toEqual(['Payments primary']);
  });
});

describe('oncall rotation from the terminal', () => {
  it('adds people and a rotation, checks it, and imports a feed from a file or a URL', async () => {
    const { runCli, tempDir: dirOf } = await import('./helpers');
    const http = await import('node:http');
    const dir = dirOf();
    const d = ['--data-dir', dir];
    for (const [name, handle] of [
      ['Ann Berg', 'ann'],
      ['Bo Okafor', 'bo'],
    ]) {
      expect(
        runCli(['person', 'add', '--name', name ?? '', '--handle', handle ?? '', '--zone', 'Europe/Berlin', ...d]).code,
      ).toBe(0);
    }
    expect(
      runCli([
        'rotation',
        'add',
        'Payments',
        '--zone',
        'Europe/Berlin',
        '--start',
        '2026-11-02T09:00',
        '--every',
        '1w',
        '--members',
        'ann,bo',
        ...d,
      ]).stdout,
    ).toContain('Rotation "Payments": @ann, @bo, handoff every 1 weeks');
    expect(runCli(['rotation', 'check', 'Payments', ...d]).code).toBe(0);
    const daytime = runCli([
      'rotation',
      'add',
      'Daytime',
      '--zone',
      'Europe/Berlin',
      '--start',
      '2026-11-02T09:00',
      '--every',
      '1w',
      '--members',
      'ann',
      '--only',
      '09:00-17:00',
      '--weekdays',
      '--json',
      ...d,
    ]);
    expect(JSON.parse(daytime.stdout)).toMatchObject({
      restriction: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    });
    expect(
      runCli([
        'rotation',
        'add',
        'X',
        '--start',
        '2026-11-02T09:00',
        '--every',
        '1w',
        '--members',
        'ann',
        '--only',
        '9-5',
        ...d,
      ]),
    ).toMatchObject({
      code: 2,
      stderr: 'oncall: --only: give the daily window as HH:MM-HH:MM, e.g. 09:00-17:00\n',
    });
    expect(runCli(['rotation', 'add', 'X', '--every', 'fortnightly', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: --every: give the shift length, e.g. 1w, 3d or 12h\n',
    });

    const feed = fs.readFileSync(path.join(__dirname, 'fixtures/ical/pagerduty.ics'), 'utf8');
    const server = http.createServer((req, res) => {
      if (req.url === '/schedule.ics') res.writeHead(200, { 'Content-Type': 'text/calendar' }).end(feed);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const { spawn } = await import('node:child_process');
      const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
        new Promise((resolve) => {
          const child = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'oncall.cjs'), ...args], {
            env: testEnv(),
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
          child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
          child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
        });
      const preview = await run(['rotation', 'import', 'PD', `http://127.0.0.1:${port}/schedule.ics`, ...d]);
      expect(preview.stdout).toContain('Would import into "PD": 2 new');
      expect(preview.stdout).toContain('names that match nobody: Chen Liu');
      const applied = await run([
        'rotation',
        'import',
        'PD',
        `http://127.0.0.1:${port}/schedule.ics`,
        '--map',
        'Chen Liu=ann',
        '--apply',
        ...d,
      ]);
      expect(applied.stdout).toContain('Imported into "PD": 3 new');
      const missing = await run(['rotation', 'import', 'PD', `http://127.0.0.1:${port}/nope.ics`, ...d]);
      expect(missing).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^oncall: URL: http:\/\/127\.0\.0\.1:\d+\/nope\.ics answered 404/),
      });
    } finally {
      server.close();
    }
    expect(runCli(['rotation', 'import', 'PD', '/no/such.ics', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: FILE: cannot read /no/such.ics\n',
    });
    const list = JSON.parse(runCli(['rotation', 'list', '--json', ...d]).stdout) as { name: string; kind: string }[];
    expect(list.map((r) => [r.name, r.kind])).toEqual([
      ['Daytime', 'rules'],
      ['Payments', 'rules'],
      ['PD', 'feed'],
    ]);
  });
});

describe('restricted rotations', () => {
  it('count uncovered time only inside their windows', () => {
    const ws = team('2026-11-25T12:00:00Z');
    const businessHours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
    const saved = invokeOk(ws, 'rotations.save', { ...weekly, name: 'Daytime', restriction: businessHours });
    expect(saved.restriction).toEqual(businessHours);
    expect(invokeOk(ws, 'rotations.check', { rotation: 'Daytime' }).gaps).toEqual([]);
    const night = invokeOk(ws, 'rotations.shifts', {
      rotation: 'Daytime',
      from: '2026-11-25T20:00:00Z',
      to: '2026-11-26T06:00:00Z',
    });
    expect(night).toEqual([]);
    invokeOk(ws, 'rotations.save', {
      ...weekly,
      name: 'Daytime',
      restriction: businessHours,
      members: [{ handle: 'ann', until: '2026-12-07' }],
    });
    const check = invokeOk(ws, 'rotations.check', { rotation: 'Daytime' });
    expect(check.gaps[0]).toEqual({ startsAt: '2026-12-07T08:00:00.000Z', endsAt: '2026-12-07T16:00:00.000Z' });
    // Every gap lies inside a weekday's 09:00–17:00 Berlin window (08:00–16:00 UTC in winter).
    expect(
      check.gaps.every(
        (g) =>
          g.startsAt.slice(11, 16) >= '08:00' &&
          g.endsAt.slice(11, 16) <= '16:00' &&
          g.startsAt.slice(0, 10) === g.endsAt.slice(0, 10),
      ),
    ).toBe(true);
    expect(check.gaps.length).toBe(13); // the weekdays from Mon 7 to Wed 23 December (noon)
  });
});

describe('teams', () => {
  it('have people, services, their own targets, and rotations', () => {
    const ws = team();
    const platform = invokeOk(ws, 'teams.save', {
      name: 'Payments',
      people: ['ann', 'bo'],
      services: ['payments-api', 'checkout'],
      targets: { actionablePagesPerWeek: 3 },
    });
    expect(platform).toMatchObject({
      name: 'Payments',
      services: ['checkout', 'payments-api'],
      targets: { actionablePagesPerWeek: 3 },
    });
    expect(platform.people.map((p) => p.handle)).toEqual(['ann', 'bo']);
    invokeOk(ws, 'rotations.save', { ...weekly, team: 'Payments' });
    expect(invokeOk(ws, 'teams.list', {})[0]?.rotations).toEqual(['Payments primary']);
    expect(invokeOk(ws, 'rotations.list', {})[0]?.team).toBe('Payments');
    expect(invoke(ws, 'rotations.save', { ...weekly, team: 'Nope' })).toMatchObject({
      ok: false,
      error: { field: 'team' },
    });
    expect(invoke(ws, 'teams.save', { name: 'X', people: ['zed'] })).toMatchObject({
      ok: false,
      error: { kind: 'not_found', field: 'people.0' },
    });
    expect(invokeOk(ws, 'teams.list', {}).map((t) => t.name)).toEqual(['Payments']);
  });
});
