// The triage queue (#14) and what it does to the figures: targets count actionable pages only
// where the triage is known, and say plainly how many pages are not triaged.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectHistoryFormat } from '../shared/domain/history-format';
import { planImportParts } from '../shared/domain/history-parts';
import { formatOf } from '../renderer/state/history';
import { untriagedEffect, untriagedSentence } from '../shared/domain/triage';
import { checkTargets, defaultTargets } from '../shared/domain/week';
import { invoke, invokeOk, tempWorkstation, testNow } from './helpers';

const fixtures = path.join(__dirname, 'fixtures', 'history');
const text = (name: string) => ({ name, text: fs.readFileSync(path.join(fixtures, name), 'utf8') });

describe('the actionable figure with untriaged pages', () => {
  it('says how many untriaged pages would have to be actionable to miss a target met so far', () => {
    expect(untriagedEffect(1, 4, 2)).toEqual({ untriaged: 4, toMiss: 1 });
    expect(untriagedEffect(0, 1, 2)).toEqual({ untriaged: 1, toMiss: null }); // even all of it would not
    expect(untriagedEffect(3, 5, 2)).toEqual({ untriaged: 5, toMiss: null }); // missed already
    expect(untriagedEffect(1, 0, 2)).toEqual({ untriaged: 0, toMiss: null });
    // A rate: 2 a week over 1.5 on-call weeks is missed at 3 pages.
    expect(untriagedEffect(1, 3, 3)).toEqual({ untriaged: 3, toMiss: 2 });
    expect(untriagedSentence({ untriaged: 0, toMiss: null })).toBe('');
    expect(untriagedSentence({ untriaged: 1, toMiss: 1 })).toBe(
      '1 page is not triaged yet and not counted as actionable: if 1 of them needed action, the target is missed.',
    );
    expect(untriagedSentence({ untriaged: 2, toMiss: 2 })).toBe(
      '2 pages are not triaged yet and not counted as actionable: if all of them needed action, the target is missed.',
    );
  });

  it('My week’s target counts actionable pages only and names the untriaged ones', () => {
    const counts = { pages: 6, actionable: 1, noise: 1, untriaged: 4, sleepHour: 0, offHours: 0, minutesSpent: 0 };
    const [actionable, sleep] = checkTargets(counts, defaultTargets);
    expect(actionable).toMatchObject({ metric: 'actionablePages', value: 1, met: true, untriaged: 4 });
    expect(actionable?.sentence).toBe(
      '1 actionable page this week — within the target of fewer than 2. 4 pages are not triaged yet and not counted as actionable: if 1 of them needed action, the target is missed.',
    );
    expect(sleep).toMatchObject({ untriaged: 0 });
    expect(sleep?.sentence).not.toContain('triaged');
    const triaged = checkTargets({ ...counts, noise: 5, untriaged: 0 }, defaultTargets)[0];
    expect(triaged?.sentence).toBe('1 actionable page this week — within the target of fewer than 2.');
  });
});

/** Ann, on call the fortnight from Monday 2026-11-09 in UTC; now is Wednesday 2026-11-25. */
function onCallTeam() {
  const ws = tempWorkstation();
  const ann = invokeOk(ws, 'people.save', { name: 'Ann Berg', handle: 'ann', timeZone: 'UTC' });
  invokeOk(ws, 'me.set', { id: ann.id });
  invokeOk(ws, 'teams.save', { name: 'Payments', people: ['ann'] });
  invokeOk(ws, 'rotations.save', {
    name: 'Primary',
    team: 'Payments',
    timeZone: 'UTC',
    start: '2026-11-09T00:00',
    shiftLength: 1,
    shiftUnit: 'weeks',
    members: [{ handle: 'ann' }],
  });
  const add = (at: string, summary: string, service: string, triage?: 'actionable' | 'noise') =>
    invokeOk(ws, 'pages.add', { service, severity: 3, summary, receivedAt: at, ...(triage ? { triage } : {}) });
  return { ws, ann, add };
}

