import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationNames } from '../shared/contract';
import { invoke, invokeOk, tempWorkstation } from './helpers';

const goodPage = { service: 'payments-api', severity: 2, summary: 'p99 latency above 800ms' };

describe('the contract', () => {
  // Each row: operation, input, the field the error must name.
  const cases: [string, unknown, string][] = [
    ['pages.add', { ...goodPage, severity: 0 }, 'severity'],
    ['pages.add', { ...goodPage, severity: 6 }, 'severity'],
    ['pages.add', { ...goodPage, severity: 2.5 }, 'severity'],
    ['pages.add', { ...goodPage, severity: '2' }, 'severity'],
    ['pages.add', { service: 'x', summary: 'y' }, 'severity'],
    ['pages.add', { ...goodPage, summary: '   ' }, 'summary'],
    ['pages.add', { ...goodPage, summary: 'x'.repeat(501) }, 'summary'],
    ['pages.add', { ...goodPage, service: '' }, 'service'],
    ['pages.add', { ...goodPage, receivedAt: 'yesterday' }, 'receivedAt'],
    ['pages.add', { ...goodPage, receivedAt: '2026-11-23T03:12:00' }, 'receivedAt'],
    [
      'pages.add',
      { ...goodPage, receivedAt: '2026-11-23T03:12:00Z', acknowledgedAt: '2026-11-23T03:00:00Z' },
      'acknowledgedAt',
    ],
    [
      'pages.add',
      { ...goodPage, receivedAt: '2026-11-23T03:12:00Z', resolvedAt: '2026-11-22T03:00:00Z' },
      'resolvedAt',
    ],
    ['pages.add', { ...goodPage, zone: 'Mars/Olympus_Mons' }, 'zone'],
    ['pages.add', { ...goodPage, triage: 'maybe' }, 'triage'],
    ['pages.add', { ...goodPage, minutesSpent: -5 }, 'minutesSpent'],
    ['pages.add', { ...goodPage, minutesSpent: 100000 }, 'minutesSpent'],
    ['pages.add', { ...goodPage, tags: ['ok', ''] }, 'tags.1'],
    ['pages.add', { ...goodPage, sleepHour: 'yes' }, 'sleepHour'],
    ['pages.add', { ...goodPage, source: 'pagerduty' }, 'source'],
    ['pages.add', { ...goodPage, colour: 'red' }, 'colour'],
    ['history.preview', { files: [] }, 'files'],
    ['history.preview', { files: [{ name: 'a.json' }] }, 'files.0'],
    ['history.apply', { files: [{ name: 'a.json', text: '{}' }], format: 'splunk' }, 'format'],
    ['history.apply', { files: [{ name: 'a.json', text: '{}' }], severityMap: { high: 7 } }, 'severityMap.high'],
    ['history.preview', { files: [{ pull: 'pagerduty-../../x', name: 'incidents-00000000.json' }] }, 'files.0.pull'],
    ['history.preview', { files: [{ pull: 'pagerduty-0123456789abcdef', name: '../oncall.db' }] }, 'files.0.name'],
    ['history.pull', { platform: 'splunk', since: '2026-01-01' }, 'platform'],
    ['history.pull', { platform: 'pagerduty', since: '2026-01-01', token: 'two words' }, 'token'],
    ['history.pull', { platform: 'pagerduty', since: '2026-01-01', remember: 'yes' }, 'remember'],
    ['history.pull', { platform: 'pagerduty', since: '2026-01-01', colour: 'red' }, 'colour'],
    ['history.pull', { platform: 'pagerduty', since: 'someday' }, 'since'],
    ['history.pullStatus', { all: true }, 'all'],
    ['history.pullCancel', { id: 'x' }, 'id'],
    ['history.forgetToken', { platform: 'pagerduty' }, 'baseUrl'],
    ['triage.queue', { limit: 0 }, 'limit'],
    ['triage.set', { ids: [], triage: 'noise' }, 'ids'],
    ['triage.set', { ids: ['p1'], triage: 'maybe' }, 'triage'],
    ['triage.rulePreview', { rule: { summary: 'Disk full', colour: 'red' } }, 'colour'],
    ['triage.rulePreview', { rule: {} }, 'rule'],
    ['triage.ruleApply', { rule: { service: 'payments-api' }, triage: null }, 'triage'],
    ['pages.update', { patch: {} }, 'id'],
    ['pages.update', { id: 'x', patch: { severity: 9 } }, 'patch.severity'],
    ['pages.update', { id: 'x', patch: { owner: 'ann' } }, 'owner'],
    ['pages.remove', {}, 'id'],
    ['pages.remove', { id: '' }, 'id'],
    ['pages.restore', { id: 42 }, 'id'],
    ['pages.get', { id: 'x'.repeat(65) }, 'id'],
    ['pages.list', { limit: 0 }, 'limit'],
    ['pages.list', { limit: 5000 }, 'limit'],
    ['pages.list', { since: 'last week' }, 'since'],
    ['pages.list', { triage: 'all' }, 'triage'],
    ['pages.list', { severity: 8 }, 'severity'],
    ['pages.count', { since: 'last week' }, 'since'],
    ['pages.count', { triage: 'all' }, 'triage'],
    ['me.week', { at: 'monday' }, 'at'],
    ['people.save', { name: 'Ann', handle: 'Ann Berg', timeZone: 'Europe/Berlin' }, 'handle'],
    ['people.save', { name: 'Ann', handle: 'ann', timeZone: 'Berlin' }, 'timeZone'],
    [
      'people.save',
      { name: 'Ann', handle: 'ann', timeZone: 'UTC', sleepHours: { start: '25:00', end: '07:00', days: [1] } },
      'sleepHours.start',
    ],
    ['me.set', {}, 'id'],
    ['toil.add', { minutes: 0, category: 'data fix', description: 'x' }, 'minutes'],
    ['toil.add', { minutes: 1441, category: 'data fix', description: 'x' }, 'minutes'],
    ['toil.add', { minutes: 30, category: 'data fix', description: '' }, 'description'],
    ['toil.add', { minutes: 30, category: 'data fix', description: 'x', day: '23/11/2026' }, 'day'],
    [
      'toil.add',
      { minutes: 30, category: 'data fix', description: 'x', automationEffortHours: -2 },
      'automationEffortHours',
    ],
    ['toil.add', { minutes: 30, category: 'no such category', description: 'x' }, 'category'],
    ['toil.quickAdd', { line: '' }, 'line'],
    ['toil.quickAdd', { line: 'soon-ish alert triage' }, 'line'],
    ['toil.quickAdd', { line: '-30m alert triage' }, 'line'],
    ['toil.update', { id: 'x', patch: { minutes: -1 } }, 'patch.minutes'],
    ['toil.remove', {}, 'id'],
    ['toil.restore', { id: '' }, 'id'],
    ['toil.list', { scope: 'everyone' }, 'scope'],
    ['toil.timer.get', { running: true }, 'running'],
    ['toil.timer.start', { description: '' }, 'description'],
    ['toil.timer.stop', { minutes: 0 }, 'minutes'],
    ['toil.report', { quarter: '2026-Q4' }, 'quarter'],
    ['toil.categories', { all: true }, 'all'],
    ['toil.categories.add', { name: ' ' }, 'name'],
    ['toil.capacity.set', { hours: 200 }, 'hours'],
    ['toil.capacity.set', { week: 'next week', hours: 0 }, 'week'],
    ['toil.capacity.list', { from: 'today' }, 'from'],
    ['toil.settings', { countPageTime: 'yes' }, 'countPageTime'],
    ['toil.recurring.suggest', { quarter: 'Q4' }, 'quarter'],
    ['toil.recurring.confirm', { title: 'deploys', entryIds: ['a'] }, 'entryIds'],
    [
      'rotations.save',
      {
        name: 'P',
        timeZone: 'Europe/Berlin',
        start: '2026-11-02 09:00',
        shiftLength: 1,
        shiftUnit: 'weeks',
        members: [{ handle: 'a' }],
      },
      'start',
    ],
    [
      'rotations.save',
      {
        name: 'P',
        timeZone: 'Berlin',
        start: '2026-11-02T09:00',
        shiftLength: 1,
        shiftUnit: 'weeks',
        members: [{ handle: 'a' }],
      },
      'timeZone',
    ],
    [
      'rotations.save',
      {
        name: 'P',
        timeZone: 'UTC',
        start: '2026-11-02T09:00',
        shiftLength: 0,
        shiftUnit: 'weeks',
        members: [{ handle: 'a' }],
      },
      'shiftLength',
    ],
    [
      'rotations.save',
      {
        name: 'P',
        timeZone: 'UTC',
        start: '2026-11-02T09:00',
        shiftLength: 1,
        shiftUnit: 'months',
        members: [{ handle: 'a' }],
      },
      'shiftUnit',
    ],
    [
      'rotations.save',
      { name: 'P', timeZone: 'UTC', start: '2026-11-02T09:00', shiftLength: 1, shiftUnit: 'days', members: [] },
      'members',
    ],
    ['rotations.list', { all: 1 }, 'all'],
    ['rotations.shifts', { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'to'],
    ['rotations.shifts', { from: '2026-11-02T00:00:00Z', to: '2036-11-01T00:00:00Z' }, 'to'],
    ['rotations.now', { at: 'now' }, 'at'],
    ['rotations.check', { rotation: 'P', weeks: 100 }, 'weeks'],
    ['overrides.add', { rotation: 'P', handle: 'a', from: '2026-11-02T00:00:00Z', to: '2026-11-02T00:00:00Z' }, 'to'],
    ['overrides.remove', {}, 'id'],
    ['rotations.import', { rotation: 'P', ics: 1 }, 'ics'],
    ['rotations.export', { rotation: '' }, 'rotation'],
    ['dashboard.get', { from: 'last month', to: '2026-11-01T00:00:00Z' }, 'from'],
    ['dashboard.get', { from: '2026-11-01T00:00:00Z', to: '2026-10-01T00:00:00Z' }, 'to'],
    ['dashboard.get', { from: '2020-01-01T00:00:00Z', to: '2026-10-01T00:00:00Z' }, 'to'],
    ['dashboard.get', { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z', scope: 'mine' }, 'scope'],
    ['report.review', { kind: 'yearly' }, 'kind'],
    ['report.review', { kind: 'weekly', at: 'friday' }, 'at'],
    ['report.onCallHours', { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z', team: '' }, 'team'],
    ['targets.get', { team: 7 }, 'team'],
    ['holidays.list', { team: '' }, 'team'],
    ['desktop.preferences', { theme: 'dark' }, 'theme'],
    ['desktop.setPreferences', { quickLogShortcut: 'Ctrl+V' }, 'quickLogShortcut'],
    ['desktop.setPreferences', { theme: 'sepia' }, 'theme'],
    ['desktop.setPreferences', { remindersOff: ['shift-soon', 'nap'] }, 'remindersOff.1'],
    ['desktop.setPreferences', { startAtLogin: 'yes' }, 'startAtLogin'],
    ['holidays.add', { date: '2026-02-30', name: 'Not a day' }, 'date'],
    ['holidays.add', { date: '2026-12-25', name: '  ' }, 'name'],
    ['holidays.add', { date: '2026-12-25', name: 'Christmas\nEve' }, 'name'],
    ['holidays.remove', { date: 'tomorrow' }, 'date'],
    ['holidays.import', { ics: 7 }, 'ics'],
    ['slos.list', { all: true }, 'all'],
    ['slos.get', { name: 'Not A Name' }, 'name'],
    ['slos.save', { name: 'checkout', target: 1 }, 'target'],
    ['slos.save', { name: 'checkout', atRisk: 0 }, 'atRisk'],
    ['slos.import', { document: 7 }, 'document'],
    ['slos.remove', { name: '' }, 'name'],
    ['slos.importData', { name: 'checkout', days: [{ day: '2026-11-01', good: 5, total: 4 }] }, 'days.0.good'],
    ['slos.importData', { name: 'checkout', days: [] }, 'days'],
    ['slos.status', { at: 'now' }, 'at'],
    ['incidents.update', { id: 'x', impactShare: 1.3 }, 'impactShare'],
    ['targets.set', { targets: { topShareMax: 0 } }, 'targets.topShareMax'],
    ['targets.set', { targets: { actionablePagesPerWeek: -1 } }, 'targets.actionablePagesPerWeek'],
    ['targets.set', { targets: { toilShare: 0.5 } }, 'toilShare'],
    ['teams.save', { name: '' }, 'name'],
    ['teams.save', { name: 'Platform', targets: { toilShare: 2 } }, 'targets.toilShare'],
    ['teams.list', { all: true }, 'all'],
    ['teams.join', { team: '' }, 'team'],
    ['teams.join', { team: 'Payments', handle: '' }, 'handle'],
    ['incidents.create', { pages: [], title: 'x', severity: 2 }, 'pages'],
    ['incidents.create', { pages: ['p'], title: 'x', severity: 0 }, 'severity'],
    ['incidents.list', { all: 1 }, 'all'],
    ['incidents.update', { id: 'i', resolvedAt: 'later' }, 'resolvedAt'],
    ['templates.list', { all: 1 }, 'all'],
    ['templates.save', { name: '../etc', markdown: '## A' }, 'name'],
    ['postmortems.create', { template: 'Not A Name' }, 'template'],
    ['postmortems.create', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['postmortems.list', { all: 1 }, 'all'],
    ['postmortems.get', {}, 'id'],
    ['postmortems.save', { id: 'p', body: 3 }, 'body'],
    ['postmortems.update', { id: 'p', status: 'final' }, 'status'],
    ['postmortems.revisions', { id: '' }, 'id'],
    ['postmortems.version', { id: '' }, 'id'],
    ['postmortems.restore', { id: 'p', revision: 0 }, 'revision'],
    ['postmortems.export', { id: 'p', format: 'pdf' }, 'format'],
    ['postmortems.import', { markdown: null }, 'markdown'],
    ['postmortems.previewImport', { html: 3 }, 'html'],
    ['actions.save', { postmortem: 'p', title: '' }, 'title'],
    ['actions.save', { postmortem: 'p', title: 'x', due: 'Friday' }, 'due'],
    ['actions.save', { postmortem: 'p', title: 'x', link: 'javascript:alert(1)' }, 'link'],
    ['actions.save', { postmortem: 'p', title: 'x', owner: 'two words' }, 'owner'],
    ['actions.setStatus', { id: 'a', status: 'wont_do' }, 'reason'],
    ['actions.remove', {}, 'id'],
    ['actions.list', { status: 'late' }, 'status'],
    ['postmortems.quality', { from: 'last year' }, 'from'],
    ['repo.connect', { url: '' }, 'url'],
    ['repo.connect', { url: '--upload-pack=sh' }, 'url'],
    ['repo.status', { verbose: true }, 'verbose'],
    ['repo.sync', { force: true }, 'force'],
    ['repo.conflicts', { all: 1 }, 'all'],
    ['repo.resolveConflict', { id: 1, action: 'merge' }, 'action'],
  ];

  it.each(cases)('%s rejects %j naming %s', (operation, input, field) => {
    const ws = tempWorkstation();
    const result = invoke(ws, operation, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid_input');
    expect(result.error.field).toBe(field);
    expect(result.error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('every operation is covered by the table above', () => {
    const covered = new Set(cases.map(([operation]) => operation));
    expect(operationNames.filter((name) => !covered.has(name) && !['app.info', 'people.list'].includes(name))).toEqual(
      [],
    );
  });

  it('an unknown operation is refused by name', () => {
    const result = invoke(tempWorkstation(), 'pages.drop', {});
    expect(result).toEqual({
      ok: false,
      error: { kind: 'unknown_operation', message: 'There is no operation called "pages.drop".' },
    });
  });

  it('random junk never crashes an operation or changes the store', () => {
    const ws = tempWorkstation();
    invokeOk(ws, 'pages.add', goodPage);
    const before = ws.ctx.db.prepare('SELECT * FROM pages').all();
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...operationNames.filter(
            (n) =>
              ![
                'pages.add',
                'people.save',
                'me.set',
                'toil.categories.add',
                'toil.settings',
                'toil.capacity.set',
              ].includes(n),
          ),
        ),
        fc.anything(),
        (operation, junk) => {
          const result = invoke(ws, operation, junk);
          if (!result.ok) expect(['invalid_input', 'not_found']).toContain(result.error.kind);
        },
      ),
      { numRuns: 600 },
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            service: fc.anything(),
            // Never a valid severity, so no junk can pass by luck.
            severity: fc.anything().filter((v) => !(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5)),
            summary: fc.anything(),
          },
          { requiredKeys: ['severity'] },
        ),
        (junk) => {
          const result = invoke(ws, 'pages.add', junk);
          expect(result.ok ? 'ok' : result.error.kind).toBe('invalid_input');
        },
      ),
      { numRuns: 300 },
    );
    expect(ws.ctx.db.prepare('SELECT * FROM pages').all()).toEqual(before);
  });
});
