// Git sync with real git: a bare repository on disk and clones in separate data directories —
// a team of two plus one person's second laptop.

import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workstation } from '../electron/workstation';
import { isCanonicalPage, pageRecord } from '../shared/domain/repository/format';
import { bareRepository, pushByHand } from './git-helpers';
import { invoke, invokeOk, runCli, tempDir, tempWorkstation } from './helpers';

function device_(remote: string, name: string, handle: string, clock?: () => number): Workstation {
  const ws = tempWorkstation(clock ? { now: clock } : {});
  const me = invokeOk(ws, 'people.save', { name, handle, timeZone: 'Europe/Berlin' });
  invokeOk(ws, 'me.set', { id: me.id });
  invokeOk(ws, 'repo.connect', { url: remote });
  return ws;
}

/** Ann's second laptop: connected to the repository, synced, and logging as Ann. */
function annsLaptop(remote: string, clock: () => number): Workstation {
  const laptop = tempWorkstation({ now: clock });
  invokeOk(laptop, 'repo.connect', { url: remote });
  invokeOk(laptop, 'repo.sync', {});
  const ann = invokeOk(laptop, 'people.list', {}).find((p) => p.handle === 'ann');
  invokeOk(laptop, 'me.set', { id: ann?.id ?? '' });
  return laptop;
}

function page(ws: Workstation, summary: string, at = '2026-11-08T02:21:00Z') {
  return invokeOk(ws, 'pages.add', { service: 'checkout', severity: 2, summary, receivedAt: at });
}

const summaries = (ws: Workstation): string[] =>
  invokeOk(ws, 'pages.list', { limit: 1000 })
    .pages.map((p) => `${p.personHandle}: ${p.summary}`)
    .sort();

function repoFiles(remote: string): Map<string, string> {
  const files = new Map<string, string>();
  const list = execFileSync('git', ['-C', remote, 'ls-tree', '-r', '--name-only', 'main'], { encoding: 'utf8' });
  for (const file of list.split('\n').filter(Boolean)) {
    files.set(file, execFileSync('git', ['-C', remote, 'show', `main:${file}`], { encoding: 'utf8' }));
  }
  return files;
}

