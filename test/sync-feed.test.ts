// Git sync of rotations imported from calendar feeds, and of lists inside records (a rotation's
// members and overrides, a feed's shifts, a postmortem's action items) element by element —
// with real git: a bare repository on disk and clones in separate data directories.

import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../electron/store/db';
import { migrations } from '../electron/store/migrations';
import { updateOverride } from '../electron/store/rotations';
import type { Workstation } from '../electron/workstation';
import { readRotation, rotationRecord, writeRotation } from '../shared/domain/repository/format';
import { bareRepository, pushByHand } from './git-helpers';
import { invokeOk, tempDir, tempWorkstation } from './helpers';

function device(remote: string, name: string, handle: string, clock: () => number): Workstation {
  const ws = tempWorkstation({ now: clock });
  const me = invokeOk(ws, 'people.save', { name, handle, timeZone: 'Europe/Berlin' });
  invokeOk(ws, 'me.set', { id: me.id });
  invokeOk(ws, 'repo.connect', { url: remote });
  return ws;
}

function repoFiles(remote: string): Map<string, string> {
  const files = new Map<string, string>();
  const list = execFileSync('git', ['-C', remote, 'ls-tree', '-r', '--name-only', 'main'], { encoding: 'utf8' });
  for (const file of list.split('\n').filter(Boolean)) {
    files.set(file, execFileSync('git', ['-C', remote, 'show', `main:${file}`], { encoding: 'utf8' }));
  }
  return files;
}

/** Bo covers a day of the rules rotation (an override), added on this device. */
function addCover(ws: Workstation) {
  return invokeOk(ws, 'overrides.add', {
    rotation: 'Payments primary',
    handle: 'bo',
    from: '2026-11-17T09:00:00Z',
    to: '2026-11-18T09:00:00Z',
    reason: 'swap',
  });
}

interface FeedEvent {
  uid: string;
  who: string;
  start: string;
  end: string;
}

