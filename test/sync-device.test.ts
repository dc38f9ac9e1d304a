// A fresh device connecting to the team's repository: its person was only made from the OS
// user name, so it stays off the roster until the person says who they are (a second laptop
// of someone on the team, or someone new) or logs something.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Workstation } from '../electron/workstation';
import { bareRepository } from './git-helpers';
import { invokeOk, runCli, tempDir, tempWorkstation } from './helpers';

const roster = (remote: string): string =>
  execFileSync('git', ['-C', remote, 'show', 'main:team.yaml'], { encoding: 'utf8' });

/** A team of Ann and Bo in the repository. */
function team(): { remote: string; ann: Workstation } {
  const remote = bareRepository();
  const ann = tempWorkstation();
  invokeOk(ann, 'me.set', {
    id: invokeOk(ann, 'people.save', { name: 'Ann Berg', handle: 'ann', timeZone: 'UTC' }).id,
  });
  invokeOk(ann, 'people.save', { name: 'Bo Okafor', handle: 'bo', timeZone: 'UTC' });
  invokeOk(ann, 'teams.save', { name: 'Payments', people: ['ann'] });
  invokeOk(ann, 'repo.connect', { url: remote });
  invokeOk(ann, 'repo.sync', {});
  return { remote, ann };
}

/** A device that said who it is, connected to the repository, on a clock the test moves. */
function connected(remote: string, name: string, handle: string, clock: () => number): Workstation {
  const ws = tempWorkstation({ now: clock });
  invokeOk(ws, 'me.set', { id: invokeOk(ws, 'people.save', { name, handle, timeZone: 'UTC' }).id });
  invokeOk(ws, 'repo.connect', { url: remote });
  return ws;
}

/** A new laptop: nobody has said who it is; its person comes from the OS user name. */
function freshLaptop(remote: string): Workstation {
  const laptop = tempWorkstation({}, tempDir());
  laptop.ctx.defaults = { userName: 'laptop-user', timeZone: 'UTC' };
  expect(invokeOk(laptop, 'app.info', {})).toMatchObject({ meChosen: false, me: { handle: 'laptop-user' } });
  invokeOk(laptop, 'repo.connect', { url: remote });
  invokeOk(laptop, 'repo.sync', {});
  return laptop;
}

