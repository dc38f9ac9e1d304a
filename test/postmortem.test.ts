// The postmortem studio below the UI: sections and timeline, the file format, and the operations
// against a real temp store (incidents from pages, templates, autosave and revisions, action
// items, import and export, quality figures).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintPostmortem } from '../shared/domain/blameless/postmortem-lint';
import {
  formatActionLine,
  formatTimeline,
  joinSections,
  parseActionLines,
  parseTimeline,
  retimeTimeline,
  sortTimeline,
  splitSections,
} from '../shared/domain/postmortem/document';
import { readPostmortemFile, PostmortemFileError } from '../shared/domain/postmortem/file';
import { parseTemplate, TemplateError } from '../shared/domain/postmortem/templates';
import { openStore } from '../electron/store/db';
import { latestVersion, migrations } from '../electron/store/migrations';
import { invoke, invokeOk, tempDir, tempWorkstation } from './helpers';
import path from 'node:path';

const ready = `## What Happened

_Times are in UTC (UTC+00:00)._

- 2026-11-08 03:21 Page received: checkout latency above 2 s.
- 2026-11-08 03:40 Rollback of the config change finished.

## Why It Happened

1. Checkout slowed because the connection pool was sized for last year's traffic.
2. The pool was exhausted because retries from the mobile client have no backoff.
3. Retries piled up because the load balancer health check ignores pool exhaustion.
4. The alert fired late because its threshold averages over 15 minutes.
5. The rollback took 19 minutes because config changes have no one-click revert.

## What Teams Are Changing

`;

function workstationWithPages(now = Date.parse('2026-11-10T09:00:00Z')) {
  let clock = now;
  const ws = tempWorkstation({ now: () => clock });
  const ann = invokeOk(ws, 'people.save', { name: 'Ann Berg', handle: 'ann', timeZone: 'Europe/Berlin' });
  invokeOk(ws, 'me.set', { id: ann.id });
  const first = invokeOk(ws, 'pages.add', {
    service: 'checkout',
    severity: 2,
    summary: 'checkout latency p99 above 2 s',
    receivedAt: '2026-11-08T02:21:00Z',
    acknowledgedAt: '2026-11-08T02:25:00Z',
    resolvedAt: '2026-11-08T03:40:00Z',
  });
  const second = invokeOk(ws, 'pages.add', {
    service: 'payments-api',
    severity: 3,
    summary: 'payments error rate above 2%',
    receivedAt: '2026-11-08T02:30:00Z',
  });
  return { ws, first, second, tick: (ms: number) => (clock += ms) };
}