const icsTime = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function ics(events: FeedEvent[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN'];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTART:${icsTime(e.start)}`,
      `DTEND:${icsTime(e.end)}`,
      `SUMMARY:${e.who}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

const week = [
  { uid: 'w1@feed', who: 'ann', start: '2026-11-09T08:00:00Z', end: '2026-11-16T08:00:00Z' },
  { uid: 'w2@feed', who: 'bo', start: '2026-11-16T08:00:00Z', end: '2026-11-23T08:00:00Z' },
  { uid: 'w3@feed', who: 'chen', start: '2026-11-23T08:00:00Z', end: '2026-11-30T08:00:00Z' },
];

function importFeed(ws: Workstation, events: FeedEvent[], rotation = 'Search') {
  return invokeOk(ws, 'rotations.import', { rotation, ics: ics(events), apply: true });
}

const shifts = (ws: Workstation, rotation = 'Search'): string[] =>
  invokeOk(ws, 'rotations.shifts', { rotation, from: '2026-11-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }).map(
    (s) => `${s.handle} ${s.startsAt} ${s.endsAt}${s.overrideId ? ' override' : ''}`,
  );

const conflicts = (ws: Workstation) => invokeOk(ws, 'repo.conflicts', {});

/** Ann and Bo, both synced, each knowing the other and Chen. */
function team(): {
  remote: string;
  ann: Workstation;
  bo: Workstation;
  tick: (ms?: number) => void;
  now: () => number;
} {
  const remote = bareRepository();
  let t = Date.parse('2026-11-09T10:00:00Z');
  const clock = (): number => t;
  const tick = (ms = 1000): void => {
    t += ms;
  };
  const ann = device(remote, 'Ann Berg', 'ann', clock);
  const bo = device(remote, 'Bo Okafor', 'bo', clock);
  invokeOk(ann, 'people.save', { name: 'Chen Liu', handle: 'chen', timeZone: 'Asia/Singapore' });
  invokeOk(ann, 'repo.sync', {});
  invokeOk(bo, 'repo.sync', {});
  invokeOk(ann, 'repo.sync', {});
  tick(60_000);
  return { remote, ann, bo, tick, now: clock };
}

function rulesRotation(ws: Workstation, members = ['ann', 'bo', 'chen']): void {
  invokeOk(ws, 'rotations.save', {
    name: 'Payments primary',
    timeZone: 'Europe/Berlin',
    start: '2026-11-02T09:00',
    shiftLength: 1,
    shiftUnit: 'weeks',
    members: members.map((handle) => ({ handle })),
  });
}

describe('git sync of rotations imported from a calendar feed', () => {
  it('a feed imported on one device arrives on the other with the same shifts, as a readable file', () => {
    const { remote, ann, bo, tick } = team();
    importFeed(ann, week);
    tick();
    expect(invokeOk(ann, 'repo.sync', {})).toMatchObject({ ok: true, sent: { rotations: 1 } });
    expect(invokeOk(bo, 'repo.sync', {})).toMatchObject({ ok: true, received: { rotations: 1 } });

    expect(invokeOk(bo, 'rotations.list', {}).find((r) => r.name === 'Search')).toMatchObject({ kind: 'feed' });
    expect(shifts(bo)).toEqual(shifts(ann));
    expect(shifts(bo)).toEqual([
      'ann 2026-11-09T08:00:00.000Z 2026-11-16T08:00:00.000Z',
      'bo 2026-11-16T08:00:00.000Z 2026-11-23T08:00:00.000Z',
      'chen 2026-11-23T08:00:00.000Z 2026-11-30T08:00:00.000Z',
    ]);

    const file = repoFiles(remote).get('rotations/search.yaml') ?? '';
    expect(file).toMatch(
      /^name: Search\nkind: feed\nlayer: primary\nteam: null\ntimeZone: UTC\nshifts:\n {2}- key: w1@feed\n/,
    );
    expect(file).toContain('    person: bo\n    startsAt: 2026-11-16T08:00:00.000Z\n');
    // Deterministic: read and written again, the same bytes.
    const read = readRotation('rotations/search.yaml', file);
    expect(read.problems).toEqual([]);
    expect(writeRotation(read.records[0] ?? ({} as never))).toBe(file);
    // A format-1 app written before feed rotations refuses the file (a problem for that file
    // alone), it never takes it for rules.
    expect(rotationRecord.safeParse(read.records[0]).success).toBe(false);

    // Nothing changed since: nothing to sync on either side, no ping-pong.
    expect(invokeOk(bo, 'repo.sync', {}).message).toBe('nothing to sync');
    expect(invokeOk(ann, 'repo.sync', {}).message).toBe('nothing to sync');
    // Re-importing the same feed changes nothing and queues nothing.
    importFeed(ann, week);
    expect(invokeOk(ann, 'repo.status', {}).waiting).toBe(0);
  });

  it('a re-import that moves a shift merges with an override added meanwhile on the other device', () => {
    const { remote, ann, bo, tick } = team();
    importFeed(ann, week);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    tick(60_000);

    // Ann re-imports: the second shift now starts a day later, the third is gone, a fourth is new.
    const moved = [
      week[0] as FeedEvent,
      { ...(week[1] as FeedEvent), start: '2026-11-17T08:00:00Z' },
      { uid: 'w4@feed', who: 'ann', start: '2026-11-30T08:00:00Z', end: '2026-12-07T08:00:00Z' },
    ];
    expect(importFeed(ann, moved)).toMatchObject({ added: 1, changed: 1, removed: 1 });
    tick();
    // Meanwhile Bo covers a day of Ann's shift.
    invokeOk(bo, 'overrides.add', {
      rotation: 'Search',
      handle: 'bo',
      from: '2026-11-10T08:00:00Z',
      to: '2026-11-11T08:00:00Z',
      reason: 'swap',
    });
    tick();
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});

    expect(shifts(ann)).toEqual(shifts(bo));
    expect(shifts(ann)).toEqual([
      'ann 2026-11-09T08:00:00.000Z 2026-11-10T08:00:00.000Z',
      'bo 2026-11-10T08:00:00.000Z 2026-11-11T08:00:00.000Z override',
      'ann 2026-11-11T08:00:00.000Z 2026-11-16T08:00:00.000Z',
      'bo 2026-11-17T08:00:00.000Z 2026-11-23T08:00:00.000Z',
      'ann 2026-11-30T08:00:00.000Z 2026-12-07T08:00:00.000Z',
    ]);
    expect(conflicts(ann)).toEqual([]);
    expect(conflicts(bo)).toEqual([]);
    const file = repoFiles(remote).get('rotations/search.yaml') ?? '';
    expect(file).not.toContain('w3@feed');
    expect(file).toContain('reason: swap');
  });

  it('the same shift re-imported differently on both devices: the later import wins, the other is logged', () => {
    const { remote, ann, bo, tick } = team();
    importFeed(ann, week);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    tick(60_000);
    importFeed(ann, [
      week[0] as FeedEvent,
      { ...(week[1] as FeedEvent), end: '2026-11-22T08:00:00Z' },
      week[2] as FeedEvent,
    ]);
    tick(60_000);
    importFeed(bo, [
      week[0] as FeedEvent,
      { ...(week[1] as FeedEvent), end: '2026-11-24T08:00:00Z' },
      week[2] as FeedEvent,
    ]);
    tick();
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    expect(shifts(ann)).toEqual(shifts(bo));
    expect(repoFiles(remote).get('rotations/search.yaml')).toContain('endsAt: 2026-11-24T08:00:00.000Z');
    // Bo merged (he pushed second): the conflict is in his log.
    expect(conflicts(ann)).toEqual([]);
    expect(conflicts(bo)).toHaveLength(1);
    expect(conflicts(bo)[0]).toMatchObject({
      key: 'Search',
      field: 'shifts.w2@feed.endsAt',
      kept: '2026-11-24T08:00:00.000Z',
      lost: '2026-11-22T08:00:00.000Z',
    });
  });

  it('a broken feed-rotation file is named with its line and skipped; the rest syncs and nothing local changes', () => {
    const { remote, ann, bo, tick } = team();
    importFeed(ann, week);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    tick();
    const before = shifts(bo);
    pushByHand(remote, (dir) => {
      const file = path.join(dir, 'rotations/search.yaml');
      const text = fs.readFileSync(file, 'utf8');
      // The second shift's start becomes words: line 14 of the file.
      fs.writeFileSync(file, text.replace('startsAt: 2026-11-16T08:00:00.000Z', 'startsAt: next monday'));
      fs.writeFileSync(
        path.join(dir, 'rotations/layers.yaml'),
        'name: Layers\nkind: layered\nlayers: []\n', // a kind of rotation from a newer app
      );
      fs.writeFileSync(
        path.join(dir, 'rotations/twice.yaml'),
        `name: Twice\nkind: feed\nlayer: primary\nteam: null\ntimeZone: UTC\nshifts:\n${['a', 'a']
          .map(
            (k) =>
              `  - key: ${k}\n    person: ann\n    startsAt: 2026-11-09T08:00:00.000Z\n    endsAt: 2026-11-10T08:00:00.000Z\n    override: false\n`,
          )
          .join('')}overrides: []\nupdatedAt: 2026-11-09T08:00:00.000Z\n`,
      );
    });
    invokeOk(ann, 'pages.add', {
      service: 'search',
      severity: 3,
      summary: 'index lag',
      receivedAt: '2026-11-09T09:00:00Z',
    });
    invokeOk(ann, 'repo.sync', {});
    const report = invokeOk(bo, 'repo.sync', {});
    expect(report.ok).toBe(true);
    expect(report.received.pages).toBe(1);
    expect(report.problems).toEqual([
      {
        file: 'rotations/layers.yaml',
        line: 2,
        message:
          'kind: "layered" is a kind of rotation this app does not read yet (it reads rules and feed) — update the app',
      },
      {
        file: 'rotations/search.yaml',
        line: 14,
        message: expect.stringMatching(/^shifts\.1\.startsAt: must be an ISO 8601 instant/) as unknown as string,
      },
      { file: 'rotations/twice.yaml', line: 12, message: 'shift a appears twice' },
    ]);
    expect(shifts(bo)).toEqual(before);
    expect(invokeOk(bo, 'rotations.list', {}).map((r) => r.name)).toEqual(['Search']);
  });

  it('a device that ran an app before feed sync reads the rotation files once more after updating', () => {
    const { ann, bo, tick } = team();
    importFeed(ann, week);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    expect(shifts(bo)).toHaveLength(3);
    // Bo's store as an older app left it: the feed file was seen (and skipped), the rotation is not here.
    const db = bo.ctx.db;
    db.prepare("INSERT INTO sync_flags (name, value) VALUES ('importing', '1')").run();
    db.prepare("DELETE FROM feed_shifts WHERE rotation_id = (SELECT id FROM rotations WHERE name = 'Search')").run();
    db.prepare("DELETE FROM rotations WHERE name = 'Search'").run();
    db.prepare("DELETE FROM sync_flags WHERE name = 'importing'").run();
    tick();
    invokeOk(bo, 'repo.sync', {});
    expect(invokeOk(bo, 'rotations.list', {})).toEqual([]); // the file did not change: not read again
    // What migration 8 leaves for the next sync.
    db.prepare("UPDATE settings SET value = 'rotations/' WHERE key = 'repo.reread'").run();
    expect(invokeOk(bo, 'repo.sync', {}).received.rotations).toBe(1);
    expect(shifts(bo)).toEqual(shifts(ann));
    expect(db.prepare("SELECT value FROM settings WHERE key = 'repo.reread'").pluck().get()).toBe('');
  });
});

describe('git sync merges lists element by element', () => {
  it('two devices adding different overrides to the same rotation keep both, with no conflict', () => {
    const { ann, bo, tick } = team();
    rulesRotation(ann);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    tick(60_000);
    invokeOk(ann, 'overrides.add', {
      rotation: 'Payments primary',
      handle: 'ann',
      from: '2026-11-17T09:00:00Z',
      to: '2026-11-18T09:00:00Z',
      reason: 'Ann covers',
    });
    tick();
    invokeOk(bo, 'overrides.add', {
      rotation: 'Payments primary',
      handle: 'bo',
      from: '2026-11-25T09:00:00Z',
      to: '2026-11-26T09:00:00Z',
      reason: 'Bo covers',
    });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    const rules = (ws: Workstation) => shifts(ws, 'Payments primary').filter((s) => s.endsWith('override'));
    expect(rules(ann)).toEqual(rules(bo));
    expect(rules(ann)).toEqual([
      'ann 2026-11-17T09:00:00.000Z 2026-11-18T09:00:00.000Z override',
      'bo 2026-11-25T09:00:00.000Z 2026-11-26T09:00:00.000Z override',
    ]);
    expect(conflicts(ann)).toEqual([]);
    expect(conflicts(bo)).toEqual([]);
  });

  it('the same override’s reason changed on both: the later kept, the other logged and restorable; an edit beats a removal', () => {
    const { ann, bo, tick } = team();
    rulesRotation(ann);
    const cover = addCover(ann);
    const spare = invokeOk(ann, 'overrides.add', {
      rotation: 'Payments primary',
      handle: 'chen',
      from: '2026-11-20T09:00:00Z',
      to: '2026-11-21T09:00:00Z',
      reason: 'spare',
    });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    tick(60_000);
    updateOverride(ann.ctx.db, cover.id, { reason: 'swap for the offsite' }, Date.parse('2026-11-09T10:02:00Z'), 'a');
    updateOverride(
      bo.ctx.db,
      cover.id,
      { reason: 'swap, Bo is at a wedding' },
      Date.parse('2026-11-09T10:03:00Z'),
      'b',
    );
    // Ann removes the spare override while Bo moves its end.
    invokeOk(ann, 'overrides.remove', { id: spare.id });
    tick(120_000);
    updateOverride(
      bo.ctx.db,
      spare.id,
      { end_at: Date.parse('2026-11-22T09:00:00Z') },
      Date.parse('2026-11-09T10:04:00Z'),
      'b',
    );
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});

    const overrides = (ws: Workstation) =>
      ws.ctx.db.prepare('SELECT id, reason, end_at, deleted_at IS NOT NULL AS gone FROM overrides ORDER BY id').all();
    expect(overrides(ann)).toEqual(overrides(bo));
    expect(overrides(ann)).toEqual([
      { id: cover.id, reason: 'swap, Bo is at a wedding', end_at: Date.parse('2026-11-18T09:00:00Z'), gone: 0 },
      { id: spare.id, reason: 'spare', end_at: Date.parse('2026-11-22T09:00:00Z'), gone: 0 },
    ]);
    // Bo pushed second, so his device merged and logged: only what both changed.
    expect(conflicts(ann)).toEqual([]);
    const logged = conflicts(bo);
    expect(logged).toHaveLength(2);
    const reason = logged.find((c) => c.field === `overrides.${cover.id}.reason`);
    expect(reason).toMatchObject({
      kind: 'rotation',
      key: 'Payments primary',
      kept: 'swap, Bo is at a wedding',
      lost: 'swap for the offsite',
      lostSide: 'theirs',
    });
    expect(logged.find((c) => c.field === `overrides.${spare.id}.deletedAt`)).toMatchObject({ restoredRecord: true });

    // Restored, the set-aside reason becomes a new edit that reaches the other device.
    tick();
    invokeOk(bo, 'repo.resolveConflict', { id: reason?.id ?? 0, action: 'restore' });
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    expect(overrides(ann)[0]).toMatchObject({ reason: 'swap for the offsite' });
    expect(overrides(bo)).toEqual(overrides(ann));
  });

  it('a set-aside field of an override removed since is not restored: nobody goes back on call', () => {
    const { ann, bo, tick } = team();
    rulesRotation(ann);
    const cover = addCover(ann);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    tick(60_000);
    updateOverride(ann.ctx.db, cover.id, { reason: 'swap (Ann)' }, Date.parse('2026-11-09T10:02:00Z'), 'a');
    updateOverride(bo.ctx.db, cover.id, { reason: 'swap (Bo)' }, Date.parse('2026-11-09T10:03:00Z'), 'b');
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    const reason = conflicts(bo).find((c) => c.field === `overrides.${cover.id}.reason`);
    expect(reason).toBeDefined();
    tick();
    invokeOk(bo, 'overrides.remove', { id: cover.id });
    const refused = bo.table.invoke('repo.resolveConflict', { id: reason?.id ?? 0, action: 'restore' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(refused.ok ? '' : refused.error.message).toContain('the override was removed since');
    expect(bo.ctx.db.prepare('SELECT deleted_at IS NOT NULL FROM overrides WHERE id = ?').pluck().get(cover.id)).toBe(
      1,
    );
  });

  it('members merge by handle: an added member and another’s new leave date both stay; two reorderings log one', () => {
    const { ann, bo, tick } = team();
    rulesRotation(ann, ['ann', 'bo']);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    tick(60_000);
    const save = (ws: Workstation, members: { handle: string; until?: string }[]) =>
      invokeOk(ws, 'rotations.save', {
        name: 'Payments primary',
        timeZone: 'Europe/Berlin',
        start: '2026-11-02T09:00',
        shiftLength: 1,
        shiftUnit: 'weeks',
        members,
      });
    save(ann, [{ handle: 'ann' }, { handle: 'bo' }, { handle: 'chen' }]);
    tick();
    save(bo, [{ handle: 'ann' }, { handle: 'bo', until: '2027-01-31' }]);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    const members = (ws: Workstation) =>
      invokeOk(ws, 'rotations.list', {})
        .find((r) => r.name === 'Payments primary')
        ?.members.map((m) => `${m.handle}${m.until ? ` until ${m.until}` : ''}`);
    expect(members(ann)).toEqual(members(bo));
    expect(members(ann)).toEqual(['ann', 'bo until 2027-01-31', 'chen']);
    expect(conflicts(ann)).toEqual([]);
    expect(conflicts(bo)).toEqual([]);

    // Both reorder, differently: the later order stays, the other is in the log.
    tick(60_000);
    save(ann, [{ handle: 'chen' }, { handle: 'ann' }, { handle: 'bo', until: '2027-01-31' }]);
    tick();
    save(bo, [{ handle: 'bo', until: '2027-01-31' }, { handle: 'ann' }, { handle: 'chen' }]);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    expect(members(ann)).toEqual(members(bo));
    expect(members(ann)).toEqual(['bo until 2027-01-31', 'ann', 'chen']);
    expect(conflicts(bo)).toEqual([
      expect.objectContaining({ field: 'members order', kept: ['bo', 'ann', 'chen'], lost: ['chen', 'ann', 'bo'] }),
    ]);
  });

  it('a postmortem’s action items merge by id: an item added on each side and another edited all stay', () => {
    const { ann, bo, tick } = team();
    const pm = invokeOk(ann, 'postmortems.create', { title: 'Index lag' });
    const first = invokeOk(ann, 'actions.save', { postmortem: pm.id, title: 'Alert on index lag', owner: 'ann' });
    const second = invokeOk(ann, 'actions.save', { postmortem: pm.id, title: 'Shard the index', owner: 'bo' });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    tick(60_000);
    invokeOk(ann, 'actions.save', { postmortem: pm.id, title: 'Page on index lag over 5 min', id: first.id });
    invokeOk(ann, 'actions.save', { postmortem: pm.id, title: 'Runbook for reindexing', owner: 'ann' });
    tick();
    invokeOk(bo, 'actions.save', { postmortem: pm.id, id: second.id, title: 'Shard the index', owner: 'chen' });
    invokeOk(bo, 'actions.save', { postmortem: pm.id, title: 'Load test the new shards', owner: 'bo' });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    const items = (ws: Workstation) =>
      invokeOk(ws, 'postmortems.get', { id: pm.id }).actionItems.map((a) => `${a.title} (${a.owner ?? '-'})`);
    expect(items(ann)).toEqual(items(bo));
    expect(items(ann)).toEqual([
      'Page on index lag over 5 min (ann)',
      'Shard the index (chen)',
      'Runbook for reindexing (ann)', // added first (both after the same item)
      'Load test the new shards (bo)',
    ]);
    // The text's action section follows the merged list (no line-level clash over it).
    const body = invokeOk(bo, 'postmortems.get', { id: pm.id }).body;
    expect(body).toContain('- Runbook for reindexing — owner: @ann');
    expect(body).toContain('- Load test the new shards — owner: @bo');
    expect(conflicts(ann)).toEqual([]);
    expect(conflicts(bo)).toEqual([]);

    // The same item's title on both: the later kept, the other logged under the item.
    tick(60_000);
    invokeOk(ann, 'actions.save', { postmortem: pm.id, id: second.id, title: 'Shard the index by tenant' });
    tick();
    invokeOk(bo, 'actions.save', { postmortem: pm.id, id: second.id, title: 'Shard the index by region' });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    expect(items(ann)).toEqual(items(bo));
    expect(items(ann)).toContain('Shard the index by region (chen)');
    expect(conflicts(ann)).toEqual([]);
    expect(conflicts(bo)).toEqual([
      expect.objectContaining({
        kind: 'postmortem',
        field: `actionItems.${second.id}.title`,
        kept: 'Shard the index by region',
        lost: 'Shard the index by tenant',
      }),
    ]);
  });

  it('random overrides, reasons, removals, feed re-imports and syncs on two devices end identical, nothing lost (fast-check)', () => {
    type Op =
      | { op: 'add'; device: number; day: number }
      | { op: 'reason'; device: number; pick: number; value: number }
      | { op: 'remove'; device: number; pick: number }
      | { op: 'import'; device: number; end: number }
      | { op: 'sync'; device: number };
    const deviceNo = fc.integer({ min: 0, max: 1 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('add' as const), device: deviceNo, day: fc.integer({ min: 10, max: 28 }) }),
      fc.record({ op: fc.constant('reason' as const), device: deviceNo, pick: fc.nat(), value: fc.nat({ max: 9 }) }),
      fc.record({ op: fc.constant('remove' as const), device: deviceNo, pick: fc.nat() }),
      fc.record({ op: fc.constant('import' as const), device: deviceNo, end: fc.integer({ min: 17, max: 22 }) }),
      fc.record({ op: fc.constant('sync' as const), device: deviceNo }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 4, maxLength: 12 }), (ops) => {
        const { ann, bo, tick, now } = team();
        importFeed(ann, week);
        invokeOk(ann, 'repo.sync', {});
        invokeOk(bo, 'repo.sync', {});
        const devices = [ann, bo];
        const added: string[] = [];
        const removed = new Set<string>();
        for (const step of ops) {
          tick();
          const ws = devices[step.device] as Workstation;
          const live = ws.ctx.db
            .prepare('SELECT id FROM overrides WHERE deleted_at IS NULL ORDER BY id')
            .pluck()
            .all() as string[];
          if (step.op === 'add') {
            added.push(
              invokeOk(ws, 'overrides.add', {
                rotation: 'Search',
                handle: 'chen',
                from: `2026-11-${step.day}T08:00:00Z`,
                to: `2026-11-${step.day}T20:00:00Z`,
              }).id,
            );
          } else if (step.op === 'sync') {
            expect(invokeOk(ws, 'repo.sync', {}).ok).toBe(true);
          } else if (step.op === 'import') {
            importFeed(ws, [week[0] as FeedEvent, { ...(week[1] as FeedEvent), end: `2026-11-${step.end}T08:00:00Z` }]);
          } else if (live.length > 0) {
            const id = live[step.pick % live.length] as string;
            if (step.op === 'remove') {
              invokeOk(ws, 'overrides.remove', { id });
              removed.add(id);
            } else updateOverride(ws.ctx.db, id, { reason: `reason ${step.value}` }, now(), 'x');
          }
        }
        for (let round = 0; round < 2; round++)
          for (const ws of devices) expect(invokeOk(ws, 'repo.sync', {}).ok).toBe(true);
        const state = (ws: Workstation) => ({
          overrides: ws.ctx.db
            .prepare('SELECT id, reason, deleted_at IS NOT NULL AS gone FROM overrides ORDER BY id')
            .all() as { id: string; gone: number }[],
          shifts: shifts(ws),
        });
        const first = state(ann);
        expect(state(bo)).toEqual(first);
        for (const id of added) expect(first.overrides.map((o) => o.id)).toContain(id);
        for (const o of first.overrides) if (o.gone) expect(removed.has(o.id)).toBe(true);
      }),
      { numRuns: 5 },
    );
  });
});

describe('migration 8', () => {
  it('queues a version-6 store’s feed rotations, makes shift changes queue theirs, and asks for a re-read', () => {
    const file = path.join(tempDir(), 'oncall.db');
    const v6 = openStore(file, { migrations: migrations.filter((m) => m.version <= 6) });
    v6.exec(`
      INSERT INTO people (id, name, handle, time_zone, working_hours, business_hours, sleep_hours, created_at, updated_at, device_id)
        VALUES ('p1', 'Ann', 'ann', 'UTC', '{}', '{}', '{}', 0, 0, 'd');
      INSERT INTO rotations (id, name, kind, time_zone, start, shift_length, shift_unit, created_at, updated_at, device_id)
        VALUES ('r1', 'Search', 'feed', 'UTC', '2026-11-09T08:00', 1, 'weeks', 0, 0, 'd');
      INSERT INTO feed_shifts (rotation_id, key, person_id, start_at, end_at) VALUES ('r1', 'k1', 'p1', 0, 1000);
      DELETE FROM sync_outbox;
    `);
    v6.close();
    const db = openStore(file);
    const outbox = () => db.prepare('SELECT kind, key FROM sync_outbox ORDER BY seq').all();
    expect(outbox()).toEqual([{ kind: 'rotation', key: 'Search' }]);
    // Later migrations add their own folders (slos/, pages/…): rotations/ and holidays/ are among them.
    expect(String(db.prepare("SELECT value FROM settings WHERE key = 'repo.reread'").pluck().get()).split(' ')).toEqual(
      expect.arrayContaining(['rotations/', 'holidays/']),
    );
    db.exec('DELETE FROM sync_outbox');
    db.exec("UPDATE feed_shifts SET end_at = 1000 WHERE key = 'k1'"); // the same values: nothing to send
    expect(outbox()).toEqual([]);
    db.exec("UPDATE feed_shifts SET end_at = 2000 WHERE key = 'k1'");
    db.exec(
      "INSERT INTO feed_shifts (rotation_id, key, person_id, start_at, end_at) VALUES ('r1', 'k2', 'p1', 2000, 3000)",
    );
    db.exec("DELETE FROM feed_shifts WHERE key = 'k1'");
    expect(outbox()).toHaveLength(3);
    db.exec('DELETE FROM sync_outbox');
    db.exec("INSERT INTO sync_flags (name, value) VALUES ('importing', '1')");
    db.exec("DELETE FROM feed_shifts WHERE key = 'k2'"); // from the repository: queues nothing
    expect(outbox()).toEqual([]);
    db.close();
  });
});
