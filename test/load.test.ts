import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultBusinessHours, defaultSleepHours } from '../shared/domain/hours';
import {
  aggregatePages,
  balanceScore,
  gini,
  lorenz,
  mergeAggregates,
  offsetIntervals,
  onCallTime,
  percentile,
  percentileOfHistogram,
  topShare,
  type PageFact,
} from '../shared/domain/load';
import { writeDemo } from '../electron/demo/demo';
import { aggregatePageRange, scanPageRange } from '../electron/store/load';
import { localSlot, rebuildPageRollups } from '../electron/store/rollups';
import { getPageRow, insertPage, updatePage } from '../electron/store/pages';
import { ensureService } from '../electron/store/services';
import { invoke, invokeOk, tempWorkstation } from './helpers';
import { pageFromFact, savePersonInZone } from './load-seeding';

const hours = { working: defaultBusinessHours, sleep: defaultSleepHours };
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

describe('equity measures against known values', () => {
  it('Gini', () => {
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 10);
    expect(gini([1, 1, 1])).toBe(0);
    expect(gini([1, 2, 3, 4, 5])).toBeCloseTo(4 / 15, 10);
    expect(gini([0, 0])).toBe(0);
    expect(gini([])).toBeNull();
  });

  it('top-20% share, read off the Lorenz curve', () => {
    expect(topShare([1, 1, 1, 1, 1])).toBeCloseTo(0.2, 10);
    expect(topShare([10, 0, 0, 0, 0])).toBe(1);
    expect(topShare(Array.from({ length: 10 }, (_, i) => i + 1))).toBeCloseTo(19 / 55, 10);
    // 12 people: the top 2.4 — the top two and 0.4 of the third.
    expect(topShare([5, 4, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toBeCloseTo((5 + 4 + 0.4 * 3) / 21, 10);
    expect(topShare([0, 0, 0])).toBeNull();
  });

  it('balance (Grafana OnCall) and the Lorenz curve', () => {
    expect(balanceScore([10, 5])).toBeCloseTo(0.5, 10);
    expect(balanceScore([10, 5, 0])).toBeCloseTo(0.5 / 3, 10);
    expect(balanceScore([7])).toBeNull();
    expect(lorenz([3, 1])).toEqual([
      { people: 0, load: 0 },
      { people: 0.5, load: 0.25 },
      { people: 1, load: 1 },
    ]);
  });

  it('percentiles are nearest-rank, from values or from a histogram of whole minutes', () => {
    expect(percentile([4, 2, 10], 0.9)).toBe(10);
    expect(
      percentile(
        Array.from({ length: 10 }, (_, i) => i + 1),
        0.9,
      ),
    ).toBe(9);
    expect(
      percentileOfHistogram(
        [
          { minutes: 9, count: 1 },
          { minutes: 1, count: 8 },
          { minutes: 3, count: 1 },
        ],
        0.9,
      ),
    ).toBe(3);
    expect(percentileOfHistogram([], 0.9)).toBeNull();
  });

  const loads = fc.array(
    fc.integer({ min: 0, max: 100_000 }).map((x) => x / 100),
    { minLength: 1, maxLength: 30 },
  );

  it('are invariant under any permutation of people (property)', () => {
    fc.assert(
      fc.property(
        loads.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))),
        ([xs, shuffled]) => {
          expect(gini(shuffled)).toBeCloseTo(gini(xs) ?? 0, 9);
          expect(topShare(shuffled) ?? -1).toBeCloseTo(topShare(xs) ?? -1, 9);
          expect(balanceScore(shuffled) ?? -1).toBeCloseTo(balanceScore(xs) ?? -1, 9);
        },
      ),
    );
  });

  it('equal loads give Gini 0, balance 1 and a top-20% share of 20% (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.double({ min: 0.01, max: 1000, noNaN: true }), (n, load) => {
        const xs = Array.from({ length: n }, () => load);
        expect(gini(xs)).toBeCloseTo(0, 9);
        expect(balanceScore(xs)).toBeCloseTo(1, 9);
        expect(topShare(xs)).toBeCloseTo(0.2, 9);
      }),
    );
  });

  it('Gini stays in [0, 1) and does not change when every load is scaled (property)', () => {
    fc.assert(
      fc.property(loads, fc.double({ min: 0.1, max: 100, noNaN: true }), (xs, k) => {
        const g = gini(xs) ?? 0;
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThan(1);
        expect(gini(xs.map((x) => x * k))).toBeCloseTo(g, 9);
      }),
    );
  });
});