describe('postmortem documents', () => {
  it('splits into sections and joins back byte for byte, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.constantFrom('## A\n', '## Why It Happened\n', '```\n', '\n', '- x\n', '# T\n'), fc.string()),
        ),
        (parts) => {
          const text = parts.join('');
          expect(joinSections(splitSections(text))).toBe(text);
        },
      ),
    );
    const sections = splitSections('intro\n## What Happened\n\nx\n```\n## not a heading\n```\n## Why\ny\n');
    expect(sections.map((s) => s.title)).toEqual(['', 'What Happened', 'Why']);
  });

  it('keeps the timeline sorted and rewrites it in another zone, naming the zone', () => {
    const body = formatTimeline(
      [
        { at: Date.parse('2026-03-29T01:30:00Z'), text: 'Second' },
        { at: Date.parse('2026-03-29T00:30:00Z'), text: 'First' },
        { at: null, text: 'A note without a time' },
      ],
      'Europe/Berlin',
    );
    // 00:30Z is 01:30 CET; 01:30Z is 03:30 CEST (the clocks went forward at 01:00Z).
    expect(body).toBe(
      '_Times are in Europe/Berlin (UTC+01:00)._\n\n- 2026-03-29 01:30 First\n- A note without a time\n- 2026-03-29 03:30 Second',
    );
    const entries = parseTimeline(body, 'Europe/Berlin');
    expect(entries.map((e) => e.at && new Date(e.at).toISOString())).toEqual([
      '2026-03-29T00:30:00.000Z',
      null,
      '2026-03-29T01:30:00.000Z',
    ]);
    expect(retimeTimeline(body, 'Europe/Berlin', 'America/New_York')).toBe(
      '_Times are in America/New_York (UTC-04:00)._\n\n- 2026-03-28 20:30 First\n- A note without a time\n- 2026-03-28 21:30 Second',
    );
    expect(
      sortTimeline([
        { at: 5, text: 'b' },
        { at: null, text: 'after b' },
        { at: 1, text: 'a' },
      ]).map((e) => e.text),
    ).toEqual(['a', 'b', 'after b']);
  });

  it('writes and reads action-item lines', () => {
    const line = formatActionLine({
      title: 'Add a dry-run step to the migration pipeline',
      owner: 'platform-team',
      due: '2026-12-01',
      because: 2,
      status: 'wont_do',
      reason: 'replaced by the new deploy tool',
      link: 'https://tickets.example/OPS-1',
    });
    expect(line).toBe(
      '- Add a dry-run step to the migration pipeline — owner: @platform-team, due: 2026-12-01, because: 2 — won’t do: replaced by the new deploy tool — <https://tickets.example/OPS-1>',
    );
    expect(
      parseActionLines(
        `${line}\n- [x] Alert on pool saturation owner: @bo due 2026-11-30 because #4\n- Be more careful`,
      ),
    ).toEqual([
      {
        title: 'Add a dry-run step to the migration pipeline',
        owner: 'platform-team',
        due: '2026-12-01',
        because: 2,
        status: 'wont_do',
        reason: 'replaced by the new deploy tool',
        link: 'https://tickets.example/OPS-1',
      },
      {
        title: 'Alert on pool saturation owner: @bo due 2026-11-30 because #4',
        owner: 'bo',
        due: '2026-11-30',
        because: 4,
        status: 'done',
        reason: '',
        link: null,
      },
      { title: 'Be more careful', owner: null, due: null, because: null, status: 'open', reason: '', link: null },
    ]);
  });

  it('reads team templates and refuses ones without sections', () => {
    const t = parseTemplate(
      'short',
      '# Short\nFor small incidents.\n\n## Impact\nWho noticed?\n\n## Why It Happened\n',
    );
    expect(t.sections).toEqual([
      { title: 'Impact', guidance: 'Who noticed?' },
      { title: 'Why It Happened', guidance: '' },
    ]);
    expect(t.description).toBe('For small incidents.');
    expect(() => parseTemplate('x', 'just text')).toThrow(TemplateError);
    expect(() => parseTemplate('x', '## A\n## a\n')).toThrow(/appears twice/);
  });

  it('names the field at fault in broken front matter', () => {
    const bad = (yaml: string): string => {
      try {
        readPostmortemFile(`---\n${yaml}\n---\n## What Happened\n`);
        return 'no error';
      } catch (error) {
        expect(error).toBeInstanceOf(PostmortemFileError);
        return (error as Error).message;
      }
    };
    const base = 'id: a\ntitle: T\nstatus: draft\ncreated: 2026-11-08T00:00:00Z';
    expect(bad(`${base}\nstatus: done`)).toMatch(/not valid YAML|status/);
    expect(bad('id: a\ntitle: T\nstatus: done\ncreated: 2026-11-08T00:00:00Z')).toBe(
      'front matter: status: must be draft, review or published',
    );
    expect(bad(`${base}\nmood: good`)).toBe('front matter: mood: is not a known field');
    expect(bad(`${base}\nactionItems:\n  - id: x\n    title: Fix\n    due: soon`)).toBe(
      'front matter: actionItems.0.due: must be a date as YYYY-MM-DD',
    );
    expect(bad(`${base}\nactionItems:\n  - id: x\n    title: Fix\n    link: "javascript:alert(1)"`)).toBe(
      'front matter: actionItems.0.link: must be an http(s) URL',
    );
    expect(bad('title: [unclosed')).toMatch(/^front matter is not valid YAML/);
  });
});