describe('who a fresh device is', () => {
  it('stays off the roster until chosen; choosing someone on the team makes the laptop theirs', () => {
    const { remote, ann } = team();
    const laptop = freshLaptop(remote);
    expect(roster(remote)).not.toContain('laptop-user');
    expect(invokeOk(laptop, 'repo.status', {})).toMatchObject({ waiting: 0 });
    expect(invokeOk(laptop, 'app.info', {}).meChosen).toBe(false);

    // "This is me": Ann's second laptop.
    const annHere = invokeOk(laptop, 'people.list', {}).find((p) => p.handle === 'ann');
    invokeOk(laptop, 'me.set', { id: annHere?.id ?? '' });
    expect(invokeOk(laptop, 'app.info', {})).toMatchObject({ meChosen: true, me: { handle: 'ann' } });
    invokeOk(laptop, 'pages.add', { service: 'checkout', severity: 2, summary: 'from the laptop' });
    expect(invokeOk(laptop, 'repo.sync', {})).toMatchObject({ ok: true, sent: { pages: 1, people: 0 } });
    invokeOk(ann, 'repo.sync', {});
    expect(invokeOk(ann, 'pages.list', { limit: 5 }).pages.map((p) => `${p.personHandle}: ${p.summary}`)).toEqual([
      'ann: from the laptop',
    ]);
    expect(roster(remote)).not.toContain('laptop-user');
    expect(invokeOk(laptop, 'repo.status', {})).toMatchObject({ waiting: 0 });
  });

  it('someone new keeps their name: they join the roster with the next sync', () => {
    const { remote } = team();
    const laptop = freshLaptop(remote);
    const me = invokeOk(laptop, 'app.info', {}).me;
    invokeOk(laptop, 'me.set', { id: me.id });
    expect(invokeOk(laptop, 'repo.status', {}).waiting).toBe(1);
    expect(invokeOk(laptop, 'repo.sync', {})).toMatchObject({ ok: true, sent: { people: 1 } });
    expect(roster(remote)).toContain('handle: laptop-user');
  });

  it('logging a page before choosing puts the person on the roster with it', () => {
    const { remote, ann } = team();
    const laptop = freshLaptop(remote);
    invokeOk(laptop, 'pages.add', { service: 'search', severity: 3, summary: 'index lagging' });
    expect(invokeOk(laptop, 'repo.sync', {})).toMatchObject({ ok: true, sent: { pages: 1, people: 1 } });
    expect(roster(remote)).toContain('handle: laptop-user');
    expect(invokeOk(laptop, 'app.info', {}).meChosen).toBe(true);
    expect(invokeOk(laptop, 'repo.status', {}).waiting).toBe(0);
    invokeOk(ann, 'repo.sync', {});
    expect(invokeOk(ann, 'people.list', {}).map((p) => p.handle)).toContain('laptop-user');
  });

  it('pages logged before saying who this is move to the person chosen, and go out under them', () => {
    const { remote, ann } = team();
    const laptop = freshLaptop(remote);
    const page = invokeOk(laptop, 'pages.add', { service: 'checkout', severity: 2, summary: 'logged before choosing' });
    const annHere = invokeOk(laptop, 'people.list', {}).find((p) => p.handle === 'ann');
    invokeOk(laptop, 'me.set', { id: annHere?.id ?? '' });
    expect(invokeOk(laptop, 'pages.get', { id: page.id }).personHandle).toBe('ann');
    expect(invokeOk(laptop, 'repo.sync', {})).toMatchObject({ ok: true, sent: { pages: 1, people: 0 } });
    const files = execFileSync('git', ['-C', remote, 'ls-tree', '-r', '--name-only', 'main'], { encoding: 'utf8' });
    expect(files).not.toContain('laptop-user');
    expect(roster(remote)).not.toContain('laptop-user');
    invokeOk(ann, 'repo.sync', {});
    expect(invokeOk(ann, 'pages.get', { id: page.id })).toMatchObject({
      personHandle: 'ann',
      summary: 'logged before choosing',
    });
    // Still this device's own page to change.
    invokeOk(laptop, 'pages.update', { id: page.id, patch: { summary: 'logged before choosing (edited)' } });
  });

  it('a computer user name that is a teammate’s handle does not make this device them', () => {
    const { remote } = team();
    const laptop = tempWorkstation({}, tempDir());
    laptop.ctx.defaults = { userName: 'bo', timeZone: 'UTC' };
    invokeOk(laptop, 'repo.connect', { url: remote });
    invokeOk(laptop, 'repo.sync', {});
    // Bo is on the roster now; this device's own made-up person is someone else.
    expect(invokeOk(laptop, 'app.info', {})).toMatchObject({ meChosen: false, me: { handle: 'bo-2' } });
    invokeOk(laptop, 'repo.sync', {});
    expect(invokeOk(laptop, 'app.info', {}).meChosen).toBe(false);
    expect(roster(remote)).not.toContain('bo-2');
  });

  it('oncall me set --handle picks someone already on the team', () => {
    const { remote } = team();
    const dir = tempDir();
    expect(runCli(['repo', 'connect', remote, '--data-dir', dir]).code).toBe(0);
    expect(runCli(['sync', '--data-dir', dir]).code).toBe(0);
    expect(roster(remote)).not.toMatch(/handle: (?!ann|bo)/);
    const unknownTeam = runCli(['me', 'set', '--handle', 'bo', '--team', 'Nope', '--data-dir', dir]);
    expect(unknownTeam.stderr).toContain('--team: there is no team called "Nope"');
    const set = runCli(['me', 'set', '--handle', 'bo', '--team', 'Payments', '--data-dir', dir]);
    expect(set.stdout).toBe('This device logs pages as Bo Okafor (@bo, UTC), already on the team, on team Payments.\n');
    expect(runCli(['sync', '--data-dir', dir]).code).toBe(0);
    expect(roster(remote)).toMatch(/- name: Payments\n\s+people:\n\s+- ann\n\s+- bo\n/);
    // Once chosen, the same command renames (and a taken handle is refused, naming who has it).
    const taken = runCli(['me', 'set', '--handle', 'ann', '--data-dir', dir]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('ann is already taken by Ann Berg');
  });
});

describe('a team changed on two devices', () => {
  it('keeps both sides’ changes to its people and services', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => t;
    const device = (name: string, handle: string): Workstation => connected(remote, name, handle, clock);
    const ann = device('Ann Berg', 'ann');
    invokeOk(ann, 'people.save', { name: 'Bo Okafor', handle: 'bo', timeZone: 'UTC' });
    invokeOk(ann, 'people.save', { name: 'Cy Diaz', handle: 'cy', timeZone: 'UTC' });
    invokeOk(ann, 'teams.save', { name: 'Payments', people: ['ann', 'bo'], services: ['checkout'] });
    invokeOk(ann, 'repo.sync', {});
    const bo = device('Bo Okafor', 'bo');
    invokeOk(bo, 'repo.sync', {});

    // Ann adds Cy and removes herself; Bo, later, adds a service and changes a target.
    t += 60_000;
    invokeOk(ann, 'teams.save', { name: 'Payments', people: ['bo', 'cy'], services: ['checkout'] });
    t += 60_000;
    invokeOk(bo, 'teams.save', {
      name: 'Payments',
      people: ['ann', 'bo'],
      services: ['checkout', 'ledger'],
      targets: { actionablePagesPerWeek: 3 },
    });
    for (const ws of [ann, bo, ann]) expect(invokeOk(ws, 'repo.sync', {})).toMatchObject({ ok: true, problems: [] });
    for (const ws of [ann, bo]) {
      const team = invokeOk(ws, 'teams.list', {}).find((x) => x.name === 'Payments');
      expect({ ...team, people: team?.people.map((p) => p.handle) }).toMatchObject({
        people: ['bo', 'cy'],
        services: ['checkout', 'ledger'],
        targets: { actionablePagesPerWeek: 3 },
      });
    }
    expect(roster(remote)).toMatch(
      /- name: Payments\n\s+people:\n\s+- bo\n\s+- cy\n\s+services:\n\s+- checkout\n\s+- ledger/,
    );
    expect(invokeOk(bo, 'repo.conflicts', {})).toEqual([]);
  });
});