describe('on-call time in each person’s own zone', () => {
  it('splits a DST week into business, off and sleep hours, nights and weekends', () => {
    // Berlin springs forward at 02:00 on Sunday 29 March 2026: Ann's week is 167 hours long.
    const from = Date.parse('2026-03-23T08:00:00Z'); // Monday 09:00 CET
    const to = Date.parse('2026-03-30T07:00:00Z'); // Monday 09:00 CEST
    const time = onCallTime(
      [{ personId: 'ann', rotationId: 'r', startMs: from, endMs: to }],
      [{ personId: 'ann', timeZone: 'Europe/Berlin', ...hours }],
      from,
      to,
    ).get('ann');
    expect(time).toMatchObject({
      hours: 167,
      // Mon 09–18, Tue–Fri 08–18, next Mon 08–09.
      business: 50,
      // Seven nights of 22–08; Saturday's loses the skipped hour.
      sleep: 69,
      off: 48,
      // Saturday and Sunday, less the skipped hour.
      weekend: 47,
      nights: 7,
      weekends: 1,
      shifts: 1,
    });
  });

  it('counts a team holiday in the person’s own zone: its working hours are off hours (DST week)', () => {
    // Ann's DST week again, with two holidays: Tuesday 24 March and Sunday 29 March, the day the
    // clocks go forward (23 hours long in Berlin).
    const from = Date.parse('2026-03-23T08:00:00Z');
    const to = Date.parse('2026-03-30T07:00:00Z');
    const time = onCallTime(
      [{ personId: 'ann', rotationId: 'r', startMs: from, endMs: to }],
      [{ personId: 'ann', timeZone: 'Europe/Berlin', ...hours }],
      from,
      to,
      ['2026-03-24', '2026-03-29', '2026-04-02'],
    ).get('ann');
    expect(time).toMatchObject({
      hours: 167,
      holiday: 24 + 23,
      // Tuesday's 08–18 move from business to off hours.
      business: 40,
      off: 58,
      sleep: 69,
      weekend: 47,
    });
  });

  it('counts being on two rotations at once once, and overrides split nothing but the shift count', () => {
    const h = 3_600_000;
    const t0 = Date.parse('2026-06-01T00:00:00Z');
    const time = onCallTime(
      [
        { personId: 'bo', rotationId: 'primary', startMs: t0, endMs: t0 + 10 * h },
        { personId: 'bo', rotationId: 'secondary', startMs: t0 + 5 * h, endMs: t0 + 20 * h },
        { personId: 'bo', rotationId: 'primary', startMs: t0 + 30 * h, endMs: t0 + 31 * h },
      ],
      [
        { personId: 'bo', timeZone: 'UTC', ...hours },
        { personId: 'cy', timeZone: 'UTC', ...hours },
      ],
      t0,
      t0 + 48 * h,
    );
    expect(time.get('bo')).toMatchObject({ hours: 21, shifts: 3 });
    expect(time.get('cy')).toMatchObject({ hours: 0, nights: 0, shifts: 0 });
  });

  it('finds zone offset changes to the minute', () => {
    const intervals = offsetIntervals('America/New_York', Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 15));
    expect(intervals).toEqual([
      { startMs: Date.UTC(2026, 2, 1), endMs: Date.parse('2026-03-08T07:00:00Z'), offsetMs: -5 * 3_600_000 },
      { startMs: Date.parse('2026-03-08T07:00:00Z'), endMs: Date.UTC(2026, 2, 15), offsetMs: -4 * 3_600_000 },
    ]);
    expect(offsetIntervals('Asia/Kolkata', 0, Date.UTC(2026, 0, 1))).toHaveLength(1);
  });
});

