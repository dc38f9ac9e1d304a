// An incident's customer impact travels in its postmortem's front matter (`impact:` with start,
// end and a share or `full`), so a teammate's device charges the same error budget: two devices
// over a real bare repository. Files written before impact existed still read, and are written
// back unchanged.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readPostmortemFile, writePostmortemFile } from '../shared/domain/postmortem/file';
import type { Workstation } from '../electron/workstation';
import { bareRepository, pushByHand, showOnMain, teammateDevice } from './git-helpers';
import { invokeOk } from './helpers';
import fs from 'node:fs';
import path from 'node:path';

const filesIn = (remote: string, folder: string): string[] =>
  execFileSync('git', ['-C', remote, 'ls-tree', '--name-only', `main:${folder}`], { encoding: 'utf8' })
    .trim()
    .split('\n');

const budget = (ws: Workstation) =>
  invokeOk(ws, 'slos.status', {}).map((s) => ({
    slo: s.slo.name,
    consumed: s.consumed,
    remainingMinutes: s.remainingMinutes,
    incidents: s.incidents.map((i) => ({ id: i.id, share: i.share, cost: i.cost })),
  }));

describe('incident impact through the repository', () => {
  it('impact set on one device shows on the other, with the same budget; a change and a clear travel too', () => {
    const remote = bareRepository();
    let t = Date.parse('2026-11-20T10:00:00Z');
    const clock = (): number => t;
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock);
    invokeOk(ann, 'slos.save', { name: 'checkout', service: 'checkout', target: 0.999, window: '30d' });
    const page = invokeOk(ann, 'pages.add', {
      service: 'checkout',
      severity: 1,
      summary: 'checkout 500s',
      receivedAt: '2026-11-19T08:00:00Z',
    });
    const incident = invokeOk(ann, 'incidents.create', {
      pages: [page.id],
      title: 'Checkout errors',
      severity: 1,
      services: ['checkout'],
    });
    invokeOk(ann, 'postmortems.create', { incident: incident.id });
    invokeOk(ann, 'repo.sync', {});
    const bo = teammateDevice(remote, 'Bo Okafor', 'bo', clock);
    invokeOk(bo, 'repo.sync', {});
    expect(budget(bo)).toEqual(budget(ann));
    expect(budget(bo)[0]?.incidents).toEqual([]);

    // Ann records 30 minutes at 40% of requests.
    t += 60_000;
    invokeOk(ann, 'incidents.update', {
      id: incident.id,
      impactStart: '2026-11-19T08:00:00Z',
      impactEnd: '2026-11-19T08:30:00Z',
      impactShare: 0.4,
    });
    expect(invokeOk(ann, 'repo.sync', {})).toMatchObject({ ok: true, sent: { postmortems: 1 } });
    const [file] = filesIn(remote, 'postmortems');
    const text = showOnMain(remote, `postmortems/${file}`);
    expect(text).toContain(
      'impact:\n  start: 2026-11-19T08:00:00.000Z\n  end: 2026-11-19T08:30:00.000Z\n  share: 0.4\n',
    );

    expect(invokeOk(bo, 'repo.sync', {})).toMatchObject({ ok: true, received: { postmortems: 1 } });
    const boIncident = invokeOk(bo, 'incidents.list', {}).find((i) => i.id === incident.id);
    expect(boIncident?.impact).toEqual({
      start: '2026-11-19T08:00:00.000Z',
      end: '2026-11-19T08:30:00.000Z',
      share: 0.4,
    });
    // 12 bad minutes of a 43.2-minute budget (0.1% of 30 days): 27.8% used, on both devices.
    const [annBudget] = budget(ann);
    expect(annBudget?.incidents).toEqual([{ id: incident.id, share: 0.4, cost: expect.closeTo(12 / 43.2, 12) }]);
    expect(annBudget?.remainingMinutes).toBeCloseTo(43.2 - 12, 9);
    expect(budget(bo)).toEqual(budget(ann));

    // Bo makes it a full outage of 20 minutes; Ann sees it as `full`.
    t += 60_000;
    invokeOk(bo, 'incidents.update', { id: incident.id, impactEnd: '2026-11-19T08:20:00Z', impactShare: 1 });
    invokeOk(bo, 'repo.sync', {});
    expect(showOnMain(remote, `postmortems/${file}`)).toContain('  end: 2026-11-19T08:20:00.000Z\n  share: full\n');
    invokeOk(ann, 'repo.sync', {});
    expect(budget(ann)[0]?.incidents).toEqual([{ id: incident.id, share: 1, cost: expect.closeTo(20 / 43.2, 12) }]);
    expect(budget(ann)).toEqual(budget(bo));

    // Ann clears it: the front matter loses its impact and Bo's budget is whole again.
    t += 60_000;
    invokeOk(ann, 'incidents.update', { id: incident.id, impactStart: null });
    invokeOk(ann, 'repo.sync', {});
    expect(showOnMain(remote, `postmortems/${file}`)).not.toContain('impact:');
    invokeOk(bo, 'repo.sync', {});
    expect(budget(bo)[0]).toMatchObject({ consumed: 0, incidents: [] });
  });

  it('reads a file without impact as before, and one written by hand with impact', () => {
    const remote = bareRepository();
    const clock = (): number => Date.parse('2026-11-20T10:00:00Z');
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock);
    invokeOk(ann, 'slos.save', { name: 'search', service: 'search', target: 0.99, window: '28d' });
    invokeOk(ann, 'repo.sync', {});
    // A postmortem file as the app wrote it before impact existed (no impact key at all).
    const before = `---
id: pm-old
title: Index lag
status: draft
severity: 2
services:
  - search
authors:
  - ann
template: default
timeZone: UTC
created: 2026-11-18T09:00:00.000Z
updated: 2026-11-18T09:00:00.000Z
published: null
incident:
  id: inc-old
  title: Index lag
  started: 2026-11-18T08:00:00.000Z
  detected: null
  mitigated: null
  resolved: null
  pages: []
actionItems: []
---

## What Happened

The index lagged.
`;
    const parsed = readPostmortemFile(before);
    expect(parsed.meta?.impact).toBeNull();
    expect(writePostmortemFile(parsed.meta!, parsed.body)).toBe(before);
    pushByHand(remote, (dir) => {
      fs.mkdirSync(path.join(dir, 'postmortems'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'postmortems/2026-11-18-index-lag.md'), before);
      fs.writeFileSync(
        path.join(dir, 'postmortems/2026-11-18-search-down.md'),
        before
          .replaceAll('pm-old', 'pm-hand')
          .replaceAll('inc-old', 'inc-hand')
          .replace(
            'actionItems: []\n',
            'actionItems: []\nimpact:\n  start: 2026-11-18T08:00:00Z\n  end: 2026-11-18T09:00:00Z\n  share: full\n',
          ),
      );
    });
    const bo = teammateDevice(remote, 'Bo Okafor', 'bo', clock);
    const result = invokeOk(bo, 'repo.sync', {});
    expect(result.problems).toEqual([]);
    const incidents = invokeOk(bo, 'incidents.list', {});
    expect(incidents.find((i) => i.id === 'inc-old')?.impact).toBeNull();
    expect(incidents.find((i) => i.id === 'inc-hand')?.impact).toEqual({
      start: '2026-11-18T08:00:00.000Z',
      end: '2026-11-18T09:00:00.000Z',
      share: 1,
    });
    // 60 bad minutes of 403.2 (1% of 28 days).
    expect(budget(bo)[0]?.incidents).toEqual([{ id: 'inc-hand', share: 1, cost: expect.closeTo(60 / 403.2, 12) }]);
  });

  it('refuses an impact that ends before it starts, naming the file and field', () => {
    const remote = bareRepository();
    const clock = (): number => Date.parse('2026-11-20T10:00:00Z');
    const ann = teammateDevice(remote, 'Ann Berg', 'ann', clock);
    invokeOk(ann, 'repo.sync', {});
    pushByHand(remote, (dir) => {
      fs.mkdirSync(path.join(dir, 'postmortems'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'postmortems/2026-11-18-bad.md'),
        `---\nid: pm-bad\ntitle: Bad\nstatus: draft\ncreated: 2026-11-18T09:00:00Z\nincident:\n  id: inc-bad\n  title: Bad\n  started: 2026-11-18T08:00:00Z\nimpact:\n  start: 2026-11-18T09:00:00Z\n  end: 2026-11-18T08:00:00Z\n  share: 0.5\n---\n\n## What Happened\n\nx\n`,
      );
    });
    const result = invokeOk(ann, 'repo.sync', {});
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: 'postmortems/2026-11-18-bad.md',
        message: expect.stringMatching(/impact\.end.*after start/),
      }),
    ]);
    expect(invokeOk(ann, 'incidents.list', {})).toEqual([]);
  });
});