describe('git sync', () => {
  it('two teammates and a second laptop converge, with readable files in the repository', () => {
    const remote = bareRepository();
    const ann = device_(remote, 'Ann Berg', 'ann');
    const bo = device_(remote, 'Bo Okafor', 'bo');
    page(ann, 'checkout latency above 2 s');
    page(ann, 'checkout errors above 1%', '2026-11-08T02:30:00Z');
    page(bo, 'disk almost full on build cache', '2026-10-30T10:00:00Z');

    const first = invokeOk(ann, 'repo.sync', {});
    expect(first).toMatchObject({ ok: true, sent: { pages: 2, people: 1 } });
    expect(invokeOk(ann, 'repo.status', {})).toMatchObject({ waiting: 0, conflicts: 0 });
    const second = invokeOk(bo, 'repo.sync', {});
    expect(second).toMatchObject({ ok: true, sent: { pages: 1 }, received: { pages: 2 } });
    invokeOk(ann, 'repo.sync', {});

    expect(summaries(ann)).toEqual(summaries(bo));
    expect(summaries(ann)).toEqual([
      'ann: checkout errors above 1%',
      'ann: checkout latency above 2 s',
      'bo: disk almost full on build cache',
    ]);

    const files = repoFiles(remote);
    expect([...files.keys()].sort()).toEqual(['pages/2026/10/bo.jsonl', 'pages/2026/11/ann.jsonl', 'team.yaml']);
    const annPages = (files.get('pages/2026/11/ann.jsonl') ?? '').trimEnd().split('\n');
    expect(annPages).toHaveLength(2);
    expect(Object.keys(JSON.parse(annPages[0] ?? '{}') as object).slice(0, 4)).toEqual([
      'id',
      'person',
      'service',
      'severity',
    ]);
    expect(files.get('team.yaml')).toMatch(/^formatVersion: 1\npeople:\n {2}- handle: ann\n {4}name: Ann Berg\n/);
    const log = execFileSync('git', ['-C', remote, 'log', '--format=%s', 'main'], { encoding: 'utf8' });
    expect(log).toMatch(/^1 page, 1 person — bo@/m);

    // Ann's second laptop starts from the repository and sees everything.
    const laptop = tempWorkstation();
    invokeOk(laptop, 'repo.connect', { url: remote });
    expect(invokeOk(laptop, 'repo.sync', {}).received.pages).toBe(3);
    expect(summaries(laptop)).toEqual(summaries(ann));

    // Nothing changed: nothing to commit.
    invokeOk(ann, 'repo.sync', {}); // the laptop's own roster entry arrives
    const before = execFileSync('git', ['-C', remote, 'rev-parse', 'main'], { encoding: 'utf8' });
    expect(invokeOk(ann, 'repo.sync', {}).message).toBe('nothing to sync');
    expect(execFileSync('git', ['-C', remote, 'rev-parse', 'main'], { encoding: 'utf8' })).toBe(before);
  });

  it('toil entries sync too, with their page link, and move files when their month changes', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => (t += 1000);
    const ann = device_(remote, 'Ann Berg', 'ann', clock);
    const bo = device_(remote, 'Bo Okafor', 'bo', clock);
    const p = page(ann, 'checkout latency above 2 s');
    const entry = invokeOk(ann, 'toil.add', {
      minutes: 45,
      day: '2026-11-08',
      category: 'alert triage',
      service: 'checkout',
      description: 'silenced the flapping latency alert',
      automatable: true,
      automationEffortHours: 4,
      pageId: p.id,
    });
    expect(invokeOk(ann, 'repo.sync', {})).toMatchObject({ sent: { toil: 1, pages: 1 } });
    expect(invokeOk(bo, 'repo.sync', {})).toMatchObject({ received: { toil: 1, pages: 1 } });
    expect(invokeOk(bo, 'toil.list', { from: '2026-11-01', to: '2026-11-30', scope: 'team' })).toMatchObject([
      {
        id: entry.id,
        minutes: 45,
        category: 'alert triage',
        pageId: p.id,
        description: 'silenced the flapping latency alert',
      },
    ]);
    invokeOk(ann, 'toil.update', { id: entry.id, patch: { day: '2026-10-31' } });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    const files = repoFiles(remote);
    // The month it left has nothing else: its file is gone rather than left empty.
    expect(files.has('toil/2026/11/ann.jsonl')).toBe(false);
    expect(files.get('toil/2026/10/ann.jsonl')).toContain(`"id":"${entry.id}"`);
    expect(invokeOk(bo, 'toil.list', { from: '2026-10-01', to: '2026-10-31', scope: 'team' })).toHaveLength(1);
  });

  it('merges a page edited on two devices field by field; the same field: the later edit wins and the other is logged', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => t;
    const ann = device_(remote, 'Ann Berg', 'ann', clock);
    const p = page(ann, 'checkout latency above 2 s');
    invokeOk(ann, 'repo.sync', {});
    const laptop = annsLaptop(remote, clock);

    t += 60_000;
    invokeOk(ann, 'pages.update', { id: p.id, patch: { triage: 'actionable', notes: 'pool exhausted' } });
    t += 60_000;
    invokeOk(laptop, 'pages.update', { id: p.id, patch: { minutesSpent: 45, notes: 'connection pool at 100%' } });
    invokeOk(ann, 'repo.sync', {});
    const merged = invokeOk(laptop, 'repo.sync', {});
    expect(merged.conflicts).toBe(1);
    invokeOk(ann, 'repo.sync', {});

    for (const ws of [ann, laptop]) {
      expect(invokeOk(ws, 'pages.get', { id: p.id })).toMatchObject({
        triage: 'actionable',
        minutesSpent: 45,
        notes: 'connection pool at 100%',
      });
    }
    const [conflict] = invokeOk(laptop, 'repo.conflicts', {});
    expect(conflict).toMatchObject({
      kind: 'page',
      key: p.id,
      field: 'notes',
      kept: 'connection pool at 100%',
      lost: 'pool exhausted',
    });

    // Restoring the set-aside value is a new edit that syncs everywhere.
    t += 60_000;
    invokeOk(laptop, 'repo.resolveConflict', { id: conflict?.id ?? 0, action: 'restore' });
    invokeOk(laptop, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    expect(invokeOk(ann, 'pages.get', { id: p.id }).notes).toBe('pool exhausted');
    expect(invokeOk(laptop, 'repo.conflicts', {})).toEqual([]);
  });

  it('private notes stay on the device: the page syncs without them, and they survive incoming edits', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => (t += 1000);
    const ann = device_(remote, 'Ann Berg', 'ann', clock);
    const p = page(ann, 'checkout latency above 2 s');
    invokeOk(ann, 'pages.update', { id: p.id, patch: { notes: 'my kid was sick, slow to ack', notesPrivate: true } });
    invokeOk(ann, 'repo.sync', {});
    const laptop = annsLaptop(remote, clock);
    expect(invokeOk(laptop, 'pages.get', { id: p.id })).toMatchObject({
      summary: 'checkout latency above 2 s',
      notes: '',
    });
    expect([...repoFiles(remote).values()].join('\n')).not.toContain('my kid');
    // An edit from the other laptop comes in; the private notes stay.
    invokeOk(laptop, 'pages.update', { id: p.id, patch: { triage: 'actionable' } });
    invokeOk(laptop, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    expect(invokeOk(ann, 'pages.get', { id: p.id })).toMatchObject({
      triage: 'actionable',
      notes: 'my kid was sick, slow to ack',
      notesPrivate: true,
    });
    expect([...repoFiles(remote).values()].join('\n')).not.toContain('my kid');
  });

  it('team templates travel as templates/<name>.md, merged line by line when both sides changed one', () => {
    const remote = bareRepository();
    const ann = device_(remote, 'Ann Berg', 'ann');
    const bo = device_(remote, 'Bo Okafor', 'bo');
    const markdown =
      '# Short\n\n## What Happened\nFacts only.\n\n## Why It Happened\nFive because.\n\n## Follow-ups\nOwned and dated.\n';
    invokeOk(ann, 'templates.save', { name: 'short', markdown });
    expect(invokeOk(ann, 'repo.sync', {}).sent.templates).toBe(1);
    expect(invokeOk(bo, 'repo.sync', {}).received.templates).toBe(1);
    expect(invokeOk(bo, 'templates.list', {}).find((t) => t.name === 'short')?.sections).toHaveLength(3);
    expect(repoFiles(remote).get('templates/short.md')).toBe(markdown);
    invokeOk(ann, 'templates.save', {
      name: 'short',
      markdown: markdown.replace('Facts only.', 'Facts only, with times.'),
    });
    invokeOk(bo, 'templates.save', {
      name: 'short',
      markdown: markdown.replace('Owned and dated.', 'Owned, dated, tied to a because.'),
    });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    const both = markdown
      .replace('Facts only.', 'Facts only, with times.')
      .replace('Owned and dated.', 'Owned, dated, tied to a because.');
    expect(repoFiles(remote).get('templates/short.md')).toBe(both);
    const guidance = (ws: Workstation) =>
      invokeOk(ws, 'templates.list', {})
        .find((t) => t.name === 'short')
        ?.sections.map((x) => x.guidance);
    expect(guidance(ann)).toEqual(['Facts only, with times.', 'Five because.', 'Owned, dated, tied to a because.']);
    expect(guidance(bo)).toEqual(guidance(ann));
  });

  it('teams and rotations (with overrides) sync, so every device knows who is on call', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => (t += 1000);
    const ann = device_(remote, 'Ann Berg', 'ann', clock);
    const bo = device_(remote, 'Bo Okafor', 'bo', clock);
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {}); // Bo's roster entry
    invokeOk(ann, 'teams.save', {
      name: 'Payments',
      people: ['ann', 'bo'],
      services: ['checkout'],
      targets: { actionablePagesPerWeek: 3 },
    });
    invokeOk(ann, 'rotations.save', {
      name: 'Payments primary',
      team: 'Payments',
      timeZone: 'Europe/Berlin',
      start: '2026-11-02T09:00',
      shiftLength: 1,
      shiftUnit: 'weeks',
      members: [{ handle: 'ann' }, { handle: 'bo' }],
    });
    invokeOk(ann, 'overrides.add', {
      rotation: 'Payments primary',
      handle: 'bo',
      from: '2026-11-10T09:00:00Z',
      to: '2026-11-11T09:00:00Z',
      reason: 'swap',
    });
    expect(invokeOk(ann, 'repo.sync', {})).toMatchObject({ sent: { teams: 1, rotations: 1 } });
    expect(invokeOk(bo, 'repo.sync', {})).toMatchObject({ received: { teams: 1, rotations: 1 } });
    expect(invokeOk(bo, 'teams.list', {})[0]).toMatchObject({
      name: 'Payments',
      people: [{ handle: 'ann' }, { handle: 'bo' }],
      services: ['checkout'],
      targets: { actionablePagesPerWeek: 3 },
      rotations: ['Payments primary'],
    });
    const shifts = (ws: Workstation) =>
      invokeOk(ws, 'rotations.shifts', {
        rotation: 'Payments primary',
        from: '2026-11-09T00:00:00Z',
        to: '2026-11-16T00:00:00Z',
      }).map((x) => `${x.handle} ${x.startsAt}`);
    expect(shifts(bo)).toEqual(shifts(ann));
    expect(shifts(bo)).toContain('bo 2026-11-10T09:00:00.000Z');
    expect(repoFiles(remote).get('rotations/payments-primary.yaml')).toMatch(
      /^name: Payments primary\nlayer: primary\nteam: Payments\n/,
    );
    // Bo covers another day; Ann sees it after both sync.
    invokeOk(bo, 'overrides.add', {
      rotation: 'Payments primary',
      handle: 'bo',
      from: '2026-11-12T09:00:00Z',
      to: '2026-11-13T09:00:00Z',
    });
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    expect(shifts(ann)).toEqual(shifts(bo));
    expect(shifts(ann)).toContain('bo 2026-11-12T09:00:00.000Z');
  });

  it('a teammate’s pages arrive read-only', () => {
    const remote = bareRepository();
    const ann = device_(remote, 'Ann Berg', 'ann');
    const bo = device_(remote, 'Bo Okafor', 'bo');
    const p = page(ann, 'checkout latency above 2 s');
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    expect(invoke(bo, 'pages.update', { id: p.id, patch: { triage: 'noise' } })).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_input',
        message: "id: this page is @ann's, from the team's repository; only @ann can change it",
      },
    });
    expect(invoke(bo, 'pages.remove', { id: p.id })).toMatchObject({ ok: false });
    expect(invokeOk(bo, 'pages.get', { id: p.id }).triage).toBeNull();
  });

  it('delete against edit: the edit wins and the page comes back, logged', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => t;
    const ann = device_(remote, 'Ann Berg', 'ann', clock);
    const p = page(ann, 'checkout latency above 2 s');
    invokeOk(ann, 'repo.sync', {});
    const laptop = annsLaptop(remote, clock);
    t += 60_000;
    invokeOk(ann, 'pages.remove', { id: p.id });
    t += 60_000;
    invokeOk(laptop, 'pages.update', { id: p.id, patch: { triage: 'noise' } });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(laptop, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    for (const ws of [ann, laptop]) expect(invokeOk(ws, 'pages.get', { id: p.id })).toMatchObject({ triage: 'noise' });
    expect(invokeOk(ann, 'pages.list', { limit: 10 }).pages).toHaveLength(1);
    expect(invokeOk(laptop, 'repo.conflicts', {})[0]).toMatchObject({ field: 'deletedAt', restoredRecord: true });
  });

  it('postmortem text edited on both sides merges line by line; a real clash keeps both versions', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-09T10:00:00Z');
    const clock = (): number => t;
    const ann = device_(remote, 'Ann Berg', 'ann', clock);
    const bo = device_(remote, 'Bo Okafor', 'bo', clock);
    const pm = invokeOk(ann, 'postmortems.create', { title: 'Pool exhaustion' });
    const body = '## What Happened\n\nline one\n\nline two\n\nline three\n\n## Why It Happened\n\nbecause one\n';
    invokeOk(ann, 'postmortems.save', { id: pm.id, body });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    expect(invokeOk(bo, 'postmortems.get', { id: pm.id }).body).toBe(body);

    t += 60_000;
    invokeOk(ann, 'postmortems.save', { id: pm.id, body: body.replace('line one', 'line one, by Ann') });
    invokeOk(bo, 'postmortems.save', { id: pm.id, body: body.replace('because one', 'because two') });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    const both = body.replace('line one', 'line one, by Ann').replace('because one', 'because two');
    expect(invokeOk(ann, 'postmortems.get', { id: pm.id }).body).toBe(both);
    expect(invokeOk(bo, 'postmortems.get', { id: pm.id }).body).toBe(both);

    // The same line on both sides: the later text stays, the other waits in the conflict log.
    t += 60_000;
    invokeOk(ann, 'postmortems.save', { id: pm.id, body: both.replace('line two', 'line two (Ann)') });
    t += 60_000;
    invokeOk(bo, 'postmortems.save', { id: pm.id, body: both.replace('line two', 'line two (Bo)') });
    invokeOk(ann, 'repo.sync', {});
    invokeOk(bo, 'repo.sync', {});
    invokeOk(ann, 'repo.sync', {});
    expect(invokeOk(ann, 'postmortems.get', { id: pm.id }).body).toContain('line two (Bo)');
    const conflict = invokeOk(bo, 'repo.conflicts', {}).find((c) => c.field === 'body');
    expect(String(conflict?.lost)).toContain('line two (Ann)');
    const files = repoFiles(remote);
    expect([...files.values()].some((text) => /^(<<<<<<<|>>>>>>>)/m.test(text))).toBe(false);
  });

  it('skips broken files from the repository with the file and line named; everything else syncs, nothing local is lost', () => {
    const remote = bareRepository();
    const ann = device_(remote, 'Ann Berg', 'ann');
    page(ann, 'checkout latency above 2 s');
    invokeOk(ann, 'repo.sync', {});
    // Someone pushes broken files by hand.
    pushByHand(remote, (hand) => {
      const good = fs.readFileSync(path.join(hand, 'pages/2026/11/ann.jsonl'), 'utf8');
      fs.writeFileSync(path.join(hand, 'pages/2026/11/ann.jsonl'), `${good}{not json\n`);
      fs.mkdirSync(path.join(hand, 'pages/2026/12'), { recursive: true });
      const line = JSON.parse(good.split('\n')[0] ?? '{}') as Record<string, unknown>;
      fs.writeFileSync(
        path.join(hand, 'pages/2026/12/cy.jsonl'),
        [
          JSON.stringify({
            ...line,
            id: '0193a6f0-0000-7000-8000-0000000000a1',
            person: 'cy',
            receivedAt: '2026-12-01T00:00:00.000Z',
            mood: 'bad',
          }),
          JSON.stringify({
            ...line,
            id: '0193a6f0-0000-7000-8000-0000000000a2',
            person: 'cy',
            receivedAt: '2026-12-01T00:00:00.000Z',
            severity: 'high',
          }),
          JSON.stringify({
            ...line,
            id: '0193a6f0-0000-7000-8000-0000000000a3',
            person: 'cy',
            receivedAt: '2026-12-02T00:00:00.000Z',
            summary: 'a good one',
          }),
        ].join('\n') + '\n',
      );
      fs.symlinkSync('/etc/passwd', path.join(hand, 'pages/2026/12/dy.jsonl'));
      // A 60 MB file (over the 50 MB limit): skipped, not read into memory.
      fs.writeFileSync(path.join(hand, 'pages/2026/12/ed.jsonl'), `${'x'.repeat(1023)}\n`.repeat(60 * 1024));
    });

    const report = invokeOk(ann, 'repo.sync', {});
    expect(report.problems).toEqual([
      {
        file: 'pages/2026/11/ann.jsonl',
        line: 2,
        message: expect.stringMatching(/^not valid JSON/) as unknown as string,
      },
      { file: 'pages/2026/12/cy.jsonl', line: 1, message: 'mood: is not a known field' },
      { file: 'pages/2026/12/cy.jsonl', line: 2, message: 'severity: must be a number' },
      { file: 'pages/2026/12/dy.jsonl', line: 0, message: 'is a symbolic link; only plain files are read' },
      { file: 'pages/2026/12/ed.jsonl', line: 0, message: 'is 60 MB; files over 50 MB are skipped' },
    ]);
    expect(summaries(ann)).toEqual(['ann: checkout latency above 2 s', 'cy: a good one']);
    expect(invokeOk(ann, 'repo.status', {}).problems).toHaveLength(5);
  });

  it('never writes through a symbolic link, and a postmortem the store refuses does not stop the sync', () => {
    const remote = bareRepository();
    const ann = device_(remote, 'Ann Berg', 'ann');
    invokeOk(ann, 'repo.sync', {});
    const outside = path.join(tempDir(), 'bashrc');
    fs.writeFileSync(outside, 'keep me\n');
    pushByHand(remote, (hand) => {
      fs.rmSync(path.join(hand, 'team.yaml'));
      fs.symlinkSync(outside, path.join(hand, 'team.yaml'));
      fs.mkdirSync(path.join(hand, 'postmortems'));
      fs.writeFileSync(
        path.join(hand, 'postmortems', 'x.md'),
        '---\nid: pm1\ntitle: No sections\nstatus: draft\ncreated: 2026-11-08T00:00:00.000Z\n---\n\nJust text.\n',
      );
    });
    page(ann, 'checkout latency above 2 s');
    invokeOk(ann, 'people.save', {
      id: invokeOk(ann, 'app.info', {}).me.id,
      name: 'Ann B.',
      handle: 'ann',
      timeZone: 'UTC',
    });
    const report = invokeOk(ann, 'repo.sync', {});
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep me\n');
    expect(report.problems.map((p) => `${p.file}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        'team.yaml: is a symbolic link; only plain files are read',
        'team.yaml: not written: a symbolic link is on its path',
        expect.stringMatching(/^postmortem pm1: not imported: .*## /) as unknown as string,
      ]),
    );
    expect(repoFiles(remote).has('pages/2026/11/ann.jsonl')).toBe(true);
  });

  it('a push refused by the remote leaves everything local and goes through later', () => {
    const remote = bareRepository();
    const ann = device_(remote, 'Ann Berg', 'ann');
    const hook = path.join(remote, 'hooks', 'pre-receive');
    fs.writeFileSync(hook, '#!/bin/sh\necho "pushes are frozen" >&2\nexit 1\n', { mode: 0o755 });
    page(ann, 'checkout latency above 2 s');
    const refused = invokeOk(ann, 'repo.sync', {});
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/refused the push/);
    expect(invokeOk(ann, 'repo.status', {})).toMatchObject({ waiting: 2, lastError: refused.message });
    expect(summaries(ann)).toEqual(['ann: checkout latency above 2 s']);
    fs.rmSync(hook);
    expect(invokeOk(ann, 'repo.sync', {})).toMatchObject({ ok: true, sent: { pages: 1 } });
    expect(invokeOk(ann, 'repo.status', {}).waiting).toBe(0);
    expect(repoFiles(remote).has('pages/2026/11/ann.jsonl')).toBe(true);
  });

  it('says clearly when the remote cannot be reached, and refuses a second connect', () => {
    const ws = tempWorkstation();
    const result = invoke(ws, 'repo.connect', { url: path.join(tempDir(), 'missing.git') });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'url' } });
    expect(invoke(ws, 'repo.connect', { url: '--upload-pack=touch /tmp/x' })).toMatchObject({
      ok: false,
      error: { field: 'url' },
    });
    expect(invoke(ws, 'repo.sync', {})).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    const remote = bareRepository();
    invokeOk(ws, 'repo.connect', { url: remote });
    expect(invoke(ws, 'repo.connect', { url: remote })).toMatchObject({ ok: false, error: { field: 'url' } });
  });

  it('random interleavings of add, edit, delete and sync on three devices end identical, nothing lost (fast-check)', () => {
    type Op =
      | { op: 'add'; device: number }
      | { op: 'edit'; device: number; pick: number; field: 'triage' | 'notes' | 'minutes'; value: number }
      | { op: 'delete'; device: number; pick: number }
      | { op: 'sync'; device: number };
    const device = fc.integer({ min: 0, max: 2 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('add' as const), device }),
      fc.record({
        op: fc.constant('edit' as const),
        device,
        pick: fc.nat(),
        field: fc.constantFrom('triage' as const, 'notes' as const, 'minutes' as const),
        value: fc.nat({ max: 99 }),
      }),
      fc.record({ op: fc.constant('delete' as const), device, pick: fc.nat() }),
      fc.record({ op: fc.constant('sync' as const), device }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 4, maxLength: 14 }), (ops) => {
        const remote = bareRepository();
        let t = Date.parse('2026-11-09T10:00:00Z');
        const clock = (): number => (t += 1000);
        const devices = [
          device_(remote, 'Ann Berg', 'ann', clock),
          device_(remote, 'Bo Okafor', 'bo', clock),
          device_(remote, 'Ann Berg', 'ann', clock),
        ];
        const added: string[] = [];
        const deleted = new Set<string>();
        let n = 0;
        for (const step of ops) {
          const ws = devices[step.device] as Workstation;
          // A teammate's pages are theirs to change: each device edits its own person's.
          const mine = invokeOk(ws, 'app.info', {}).me.handle;
          const local = invokeOk(ws, 'pages.list', { limit: 1000 }).pages.filter((p) => p.personHandle === mine);
          if (step.op === 'add') {
            added.push(page(ws, `page ${++n}`, `2026-11-0${1 + (n % 8)}T0${n % 10}:00:00Z`).id);
          } else if (step.op === 'sync') {
            expect(invokeOk(ws, 'repo.sync', {}).ok).toBe(true);
          } else if (local.length > 0) {
            const target = local[step.pick % local.length];
            if (!target) continue;
            if (step.op === 'delete') {
              invokeOk(ws, 'pages.remove', { id: target.id });
              deleted.add(target.id);
            } else {
              const patch =
                step.field === 'triage'
                  ? { triage: step.value % 2 ? ('noise' as const) : ('actionable' as const) }
                  : step.field === 'notes'
                    ? { notes: `note ${step.value}` }
                    : { minutesSpent: step.value };
              invokeOk(ws, 'pages.update', { id: target.id, patch });
            }
          }
        }
        for (let round = 0; round < 2; round++)
          for (const ws of devices) expect(invokeOk(ws, 'repo.sync', {}).ok).toBe(true);
        const state = (ws: Workstation): unknown[] =>
          ws.ctx.db
            .prepare(
              'SELECT id, summary, triage, notes, minutes_spent, deleted_at IS NOT NULL AS gone FROM pages ORDER BY id',
            )
            .all();
        const first = state(devices[0] as Workstation);
        for (const ws of devices.slice(1)) expect(state(ws)).toEqual(first);
        const ids = (first as { id: string; gone: number }[]).map((r) => r.id);
        for (const id of added) expect(ids).toContain(id);
        for (const row of first as { id: string; gone: number }[]) if (row.gone) expect(deleted.has(row.id)).toBe(true);
        execFileSync('git', ['-C', remote, 'fsck', '--strict', '--no-progress'], { stdio: 'pipe' });
        for (const text of repoFiles(remote).values()) expect(text).not.toMatch(/^(<{7}|={7}|>{7})( |$)/m);
      }),
      { numRuns: 6 },
    );
  });

  it('oncall repo connect / sync / repo status / conflicts from the terminal', () => {
    const remote = bareRepository();
    const dir = tempDir();
    const d = ['--data-dir', dir];
    runCli(['me', 'set', '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC', ...d]);
    expect(runCli(['repo', 'status', ...d]).stdout).toMatch(/^Not connected/);
    expect(runCli(['repo', 'connect', ...d])).toMatchObject({ code: 2 });
    expect(runCli(['repo', 'connect', remote, ...d]).code).toBe(0);
    runCli([
      'page',
      'add',
      '--service',
      'checkout',
      '--severity',
      '2',
      '--summary',
      'latency',
      '--at',
      '2026-11-08T02:00:00Z',
      ...d,
    ]);
    expect(runCli(['repo', 'status', ...d]).stdout).toMatch(/never synced · 2 changes waiting · 0 conflicts to review/);
    const synced = runCli(['sync', ...d]);
    expect(synced).toMatchObject({ code: 0 });
    expect(synced.stdout).toMatch(
      /^Synced: synced\n {2}sent 1 pages, 0 toil entries, 0 postmortems, 0 templates, 1 people, 0 teams, 0 rotations, 0 holiday calendars · received 0 pages/,
    );
    expect(JSON.parse(runCli(['repo', 'status', '--json', ...d]).stdout)).toMatchObject({
      connected: true,
      waiting: 0,
    });
    expect(runCli(['conflicts', ...d]).stdout).toBe('No conflicts to review.\n');
    expect(runCli(['conflicts', 'restore', 'x', ...d])).toMatchObject({ code: 2 });
  });
});

describe('the repository format', () => {
  it('the quick check for canonical page lines never accepts what the schema refuses (fast-check)', () => {
    const valid = {
      id: '01a2087b-e244-736a-a8cb-5060367a1ea7',
      person: 'ann',
      service: 'checkout',
      severity: 2,
      summary: 'checkout latency above 2 s',
      notes: '',
      source: 'manual',
      triage: null,
      receivedAt: '2026-11-08T02:21:00.000Z',
      acknowledgedAt: null,
      resolvedAt: '2026-11-08T03:40:00.000Z',
      zone: 'Europe/Berlin',
      sleepHour: true,
      sleepHourOverridden: false,
      offHours: true,
      minutesSpent: 45,
      tags: ['db'],
      createdAt: '2026-11-08T02:22:00.000Z',
      updatedAt: '2026-11-08T02:22:00.000Z',
      deletedAt: null,
    };
    expect(isCanonicalPage(valid)).toBe(true);
    const odd = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.string(),
      fc.integer({ min: -10, max: 200_000 }),
      fc.double(),
      fc.boolean(),
      fc.constantFrom(
        ' checkout',
        'Mars/Olympus',
        '2026-13-01T00:00:00.000Z',
        '2026-11-08T02:21:00Z',
        'noise',
        'pagerduty',
        'x'.repeat(600),
      ),
      fc.array(fc.string({ maxLength: 50 }), { maxLength: 25 }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(valid), 'externalSource', 'externalId', 'link'),
        odd,
        fc.boolean(),
        (key, value, extra) => {
          const candidate: Record<string, unknown> = { ...valid, [key]: value };
          if (value === undefined) delete candidate[key];
          if (extra) candidate.mood = 'bad';
          if (isCanonicalPage(candidate)) {
            const parsed = pageRecord.safeParse(candidate);
            expect(parsed.success).toBe(true);
            expect(parsed.data).toEqual(candidate);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