/** A team of three over two weeks of a weekly rotation, the first week the DST week. */
function smallTeam() {
  const ws = tempWorkstation({ now: () => Date.parse('2026-04-20T12:00:00Z') });
  const save = (name: string, handle: string, timeZone: string) =>
    invokeOk(ws, 'people.save', { name, handle, timeZone });
  const ann = save('Ann Berg', 'ann', 'Europe/Berlin');
  const bo = save('Bo Okafor', 'bo', 'America/New_York');
  const cy = save('Cy Lund', 'cy', 'UTC');
  invokeOk(ws, 'me.set', { id: ann.id });
  invokeOk(ws, 'teams.save', { name: 'Payments', people: ['ann', 'bo', 'cy'] });
  invokeOk(ws, 'rotations.save', {
    name: 'Primary',
    team: 'Payments',
    timeZone: 'Europe/Berlin',
    start: '2026-03-23T09:00',
    shiftLength: 1,
    shiftUnit: 'weeks',
    members: [{ handle: 'ann' }, { handle: 'bo' }],
  });
  const page = (
    personId: string,
    receivedAt: string,
    triage: 'actionable' | 'noise',
    ackMin: number | null,
    resolveMin: number | null,
    minutesSpent: number | null,
    service = 'payments-api',
  ) => {
    const at = Date.parse(receivedAt);
    invokeOk(ws, 'pages.add', {
      personId,
      service,
      severity: triage === 'actionable' ? 2 : 4,
      summary: `${service} alert`,
      receivedAt,
      triage,
      minutesSpent,
      acknowledgedAt: ackMin === null ? null : new Date(at + ackMin * 60_000).toISOString(),
      resolvedAt: resolveMin === null ? null : new Date(at + resolveMin * 60_000).toISOString(),
    });
  };
  // Ann: 02:00 Tuesday in Berlin (sleep, off hours).
  page(ann.id, '2026-03-24T01:00:00Z', 'actionable', 4, 40, 45);
  // Ann: 14:00 Saturday in Berlin (weekend, off hours).
  page(ann.id, '2026-03-28T13:00:00Z', 'noise', 2, 5, 5, 'search-indexer');
  // Ann: 08:30 Monday, half an hour before her handoff; resolved after it. It stays hers.
  page(ann.id, '2026-03-30T06:30:00Z', 'actionable', 10, 75, 70);
  // Bo: 03:00 Wednesday in New York (sleep, off hours).
  page(bo.id, '2026-04-01T07:00:00Z', 'actionable', 1, 20, 15);
  // Cy is on no rotation: a page all the same, no time to acknowledge or resolve.
  page(cy.id, '2026-04-02T15:00:00Z', 'noise', null, null, null, 'search-indexer');
  return {
    ws,
    ann,
    bo,
    cy,
    from: '2026-03-23T08:00:00Z',
    to: '2026-04-06T07:00:00Z',
    fourWeeks: '2026-04-20T08:00:00Z',
  };
}