describe('the triage queue', () => {
  it('goes through untriaged pages newest first, counts what remains, and undoes a verdict', () => {
    const { ws, add } = onCallTeam();
    add('2026-11-23T03:00:00Z', 'Disk full on db-3', 'payments-api');
    add('2026-11-24T03:00:00Z', 'p99 latency above 800ms', 'payments-api', 'actionable');
    const newest = add('2026-11-25T03:00:00Z', 'Disk full on db-3', 'search-indexer');
    const queue = invokeOk(ws, 'triage.queue', {});
    expect(queue.remaining).toBe(2);
    expect(queue.pages.map((p) => [p.summary, p.service, p.source, p.personHandle, p.zone])).toEqual([
      ['Disk full on db-3', 'search-indexer', 'manual', 'ann', 'UTC'],
      ['Disk full on db-3', 'payments-api', 'manual', 'ann', 'UTC'],
    ]);
    expect(invokeOk(ws, 'triage.set', { ids: [newest.id], triage: 'noise' })).toEqual({ changed: 1 });
    expect(invokeOk(ws, 'triage.queue', {}).remaining).toBe(1);
    expect(invokeOk(ws, 'pages.get', { id: newest.id }).triage).toBe('noise');
    // Undo: back to not triaged.
    invokeOk(ws, 'triage.set', { ids: [newest.id], triage: null });
    expect(invokeOk(ws, 'triage.queue', {}).remaining).toBe(2);
    expect(invoke(ws, 'triage.set', { ids: ['nope'], triage: 'noise' })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
    expect(invoke(ws, 'triage.set', { ids: [newest.id], triage: 'maybe' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    });
    // Pages in pages of the queue: the cursor continues after the last one shown.
    const first = invokeOk(ws, 'triage.queue', { limit: 1 });
    expect(first.pages).toHaveLength(1);
    const rest = invokeOk(ws, 'triage.queue', { limit: 1, cursor: first.nextCursor ?? '' });
    expect(rest.pages.map((p) => p.service)).toEqual(['payments-api']);
    expect(rest.nextCursor).toBeNull();
  });

  it('previews a bulk rule’s count, applies it to untriaged pages only, and undoes it', () => {
    const { ws, add } = onCallTeam();
    add('2026-11-23T03:00:00Z', 'Disk full on db-3', 'payments-api');
    add('2026-11-23T04:00:00Z', 'Disk full on db-3', 'search-indexer');
    add('2026-11-23T05:00:00Z', 'Disk full on db-3', 'payments-api', 'actionable');
    add('2026-11-23T06:00:00Z', 'p99 latency above 800ms', 'payments-api');
    const byTitle = { summary: 'Disk full on db-3' };
    expect(invokeOk(ws, 'triage.rulePreview', { rule: byTitle })).toEqual({ matched: 2 });
    expect(invokeOk(ws, 'triage.rulePreview', { rule: { service: 'payments-api' } })).toEqual({ matched: 2 });
    expect(invokeOk(ws, 'triage.rulePreview', { rule: { ...byTitle, service: 'payments-api' } })).toEqual({
      matched: 1,
    });
    expect(invokeOk(ws, 'triage.rulePreview', { rule: { service: 'nobody-pages-me' } })).toEqual({ matched: 0 });
    expect(invoke(ws, 'triage.rulePreview', { rule: {} })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    });

    const applied = invokeOk(ws, 'triage.ruleApply', { rule: byTitle, triage: 'noise' });
    expect(applied.changed).toBe(2);
    const triageOf = () =>
      ws.ctx.db.prepare('SELECT summary, triage FROM pages ORDER BY received_at').all() as {
        summary: string;
        triage: string | null;
      }[];
    expect(triageOf().map((p) => p.triage)).toEqual(['noise', 'noise', 'actionable', null]);
    // Undo puts exactly those pages back; the one triaged by hand keeps its verdict.
    invokeOk(ws, 'triage.set', { ids: applied.ids, triage: null });
    expect(triageOf().map((p) => p.triage)).toEqual([null, null, 'actionable', null]);
  });

  it('the load targets count actionable pages only and say how many are untriaged; triage moves them', () => {
    const { ws, add } = onCallTeam();
    add('2026-11-10T03:00:00Z', 'p99 latency above 800ms', 'payments-api', 'actionable');
    for (let day = 11; day <= 15; day += 1) add(`2026-11-${day}T12:00:00Z`, 'Disk full on db-3', 'payments-api');
    const range = { from: '2026-11-09T00:00:00Z', to: '2026-11-23T00:00:00Z', scope: 'team' as const };
    const finding = () =>
      invokeOk(ws, 'dashboard.get', range).findings.find((f) => f.metric === 'actionablePerOnCallWeek');
    // Two weeks on call: the target (fewer than 2 a week) is missed at 4 actionable pages.
    expect(finding()).toMatchObject({ met: true, value: 0.5 });
    expect(finding()?.sentence).toBe(
      'The rotation averaged 0.5 actionable pages per on-call week — within the target of fewer than 2. 5 pages are not triaged yet and not counted as actionable: if 3 of them needed action, the target is missed.',
    );
    const totals = invokeOk(ws, 'dashboard.get', range).totals;
    expect(totals).toMatchObject({ pages: 6, actionable: 1, untriaged: 5 });
    // The rule marks them actionable: now the figure is known, and missed.
    invokeOk(ws, 'triage.ruleApply', { rule: { summary: 'Disk full on db-3' }, triage: 'actionable' });
    expect(finding()).toMatchObject({ met: false, value: 3 });
    expect(finding()?.sentence).not.toContain('triaged');
    // My week says it too.
    add('2026-11-24T03:00:00Z', 'Checkout error rate above 2%', 'payments-api');
    const week = invokeOk(ws, 'me.week', { at: new Date(testNow).toISOString() });
    expect(week.counts).toMatchObject({ pages: 1, actionable: 0, untriaged: 1 });
    expect(week.targets[0]).toMatchObject({ met: true, untriaged: 1 });
    expect(week.targets[0]?.sentence).toContain('1 page is not triaged yet and not counted as actionable.');
  });
});

describe('an import sent in parts', () => {
  it('keeps every file whole when they fit, and carries PagerDuty log entries with every part', () => {
    const files = ['pagerduty-incidents-1.json', 'pagerduty-incidents-2.json', 'pagerduty-log-entries.json'].map(text);
    expect(planImportParts(files, 'pagerduty').parts.map((p) => p.files.map((f) => f.name))).toEqual([
      ['pagerduty-log-entries.json', 'pagerduty-incidents-1.json', 'pagerduty-incidents-2.json'],
    ]);
    // Parts of 12,000 bytes: one incidents file each, the log entries in both.
    const small = planImportParts(files, 'pagerduty', 12_000);
    expect(small.parts.map((p) => p.files.map((f) => f.name))).toEqual([
      ['pagerduty-log-entries.json', 'pagerduty-incidents-1.json'],
      ['pagerduty-log-entries.json', 'pagerduty-incidents-2.json'],
    ]);
  });

  it('cuts a big saved response into slices whose records keep their numbers, and imports them as one', () => {
    const incidents = Array.from({ length: 1200 }, (_, i) => ({
      id: `P${i}`,
      title: `alert ${i}`,
      created_at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      status: 'resolved',
      service: { summary: 'payments-api' },
      assignments: [{ assignee: { summary: 'Ann Berg' } }],
      ...(i === 1100 ? { created_at: '2026-11-01 10:00' } : {}),
    }));
    const big = { name: 'big.json', text: JSON.stringify({ incidents, limit: 1200, offset: 0, more: false }) };
    const plan = planImportParts([big], 'pagerduty', 60_000);
    expect(plan.tooBig).toEqual([]);
    expect(plan.parts.length).toBeGreaterThan(2);
    expect(plan.parts.every((p) => p.files.every((f) => f.text.length <= 60_000))).toBe(true);
    const ws = tempWorkstation();
    let total = 0;
    const skipped: { file: string; record: number; reason: string }[] = [];
    for (const part of plan.parts) {
      const answer = invokeOk(ws, 'history.apply', { format: 'pagerduty', files: part.files });
      total += answer.new;
      skipped.push(...answer.skipped.map((s) => ({ ...s, record: s.record + (part.offsets[s.file] ?? 0) })));
    }
    expect(total).toBe(1199);
    expect(skipped).toEqual([
      { file: 'big.json', record: 1100, reason: expect.stringContaining('has no time zone') as string },
    ]);
    // Bytes as sent count, not characters: 20,000 characters of Japanese are 60,000 bytes.
    const kanji = { name: 'jp.csv', text: '障害'.repeat(10_000) };
    expect(planImportParts([kanji], 'csv', 50_000).tooBig).toEqual(['jp.csv']);
    expect(planImportParts([kanji], 'csv', 70_000).parts).toHaveLength(1);
    // A CSV cannot be cut: named as too big.
    expect(planImportParts([{ name: 'big.csv', text: 'x'.repeat(100) }], 'csv', 50).tooBig).toEqual(['big.csv']);
  });
});

describe('the Import panel’s check of the files dropped', () => {
  const chosen = (name: string, text: string) => ({
    name,
    size: text.length,
    text,
    format: detectHistoryFormat(name, text),
  });
  it('names the file that is of no known format, or of another platform than the first', () => {
    const pd = chosen('incidents.json', text('pagerduty-incidents-1.json').text);
    const og = chosen('alerts.json', text('opsgenie-alerts.json').text);
    const notes = chosen('notes.json', '{"hello": "world"}');
    expect([pd.format, og.format, notes.format]).toEqual(['pagerduty', 'opsgenie', null]);
    expect(formatOf([pd])).toEqual({ format: 'pagerduty' });
    expect(formatOf([pd, og])).toEqual({
      problem: {
        message: 'alerts.json is Opsgenie but incidents.json is PagerDuty: import one platform at a time',
        field: 'files',
      },
    });
    expect(formatOf([pd, notes])).toMatchObject({
      problem: {
        message: expect.stringMatching(
          /^notes\.json: not a PagerDuty, Opsgenie or Grafana OnCall export, nor a CSV/,
        ) as string,
      },
    });
  });
});