describe('a team’s lists in the file', () => {
  it('are in one order on every device, whatever case the names are in', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => t;
    const ann = connected(remote, 'Ann Berg', 'ann', clock);
    invokeOk(ann, 'teams.save', { name: 'Payments', people: ['ann'], services: ['alpha', 'Zeta', 'beta'] });
    invokeOk(ann, 'repo.sync', {});
    // Written the first time in the order every later merge writes too.
    expect(roster(remote)).toMatch(/services:\n\s+- Zeta\n\s+- alpha\n\s+- beta\n/);
    const bo = connected(remote, 'Bo Okafor', 'bo', clock);
    invokeOk(bo, 'repo.sync', {});
    t += 60_000;
    invokeOk(bo, 'teams.save', { name: 'Payments', people: ['ann', 'bo'], services: ['alpha', 'Zeta', 'beta'] });
    t += 60_000;
    invokeOk(ann, 'teams.save', { name: 'Payments', people: ['ann'], services: ['alpha', 'Zeta', 'beta', 'Gamma'] });
    for (const ws of [bo, ann, bo]) invokeOk(ws, 'repo.sync', {});
    const before = execFileSync('git', ['-C', remote, 'rev-parse', 'main'], { encoding: 'utf8' });
    expect(roster(remote)).toMatch(/services:\n\s+- Gamma\n\s+- Zeta\n\s+- alpha\n\s+- beta\n/);
    // Nothing changed since: another round writes nothing.
    for (const ws of [ann, bo]) expect(invokeOk(ws, 'repo.sync', {})).toMatchObject({ message: 'nothing to sync' });
    expect(execFileSync('git', ['-C', remote, 'rev-parse', 'main'], { encoding: 'utf8' })).toBe(before);
  });
});