describe('the load dashboard on a hand-made team', () => {
  it('computes every person’s metrics as worked out by hand', () => {
    const { ws, from, to } = smallTeam();
    const d = invokeOk(ws, 'dashboard.get', { from, to });
    expect(d).toMatchObject({ scope: 'team', team: 'Payments', hasData: true });
    const [ann, bo, cy] = ['ann', 'bo', 'cy'].map((h) => d.people.find((p) => p.handle === h));
    expect(ann).toMatchObject({
      onCallHours: 167,
      businessHours: 50,
      sleepHours: 69,
      offHours: 48,
      weekendHours: 47,
      nights: 7,
      weekends: 1,
      shifts: 1,
      pages: 3,
      actionable: 2,
      noise: 1,
      sleepHourPages: 1,
      offHoursPages: 2,
      weekendPages: 1,
      minutesSpent: 120,
      over30Share: 0.667,
      pagesPerOnCallWeek: 3.018,
      actionablePerOnCallWeek: 2.012,
      sleepHourPagesPerShift: 1,
      incidentsPer12Hours: 0.144,
      ackMeanMinutes: 5.3,
      ackP90Minutes: 10,
      resolveMeanMinutes: 40,
      resolveP90Minutes: 75,
    });
    // New York was already on summer time: a plain 168-hour week, eight nights touched.
    expect(bo).toMatchObject({ onCallHours: 168, businessHours: 50, sleepHours: 70, nights: 8 });
    expect(bo).toMatchObject({ pages: 1, sleepHourPages: 1, offHoursPages: 1, weekendPages: 0 });
    // Zero hours on call: per-on-call-time rates are undefined, not infinite.
    expect(cy).toMatchObject({
      onCallHours: 0,
      pages: 1,
      pagesPerOnCallWeek: null,
      pagesPerOnCallHour: null,
      sleepHourPagesPerShift: null,
      ackMeanMinutes: null,
      onCallShare: 0,
    });
    expect(d.totals).toMatchObject({
      onCallHours: 335,
      pages: 5,
      actionable: 3,
      actionablePerOnCallWeek: 1.504,
      sleepHourPagesPerShift: 1,
    });
    const annLoad = 3 / 167;
    const boLoad = 1 / 168;
    expect(d.equity.gini).toBeCloseTo((annLoad - boLoad) / (2 * (annLoad + boLoad)), 3);
    expect(d.equity.topShare).toBe(0.36); // 0.6 of three people: 0.6 × Ann's 3 of 5 pages
    expect(d.equity.balance).toBeCloseTo(167 / 168, 3);
    expect(d.services.map((s) => [s.service, s.pages, s.nonActionableRatio])).toEqual([
      ['payments-api', 3, 0],
      ['search-indexer', 2, 1],
    ]);
    // Weeks run Monday to Monday in UTC: Ann's page before her 09:00 handoff is in the second.
    expect(d.weeks.map((w) => [w.week, w.pages, w.byPerson])).toEqual([
      ['2026-03-23', 2, { ann: 2 }],
      ['2026-03-30', 3, { ann: 1, bo: 1, cy: 1 }],
      ['2026-04-06', 0, {}],
    ]);
    // A week mostly outside the range has no rate: seven hours would extrapolate to a week.
    expect(d.weeks.map((w) => w.actionablePerOnCallWeek)).toEqual([
      round3((1 / 160) * 168), // Ann's 02:00 Tuesday page over the 160 hours of that week she was on call
      2, // Ann's handoff-morning page and Bo's, over 7 + 161 = 168 hours on call
      null,
    ]);
    // Ann's 02:00 Tuesday page in Berlin, Bo's 03:00 Wednesday page in New York.
    const cell = (weekday: number, hour: number) => d.heatmap.find((c) => c.weekday === weekday && c.hour === hour);
    expect(cell(2, 2)?.pages).toBe(1);
    expect(cell(3, 3)?.pages).toBe(1);
    expect(d.heatmap.reduce((sum, c) => sum + c.pages, 0)).toBe(5);
  });

  it('divides a team’s rates by time in the primary layer: a secondary layer is time on call that pages no one', () => {
    const { ws, from, to } = smallTeam();
    // Bo is secondary while Ann is primary, and the other way round.
    invokeOk(ws, 'rotations.save', {
      name: 'Secondary',
      team: 'Payments',
      layer: 'secondary',
      timeZone: 'Europe/Berlin',
      start: '2026-03-23T09:00',
      shiftLength: 1,
      shiftUnit: 'weeks',
      members: [{ handle: 'bo' }, { handle: 'ann' }],
    });
    // Wednesday 1 April is a holiday of the team: both are on call all of it, each in their zone.
    invokeOk(ws, 'holidays.add', { date: '2026-04-01', name: 'Team day' });
    const d = invokeOk(ws, 'dashboard.get', { from, to });
    const [ann, bo] = ['ann', 'bo'].map((h) => d.people.find((p) => p.handle === h));
    // Both on call the whole fortnight: 167 + 168 hours each, half of it in the primary layer.
    expect(ann).toMatchObject({ onCallHours: 335, primaryHours: 167, holidayHours: 24, shifts: 2 });
    expect(bo).toMatchObject({ onCallHours: 335, primaryHours: 168, holidayHours: 24 });
    // The same rates as with the primary rotation alone (worked out above), not half of them.
    expect(ann).toMatchObject({ pagesPerOnCallWeek: 3.018, actionablePerOnCallWeek: 2.012, sleepHourPagesPerShift: 1 });
    expect(d.totals).toMatchObject({
      onCallHours: 670,
      primaryHours: 335,
      holidayHours: 48,
      actionablePerOnCallWeek: 1.504, // 3 actionable ÷ (335 ÷ 168)
      pagesPerOnCallHour: round3((5 / 335) * 10) / 10, // 0.0149
      sleepHourPagesPerShift: 1, // Ann's and Bo's sleep-hour pages over their two primary shifts
    });
    expect(d.equity.gini).toBeCloseTo((3 / 167 - 1 / 168) / (2 * (3 / 167 + 1 / 168)), 3);
    expect(d.equity.balance).toBe(1);
    expect(d.weeks.map((w) => w.actionablePerOnCallWeek).slice(0, 2)).toEqual([round3((1 / 160) * 168), 2]);
    expect(d.definitions.pagesPerOnCallHour).toBe('Pages received ÷ hours on call in the primary layer.');
  });

  it('keeps a removed holiday as a tombstone, and brings it back when it is added again', () => {
    const { ws } = smallTeam();
    invokeOk(ws, 'holidays.add', { date: '2026-12-24', name: 'Christmas Eve' });
    expect(invokeOk(ws, 'holidays.remove', { date: '2026-12-24' }).holidays).toEqual([]);
    const row = () =>
      ws.ctx.db.prepare('SELECT name, deleted_at FROM team_holidays').all() as { deleted_at: number | null }[];
    expect(row()).toEqual([{ name: 'Christmas Eve', deleted_at: Date.parse('2026-04-20T12:00:00Z') }]);
    expect(invoke(ws, 'holidays.remove', { date: '2026-12-24' })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
    expect(invokeOk(ws, 'holidays.add', { date: '2026-12-24', name: 'Heiligabend' }).holidays).toEqual([
      { date: '2026-12-24', name: 'Heiligabend' },
    ]);
    expect(row()).toEqual([{ name: 'Heiligabend', deleted_at: null }]);
  });

  it('says which targets are broken in plain, blameless sentences', () => {
    const { ws, from, to, fourWeeks } = smallTeam();
    const d = invokeOk(ws, 'dashboard.get', { from, to });
    const sleep = d.findings.find((f) => f.metric === 'sleepHourPagesPerShift');
    expect(sleep).toMatchObject({ met: false, value: 1, target: 1 });
    expect(sleep?.sentence).toContain('payments-api (2) paged most at night');
    expect(d.findings.find((f) => f.metric === 'actionablePerOnCallWeek')).toMatchObject({ met: true });
    // Two weeks are too short to judge equity: whoever is on call carries everything.
    expect(d.findings.map((f) => f.metric)).not.toContain('onCallShare');
    expect(d.findings.map((f) => f.metric)).not.toContain('topShare');
    // Over four weeks both were on call half the time: above the 25% target, with the fix.
    const month = invokeOk(ws, 'dashboard.get', { from, to: fourWeeks });
    expect(month.findings.find((f) => f.metric === 'onCallShare')?.sentence).toMatch(
      /^2 people were on call more than 25% of the time \(@ann 50%, @bo 50%\): the schedule puts more shifts on them — rebalance shifts/,
    );
    expect(month.findings.find((f) => f.metric === 'topShare')).toMatchObject({ met: true, value: 0.36 });
    expect(month.findings.map((f) => f.sentence).join(' ')).not.toMatch(/worst|blame|fault/i);
  });

  it('uses the team’s own targets over the defaults', () => {
    const { ws, from, to, fourWeeks } = smallTeam();
    const before = invokeOk(ws, 'dashboard.get', { from, to: fourWeeks });
    expect(before.findings.find((f) => f.metric === 'onCallShare')).toMatchObject({ met: false, target: 0.25 });
    invokeOk(ws, 'teams.save', {
      name: 'Payments',
      people: ['ann', 'bo', 'cy'],
      targets: { sleepHourPagesPerShift: 2, onCallShareMax: 0.6 },
    });
    const d = invokeOk(ws, 'dashboard.get', { from, to });
    expect(d.targets).toMatchObject({ sleepHourPagesPerShift: 2, onCallShareMax: 0.6, actionablePagesPerWeek: 2 });
    expect(d.findings.find((f) => f.metric === 'sleepHourPagesPerShift')).toMatchObject({ met: true, target: 2 });
    const month = invokeOk(ws, 'dashboard.get', { from, to: fourWeeks });
    expect(month.findings.find((f) => f.metric === 'onCallShare')).toMatchObject({ met: true, target: 0.6 });
  });

  it('targets are read and changed on their own, keeping the team’s people and its toil target', () => {
    const { ws } = smallTeam();
    invokeOk(ws, 'teams.save', { name: 'Payments', people: ['ann', 'bo', 'cy'], targets: { toilShare: 0.4 } });
    expect(invokeOk(ws, 'targets.get', {})).toEqual({
      team: 'Payments',
      targets: {
        actionablePagesPerWeek: 2,
        sleepHourPagesPerShift: 1,
        incidentsPer12Hours: 2,
        topShareMax: 0.4,
        onCallShareMax: 0.25,
      },
      own: [],
      maxShiftHours: null,
    });
    const set = invokeOk(ws, 'targets.set', { targets: { actionablePagesPerWeek: 5, topShareMax: 0.5 } });
    expect(set).toMatchObject({
      targets: { actionablePagesPerWeek: 5, topShareMax: 0.5 },
      own: ['actionablePagesPerWeek', 'topShareMax'],
    });
    const reset = invokeOk(ws, 'targets.set', { team: 'Payments', targets: { topShareMax: null } });
    expect(reset).toMatchObject({
      targets: { actionablePagesPerWeek: 5, topShareMax: 0.4 },
      own: ['actionablePagesPerWeek'],
    });
    const team = invokeOk(ws, 'teams.list', {})[0];
    expect(team?.people.map((p) => p.handle)).toEqual(['ann', 'bo', 'cy']);
    expect(team?.targets).toEqual({ toilShare: 0.4, actionablePagesPerWeek: 5 });
    expect(invoke(ws, 'targets.set', { targets: { onCallShareMax: 1.5 } })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', field: 'targets.onCallShareMax' },
    });
    expect(invoke(tempWorkstation(), 'targets.get', {})).toMatchObject({
      ok: false,
      error: { kind: 'not_found', field: 'team' },
    });
  });

  it('my own dashboard counts only my pages and my time', () => {
    const { ws, from, to } = smallTeam();
    const d = invokeOk(ws, 'dashboard.get', { from, to, scope: 'me' });
    expect(d.person).toEqual({ handle: 'ann', name: 'Ann Berg' });
    expect(d.people).toHaveLength(1);
    // 167 of the range's 335 hours.
    expect(d.totals).toMatchObject({ pages: 3, onCallHours: 167, onCallShare: 0.499 });
    expect(d.findings.map((f) => f.metric)).not.toContain('topShare');
  });

  it('an empty store has no data and no findings, and bad ranges are refused by field', () => {
    const ws = tempWorkstation();
    const d = invokeOk(ws, 'dashboard.get', { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
    expect(d).toMatchObject({ hasData: false, findings: [], services: [] });
    expect(invoke(ws, 'dashboard.get', { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', field: 'to', message: 'to: must be after from' },
    });
    expect(
      invoke(ws, 'dashboard.get', { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', team: 'Nope' }),
    ).toMatchObject({ ok: false, error: { kind: 'not_found', field: 'team' } });
  });
});

describe('review reports', () => {
  it('weekly: pages, who carried them, incidents and their postmortems, open pages; Markdown tables', () => {
    const { ws } = smallTeam();
    const down = invokeOk(ws, 'pages.add', {
      personId: invokeOk(ws, 'people.list', {}).find((p) => p.handle === 'bo')?.id,
      service: 'checkout | web',
      severity: 1,
      summary: 'checkout down\nfor EU',
      receivedAt: '2026-04-03T10:00:00Z',
      triage: 'actionable',
    });
    const incident = invokeOk(ws, 'incidents.create', { pages: [down.id], title: 'Checkout down for EU', severity: 1 });
    invokeOk(ws, 'incidents.create', {
      pages: [down.id],
      title: 'Checkout slow',
      severity: 3,
    });
    invokeOk(ws, 'postmortems.create', { incident: incident.id });
    // Wednesday 1 April is a holiday of the team.
    invokeOk(ws, 'holidays.add', { date: '2026-04-01', name: 'Team day' });
    const report = invokeOk(ws, 'report.review', { kind: 'weekly', at: '2026-04-02T00:00:00Z' });
    expect(report.incidents.map((i) => [i.title, i.severity, i.postmortem, i.expectsPostmortem])).toEqual([
      ['Checkout down for EU', 1, 'draft', true],
      ['Checkout slow', 3, null, false],
    ]);
    expect(report).toMatchObject({ kind: 'weekly', team: 'Payments', from: '2026-03-30T00:00:00.000Z' });
    expect(report.openIncidents).toEqual([
      {
        receivedAt: '2026-04-03T10:00:00.000Z',
        service: 'checkout | web',
        summary: 'checkout down\nfor EU',
        handle: 'bo',
        postmortem: 'draft',
      },
    ]);
    const md = report.markdown;
    expect(md).toMatch(/^## On-call load review — week of 2026-03-30\n/);
    // Ann's page half an hour before her handoff is in this week, and hers.
    expect(md).toContain(
      '**4 pages** (3 actionable, 1 noise, 0 not triaged) · **2 in sleep hours** · 168 hours on call',
    );
    expect(md).toContain('| Ann Berg (@ann) | 7 | 1 | 1 | 0 | 1 | 0 | 0 |');
    // Bo: Monday 03:00 to Sunday 20:00 in New York: seven nights, Saturday 00:00 to Sunday 20:00,
    // all of the holiday (in his zone).
    expect(md).toContain('| Bo Okafor (@bo) | 161 | 2 | 2 | 2 | 7 | 44 | 24 |');
    // A pipe or a line break in a summary would break the table: escaped and joined.
    expect(md).toContain('| 2026-04-03 10:00 | checkout \\| web | checkout down for EU | @bo | draft |');
    expect(md).toContain('| 2026-04-03 10:00 | SEV1 | Checkout down for EU | not yet | draft |');
    expect(md).toContain('| 2026-04-03 10:00 | SEV3 | Checkout slow | not yet | — |');
  });

  it('monthly compares with the month before; quarterly adds months and the top risks', () => {
    const { ws } = smallTeam();
    const monthly = invokeOk(ws, 'report.review', { kind: 'monthly', at: '2026-04-10T00:00:00Z' });
    expect(monthly.previous?.totals.pages).toBe(3);
    expect(monthly.current.totals.pages).toBe(2);
    expect(monthly.markdown).toContain('| Pages | 2 | 3 | −33% |');
    const quarterly = invokeOk(ws, 'report.review', { kind: 'quarterly', at: '2026-02-10T00:00:00Z' });
    expect(quarterly.periods.map((p) => [p.label, p.pages])).toEqual([
      ['2026-01', 0],
      ['2026-02', 0],
      ['2026-03', 3],
    ]);
    expect(quarterly.risks.map((r) => r.title)).toEqual([
      'Noisiest service: payments-api',
      'Most sleep-hour pages: payments-api',
    ]);
    expect(quarterly.markdown).toContain('1. **Noisiest service: payments-api.**');
  });

  it('on-call hours per person, overrides included', () => {
    const { ws } = smallTeam();
    invokeOk(ws, 'overrides.add', {
      rotation: 'Primary',
      handle: 'cy',
      from: '2026-04-04T00:00:00Z',
      to: '2026-04-05T00:00:00Z',
    });
    const hoursReport = invokeOk(ws, 'report.onCallHours', {
      from: '2026-03-30T07:00:00Z',
      to: '2026-04-06T07:00:00Z',
    });
    expect(hoursReport.people.map((p) => [p.handle, p.onCallHours, p.weekendHours])).toEqual([
      ['ann', 0, 0],
      // Bo's weekend in New York starts at 04:00 UTC on Saturday: 20 of its hours went to Cy.
      ['bo', 144, 28],
      ['cy', 24, 24],
    ]);
  });
});

describe('the hour of the week the rollups count a page in', () => {
  // What a person in that zone reads on their clock, by Intl: (ISO weekday − 1) × 24 + hour.
  const byIntl = (zone: string, ms: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      hour: 'numeric',
      hourCycle: 'h23',
    }).formatToParts(ms);
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(
      parts.find((p) => p.type === 'weekday')?.value ?? '',
    );
    return weekday * 24 + Number(parts.find((p) => p.type === 'hour')?.value);
  };
  it('is the local hour in the person’s zone, for instants in any order across DST changes and years (property)', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/New_York',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...zones),
            fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2027, 11, 31) }),
            fc.integer({ min: -3, max: 3 }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        (lookups) => {
          // Each instant, then one just either side of it: where a remembered interval would end.
          for (const [zone, ms, step] of lookups)
            for (const at of [ms, ms + step * 3_600_000, ms - 1])
              expect(localSlot(zone, at), `${zone} ${new Date(at).toISOString()}`).toBe(byIntl(zone, at));
        },
      ),
      { numRuns: 200 },
    );
    // Around a change: 2026-03-29 01:00 UTC Berlin moves from +1 to +2, and back on 2026-10-25 01:00 UTC.
    for (const at of [
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00Z',
    ])
      expect(localSlot('Europe/Berlin', Date.parse(at))).toBe(byIntl('Europe/Berlin', Date.parse(at)));
  });
});