describe('postmortem operations', () => {
  it('creates an incident from pages and a postmortem whose timeline is pre-filled, in the author’s zone', () => {
    const { ws, first, second } = workstationWithPages();
    const incident = invokeOk(ws, 'incidents.create', {
      pages: [second.id, first.id],
      title: 'Checkout slow at night',
      severity: 2,
    });
    expect(incident).toMatchObject({
      services: ['checkout', 'payments-api'],
      startedAt: '2026-11-08T02:21:00.000Z',
      resolvedAt: null,
      expectsPostmortem: true,
    });
    const pm = invokeOk(ws, 'postmortems.create', { incident: incident.id });
    expect(pm.title).toBe('Checkout slow at night');
    expect(pm.timeZone).toBe('Europe/Berlin');
    expect(pm.body).toContain(
      [
        '## What Happened',
        '',
        '_Times are in Europe/Berlin (UTC+01:00)._',
        '',
        '- 2026-11-08 03:21 Page received: “checkout latency p99 above 2 s” (checkout, severity 2).',
        '- 2026-11-08 03:25 Page acknowledged: “checkout latency p99 above 2 s” (checkout, severity 2).',
        '- 2026-11-08 03:30 Page received: “payments error rate above 2%” (payments-api, severity 3).',
        '- 2026-11-08 04:40 Page resolved: “checkout latency p99 above 2 s” (checkout, severity 2).',
      ].join('\n'),
    );
    expect(pm.body).toContain('## Why It Happened');
    expect(pm.guidance.map((g) => g.title)).toEqual(['What Happened', 'Why It Happened', 'What Teams Are Changing']);
    expect(invokeOk(ws, 'incidents.list', {})[0]).toMatchObject({
      expectsPostmortem: false,
      postmortem: { id: pm.id, status: 'draft' },
    });
    const again = invoke(ws, 'postmortems.create', { incident: incident.id });
    expect(again).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'incident' } });
    expect(invoke(ws, 'incidents.create', { pages: ['nope'], title: 'x', severity: 2 })).toMatchObject({
      ok: false,
      error: { kind: 'not_found', field: 'pages.0' },
    });

    const berlinToTokyo = invokeOk(ws, 'postmortems.update', { id: pm.id, timeZone: 'Asia/Tokyo' });
    expect(berlinToTokyo.body).toContain('_Times are in Asia/Tokyo (UTC+09:00)._');
    expect(berlinToTokyo.body).toContain('- 2026-11-08 11:21 Page received');
  });

  it('autosaves with a revision at most once a minute, and restores an earlier one', () => {
    const { ws, tick } = workstationWithPages();
    const pm = invokeOk(ws, 'postmortems.create', { title: 'Queue backlog', template: 'sre-book' });
    expect(pm.body.match(/^## .*/gm)).toHaveLength(9);
    tick(120_000);
    invokeOk(ws, 'postmortems.save', { id: pm.id, body: `${pm.body}\nfirst words` });
    tick(10_000);
    const second = invokeOk(ws, 'postmortems.save', { id: pm.id, body: `${pm.body}\nfirst words, more` });
    expect(second.revision).toBe(2);
    tick(90_000);
    expect(invokeOk(ws, 'postmortems.save', { id: pm.id, body: `${pm.body}\nrewritten` }).revision).toBe(3);
    const revisions = invokeOk(ws, 'postmortems.revisions', { id: pm.id });
    expect(revisions.map((r) => [r.number, r.body.slice(pm.body.length)])).toEqual([
      [3, '\nrewritten'],
      [2, '\nfirst words, more'],
      [1, ''],
    ]);
    const restored = invokeOk(ws, 'postmortems.restore', { id: pm.id, revision: 2 });
    expect(restored.body).toBe(`${pm.body}\nfirst words, more`);
    expect(restored.revision).toBe(4);
    expect(invoke(ws, 'postmortems.restore', { id: pm.id, revision: 99 })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
  });

  it('writes the action-item list from the action items, which the coach then checks', () => {
    const { ws, tick } = workstationWithPages();
    const pm = invokeOk(ws, 'postmortems.create', { title: 'Pool exhaustion' });
    invokeOk(ws, 'postmortems.save', { id: pm.id, body: ready });
    const vague = invokeOk(ws, 'actions.save', { postmortem: pm.id, title: 'Be more careful with config' });
    let body = invokeOk(ws, 'postmortems.get', { id: pm.id }).body;
    expect(body.endsWith('## What Teams Are Changing\n\n- Be more careful with config\n')).toBe(true);
    let lint = lintPostmortem(body);
    expect(lint.checks.find((c) => c.rule === 'action-items')).toMatchObject({ passed: false, count: 2 });

    invokeOk(ws, 'actions.save', {
      postmortem: pm.id,
      id: vague.id,
      title: 'Size the connection pool from measured peak traffic',
      owner: '@ann',
      due: '2026-11-20',
      because: 1,
    });
    const second = invokeOk(ws, 'actions.save', {
      postmortem: pm.id,
      title: 'Add backoff to mobile client retries',
      owner: 'mobile-team',
      due: '2026-12-15',
      because: 2,
      link: 'https://tickets.example/MOB-7',
    });
    body = invokeOk(ws, 'postmortems.get', { id: pm.id }).body;
    lint = lintPostmortem(body);
    expect(lint.ready).toBe(true);
    expect(lint.passed).toBe(6);

    tick(11 * 86_400_000); // 2026-11-21: the first is overdue
    expect(invokeOk(ws, 'actions.list', { overdue: true }).map((a) => a.title)).toEqual([
      'Size the connection pool from measured peak traffic',
    ]);
    expect(invoke(ws, 'actions.setStatus', { id: second.id, status: 'wont_do' })).toMatchObject({
      ok: false,
      error: { field: 'reason' },
    });
    invokeOk(ws, 'actions.setStatus', { id: second.id, status: 'wont_do', reason: 'the client is being retired' });
    expect(invokeOk(ws, 'postmortems.get', { id: pm.id }).body).toContain(
      '— won’t do: the client is being retired — <https://tickets.example/MOB-7>',
    );
    expect(invokeOk(ws, 'actions.list', { owner: 'mobile-team' })[0]).toMatchObject({ status: 'wont_do' });
    invokeOk(ws, 'actions.remove', { id: second.id });
    expect(invokeOk(ws, 'postmortems.get', { id: pm.id }).actionItems).toHaveLength(1);
  });

  it('exports Markdown with front matter; export → import → export is byte-identical, in this store or a fresh one', () => {
    const { ws, first } = workstationWithPages();
    const incident = invokeOk(ws, 'incidents.create', { pages: [first.id], title: 'Checkout: slow', severity: 1 });
    const pm = invokeOk(ws, 'postmortems.create', { incident: incident.id });
    invokeOk(ws, 'actions.save', {
      postmortem: pm.id,
      title: 'Alert on pool saturation',
      owner: 'ann',
      due: '2026-12-01',
      because: 3,
    });
    const exported = invokeOk(ws, 'postmortems.export', { id: pm.id });
    expect(exported.fileName).toBe('2026-11-08-checkout-slow.md');
    expect(
      exported.markdown.startsWith(`---\nid: ${pm.id}\ntitle: "Checkout: slow"\nstatus: draft\nseverity: 1\n`),
    ).toBe(true);
    const again = invokeOk(ws, 'postmortems.import', { markdown: exported.markdown });
    expect(again.created).toBe(false);
    expect(invokeOk(ws, 'postmortems.export', { id: pm.id }).markdown).toBe(exported.markdown);

    const fresh = tempWorkstation();
    const imported = invokeOk(fresh, 'postmortems.import', { markdown: exported.markdown });
    expect(imported.created).toBe(true);
    expect(imported.postmortem.incident).toMatchObject({ id: incident.id, pages: [first.id], severity: 1 });
    expect(invokeOk(fresh, 'postmortems.export', { id: pm.id }).markdown).toBe(exported.markdown);
  });

  it('imports a plain Markdown postmortem, and refuses bad files without changing what is stored', () => {
    const { ws } = workstationWithPages();
    const plain = `# Disk full on the build cache\n\n${ready}- Rotate build cache logs daily — owner: @ann, due: 2026-12-01, because: 1\n`;
    const result = invokeOk(ws, 'postmortems.import', { markdown: plain, fileName: 'disk.md' });
    expect(result.postmortem).toMatchObject({
      title: 'Disk full on the build cache',
      status: 'draft',
      timeZone: 'UTC',
    });
    expect(result.postmortem.actionItems).toMatchObject([{ owner: 'ann', due: '2026-12-01', because: 1 }]);
    expect(result.postmortem.body.startsWith('## What Happened')).toBe(true);

    const before = invokeOk(ws, 'postmortems.export', { id: result.postmortem.id }).markdown;
    const broken = before.replace('status: draft', 'status: finished');
    expect(invoke(ws, 'postmortems.import', { markdown: broken })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', message: 'markdown: front matter: status: must be draft, review or published' },
    });
    expect(invoke(ws, 'postmortems.import', { markdown: 'no headings here' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', field: 'markdown' },
    });
    expect(invokeOk(ws, 'postmortems.export', { id: result.postmortem.id }).markdown).toBe(before);
  });

  it('adds team templates, and counts postmortems written and published on time and actions closed on time', () => {
    const { ws, first, second, tick } = workstationWithPages();
    const saved = invokeOk(ws, 'templates.save', {
      name: 'short',
      markdown: '# Short\n\n## What Happened\nFacts.\n\n## Why It Happened\nFive because.\n',
    });
    expect(saved.sections).toHaveLength(2);
    expect(invokeOk(ws, 'templates.list', {}).map((t) => t.name)).toEqual(['default', 'sre-book', 'short']);
    expect(invoke(ws, 'templates.save', { name: 'default', markdown: '## A\n' })).toMatchObject({ ok: false });
    expect(invoke(ws, 'templates.save', { name: 'Bad Name', markdown: '## A\n' })).toMatchObject({
      ok: false,
      error: { field: 'name' },
    });

    const one = invokeOk(ws, 'incidents.create', { pages: [first.id], title: 'One', severity: 1 });
    invokeOk(ws, 'incidents.create', { pages: [second.id], title: 'Two', severity: 2 });
    invokeOk(ws, 'incidents.create', { pages: [second.id], title: 'Minor', severity: 4 });
    const pm = invokeOk(ws, 'postmortems.create', { incident: one.id, template: 'short' });
    invokeOk(ws, 'postmortems.update', { id: pm.id, status: 'published' }); // 2026-11-10: within 5 working days of 11-08
    const a = invokeOk(ws, 'actions.save', {
      postmortem: pm.id,
      title: 'Alert on saturation',
      owner: 'ann',
      due: '2026-11-12',
    });
    invokeOk(ws, 'actions.save', { postmortem: pm.id, title: 'Resize pool', owner: 'ann', due: '2026-11-13' });
    tick(86_400_000);
    invokeOk(ws, 'actions.setStatus', { id: a.id, status: 'done' });
    tick(10 * 86_400_000);
    expect(invokeOk(ws, 'postmortems.quality', {})).toEqual({
      severeIncidents: 2,
      withPostmortem: 1,
      publishedWithin5WorkingDays: 1,
      actionsDue: 2,
      actionsClosedOnTime: 1,
      overdue: 1,
      open: 1,
    });
  });

  it('migration 5 keeps a version-4 store’s pages and adds the postmortem tables', () => {
    const file = path.join(tempDir(), 'oncall.sqlite');
    const v4 = openStore(file, { migrations: migrations.filter((m) => m.version <= 4) });
    v4.prepare(
      "INSERT INTO people (id, name, handle, time_zone, working_hours, business_hours, sleep_hours, created_at, updated_at, device_id) VALUES ('p1', 'Ann', 'ann', 'UTC', '{}', '{}', '{}', 1, 1, 'd')",
    ).run();
    v4.close();
    const db = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(db.prepare('SELECT handle FROM people').all()).toEqual([{ handle: 'ann' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM postmortems').get()).toEqual({ n: 0 });
    db.close();
  });
});