describe('restoring a set-aside value', () => {
  it('puts back a person’s field and a rotation member’s leaving date, and they sync as new edits', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => t;
    const device = (name: string, handle: string): Workstation => connected(remote, name, handle, clock);
    const ann = device('Ann Berg', 'ann');
    invokeOk(ann, 'people.save', { name: 'Bo Okafor', handle: 'bo', timeZone: 'UTC' });
    const rotation = (until: string) => ({
      name: 'Payments primary',
      timeZone: 'UTC',
      start: '2026-11-02T09:00',
      shiftLength: 1,
      shiftUnit: 'weeks' as const,
      members: [{ handle: 'ann' }, { handle: 'bo', until }],
    });
    invokeOk(ann, 'rotations.save', rotation('2027-01-31'));
    invokeOk(ann, 'repo.sync', {});
    const bo = device('Bo Okafor', 'bo');
    invokeOk(bo, 'repo.sync', {});

    // Both change Bo's zone and his leaving date; Bo's edits are the later ones.
    const boOn = (ws: Workstation) => invokeOk(ws, 'people.list', {}).find((p) => p.handle === 'bo');
    t += 60_000;
    invokeOk(ann, 'people.save', { id: boOn(ann)?.id, name: 'Bo Okafor', handle: 'bo', timeZone: 'America/Chicago' });
    invokeOk(ann, 'rotations.save', rotation('2026-12-31'));
    t += 60_000;
    invokeOk(bo, 'people.save', { id: boOn(bo)?.id, name: 'Bo Okafor', handle: 'bo', timeZone: 'Europe/Lisbon' });
    invokeOk(bo, 'rotations.save', rotation('2027-03-31'));
    for (const ws of [ann, bo, ann]) invokeOk(ws, 'repo.sync', {});
    expect(boOn(ann)?.timeZone).toBe('Europe/Lisbon');
    const conflicts = invokeOk(bo, 'repo.conflicts', {});
    const zone = conflicts.find((c) => c.kind === 'person' && c.field === 'timeZone');
    const until = conflicts.find((c) => c.kind === 'rotation' && c.field === 'members.bo.until');
    expect(zone).toMatchObject({ key: 'bo', kept: 'Europe/Lisbon', lost: 'America/Chicago' });
    expect(until).toMatchObject({ key: 'Payments primary', kept: '2027-03-31', lost: '2026-12-31' });

    // Ann's values were right after all: restore both on Bo's device.
    t += 60_000;
    invokeOk(bo, 'repo.resolveConflict', { id: zone?.id ?? 0, action: 'restore' });
    invokeOk(bo, 'repo.resolveConflict', { id: until?.id ?? 0, action: 'restore' });
    expect(invokeOk(bo, 'repo.conflicts', {})).toEqual([]);
    for (const ws of [bo, ann]) invokeOk(ws, 'repo.sync', {});
    for (const ws of [ann, bo]) {
      expect(boOn(ws)?.timeZone).toBe('America/Chicago');
      const members = invokeOk(ws, 'rotations.list', {}).find((r) => r.name === 'Payments primary')?.members;
      expect(members?.find((m) => m.handle === 'bo')).toMatchObject({ until: '2026-12-31' });
    }
  });
});

describe('rotations whose names slug alike', () => {
  it('keep their own files and their own members on every device', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => t;
    const ann = connected(remote, 'Ann Berg', 'ann', clock);
    invokeOk(ann, 'people.save', { name: 'Bo Okafor', handle: 'bo', timeZone: 'UTC' });
    const save = (ws: Workstation, name: string, members: string[]) =>
      invokeOk(ws, 'rotations.save', {
        name,
        timeZone: 'UTC',
        start: '2026-11-02T09:00',
        shiftLength: 1,
        shiftUnit: 'weeks',
        members: members.map((handle) => ({ handle })),
      });
    save(ann, 'Payments EU', ['ann']);
    save(ann, 'Payments-EU', ['bo']);
    save(ann, 'Платежи', ['ann', 'bo']);
    save(ann, 'Поиск', ['bo', 'ann']);
    invokeOk(ann, 'repo.sync', {});
    const bo = connected(remote, 'Bo Okafor', 'bo', clock);
    invokeOk(bo, 'repo.sync', {});
    const members = (ws: Workstation) =>
      Object.fromEntries(
        invokeOk(ws, 'rotations.list', {}).map((r) => [r.name, r.members.map((m) => m.handle).join(',')]),
      );
    const expected = { 'Payments EU': 'ann', 'Payments-EU': 'bo', Платежи: 'ann,bo', Поиск: 'bo,ann' };
    expect(members(bo)).toEqual(expected);
    const files = execFileSync('git', ['-C', remote, 'ls-tree', '--name-only', 'main', 'rotations/'], {
      encoding: 'utf8',
    });
    expect(files.trim().split('\n')).toHaveLength(4);

    // One of them changes on Bo's laptop; the other, with the same slug, stays as it is.
    t += 60_000;
    save(bo, 'Payments-EU', ['bo', 'ann']);
    save(bo, 'Поиск', ['ann']);
    for (const ws of [bo, ann]) expect(invokeOk(ws, 'repo.sync', {})).toMatchObject({ ok: true, problems: [] });
    const after = { ...expected, 'Payments-EU': 'bo,ann', Поиск: 'ann' };
    expect(members(ann)).toEqual(after);
    expect(members(bo)).toEqual(after);
    expect(invokeOk(ann, 'repo.conflicts', {})).toEqual([]);
  });
});