describe('a bulk load of pages', () => {
  it('counts the rollups once at the end (the demo), and the row trigger counts pages again afterwards', () => {
    const ws = tempWorkstation();
    const db = ws.ctx.db;
    const until = Date.parse('2026-11-23T09:00:00Z');
    writeDemo(ws.ctx, { people: 6, months: 3, seed: 3, untilMs: until });
    const ids = db.prepare('SELECT id FROM people').pluck().all() as string[];
    const from = until - 100 * 86_400_000 + 3_600_000;
    const rolled = aggregatePageRange(db, ids, from, until);
    expect(rolled.rows.reduce((sum, r) => sum + r.pages, 0)).toBeGreaterThan(50);
    expect(rolled).toEqual(scanPageRange(db, ids, from, until));
    const total = (): number => db.prepare('SELECT sum(pages) FROM page_day_tallies').pluck().get() as number;
    const before = total();
    invokeOk(ws, 'pages.add', {
      service: 'db',
      severity: 3,
      summary: 'after the demo',
      receivedAt: '2026-11-20T10:00:00Z',
    });
    expect(total()).toBe(before + 1);
  });
});

describe('aggregates of two ranges', () => {
  it('add up row by row when both hold the same person, service and week (a week that spans two months)', () => {
    const pageAt = (receivedAt: string): PageFact => ({
      personId: 'ann',
      serviceId: 'db',
      receivedAt: Date.parse(receivedAt),
      acknowledgedAt: null,
      resolvedAt: null,
      triage: 'actionable',
      sleepHour: false,
      offHours: false,
      minutesSpent: 10,
    });
    // Tuesday 30 June and Thursday 2 July 2026: one week, two months.
    const june = aggregatePages([pageAt('2026-06-30T10:00:00Z')], () => 'UTC');
    const july = aggregatePages([pageAt('2026-07-02T10:00:00Z')], () => 'UTC');
    const both = mergeAggregates([june, july]);
    expect(both.rows).toHaveLength(1);
    expect(both.rows[0]).toMatchObject({ personId: 'ann', serviceId: 'db', week: june.rows[0]?.week, pages: 2 });
    expect(both.rows[0]).toMatchObject({ actionable: 2, minutesSpent: 20, minutesLogged: 2 });
  });
});

describe('the SQL aggregates equal their definition', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Australia/Sydney', 'America/Los_Angeles'];
  const minute = 60_000;
  const start = Date.parse('2025-09-01T00:00:00Z');
  const span = 400 * 86_400_000;

  const page = fc.record({
    person: fc.integer({ min: 0, max: 4 }),
    service: fc.integer({ min: 0, max: 2 }),
    at: fc.integer({ min: 0, max: span / minute }).map((m) => start + m * minute + 17),
    ack: fc.option(fc.integer({ min: 0, max: 300_000 }), { nil: null }),
    resolve: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }),
    triage: fc.constantFrom('actionable' as const, 'noise' as const, null),
    sleep: fc.boolean(),
    off: fc.boolean(),
    minutes: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  });

  type PageArbitrary = typeof page extends fc.Arbitrary<infer T> ? T : never;
  const edit = fc.record({
    index: fc.nat(),
    page,
    /** Deleted (a tombstone), restored, or left as it was. */
    deleted: fc.constantFrom(true, false, null),
  });

  it('for random pages, edits, zone changes and ranges, for a team and for one person (property)', () => {
    const ws = tempWorkstation();
    const db = ws.ctx.db;
    const people = Array.from({ length: 5 }, (_, i) => `person-${i}`);
    const services = ['svc-a', 'svc-b', 'svc-c'].map((name) => ensureService(db, name, ws.ctx.newId, 0, 'test'));
    const savePerson = (id: string, timeZone: string): void => savePersonInZone(db, id, timeZone);
    const toFact = (p: PageArbitrary): PageFact => ({
      personId: people[p.person] ?? '',
      serviceId: services[p.service] ?? '',
      receivedAt: p.at,
      acknowledgedAt: p.ack === null ? null : p.at + p.ack,
      resolvedAt: p.resolve === null ? null : p.at + p.resolve,
      triage: p.triage,
      sleepHour: p.sleep,
      offHours: p.off,
      minutesSpent: p.minutes,
    });
    const rollups = (): unknown[] =>
      ['page_day_tallies', 'page_day_hours', 'page_day_minutes'].map((table) =>
        db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).all(),
      );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...zones), { minLength: 5, maxLength: 5 }),
        fc.array(page, { maxLength: 60 }),
        fc.array(edit, { maxLength: 20 }),
        fc.option(fc.constantFrom(...zones), { nil: null }),
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 1, max: span }),
        (personZones, pages, edits, movedZone, rangeStart, rangeLength) => {
          db.exec('DELETE FROM pages');
          people.forEach((id, i) => savePerson(id, personZones[i] ?? 'UTC'));
          const facts = pages.map(toFact);
          const deleted = pages.map((_, i) => i % 13 === 12);
          facts.forEach((fact, i) => insertPage(db, pageFromFact(`page-${i}`, fact, deleted[i] ? 1 : null)));
          // Pages move person, service and time, are deleted and restored (the triggers keep up)…
          for (const e of edits) {
            if (facts.length === 0) break;
            const i = e.index % facts.length;
            const current = getPageRow(db, `page-${i}`);
            if (!current) throw new Error('page missing');
            facts[i] = toFact(e.page);
            if (e.deleted !== null) deleted[i] = e.deleted;
            updatePage(db, pageFromFact(`page-${i}`, facts[i] as PageFact, deleted[i] ? 2 : null), current);
          }
          // …and a person moves zone: their weekends and hours of the week are recounted.
          if (movedZone !== null) {
            personZones[0] = movedZone;
            savePerson('person-0', movedZone);
          }
          const live = facts.filter((_, i) => !deleted[i]);
          const from = start + rangeStart;
          const to = from + rangeLength;
          const zoneOf = (id: string) => personZones[people.indexOf(id)] ?? 'UTC';
          const inRange = live.filter((f) => f.receivedAt >= from && f.receivedAt < to);
          const team = people.slice(0, 4);
          expect(aggregatePageRange(db, team, from, to)).toEqual(
            aggregatePages(
              inRange.filter((f) => team.includes(f.personId)),
              zoneOf,
            ),
          );
          // Everyone in the store: read without a filter by person.
          expect(aggregatePageRange(db, people, from, to)).toEqual(aggregatePages(inRange, zoneOf));
          // Aggregates of two halves add up to the whole (the quarterly review reads each month once).
          const mid = from + Math.floor(rangeLength / 3);
          expect(
            mergeAggregates([aggregatePageRange(db, team, from, mid), aggregatePageRange(db, team, mid, to)]),
          ).toEqual(aggregatePageRange(db, team, from, to));
          expect(aggregatePageRange(db, ['person-4'], from, to)).toEqual(
            aggregatePages(
              inRange.filter((f) => f.personId === 'person-4'),
              zoneOf,
            ),
          );
          // The rollups kept row by row are what one recount from the pages makes.
          const kept = rollups();
          rebuildPageRollups(db);
          expect(rollups()).toEqual(kept);
        },
      ),
      { numRuns: 40 },
    );
  });
});
