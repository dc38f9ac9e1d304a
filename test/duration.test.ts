import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinutes, parseDuration, parseQuickToil } from '../shared/domain/duration';

describe('durations as people type them', () => {
  it.each([
    ['45m', 45],
    ['45 min', 45],
    ['45minutes', 45],
    ['1h30', 90],
    ['1h 30m', 90],
    ['1h30m', 90],
    ['1.5h', 90],
    ['1,5h', 90],
    ['2h', 120],
    ['2 hours', 120],
    ['90', 90],
    ['1:30', 90],
    ['0:05', 5],
    ['24h', 1440],
    [' 10M ', 10],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ ok: true, minutes });
  });

  it.each([
    ['', 'is not a duration'],
    ['soon', 'is not a duration'],
    ['-30m', 'must not be negative'],
    ['0m', 'must be longer than zero'],
    ['25h', 'more than 24 hours'],
    ['1.5h30', 'is not a duration'],
    ['1:75', 'is not a duration'],
    ['h', 'is not a duration'],
  ])('%j is refused: %s', (text, message) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('reads back what it writes, for every duration up to 24 hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1440 }), (minutes) => {
        expect(parseDuration(formatMinutes(minutes))).toEqual({ ok: true, minutes });
        expect(parseDuration(`${Math.floor(minutes / 60)}h ${minutes % 60}m`)).toEqual({ ok: true, minutes });
      }),
    );
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseDuration(text);
        if (result.ok) expect(result.minutes).toBeGreaterThan(0);
        if (result.ok) expect(result.minutes).toBeLessThanOrEqual(1440);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('one-line toil entry', () => {
  const categories = ['manual deploy', 'alert triage', 'access request', 'data fix', 'ticket work'];
  const services = ['payments-api', 'search-indexer', 'auth'];

  it('reads duration, category, service and description', () => {
    expect(parseQuickToil('45m alert triage payments', categories, services)).toEqual({
      ok: true,
      value: { minutes: 45, category: 'alert triage', service: 'payments-api', description: 'alert triage payments' },
    });
    expect(parseQuickToil('1h30 manual deploy auth hotfix for login', categories, services)).toEqual({
      ok: true,
      value: {
        minutes: 90,
        category: 'manual deploy',
        service: 'auth',
        description: 'manual deploy auth hotfix for login',
      },
    });
    expect(parseQuickToil('1h 15m rebuilt the staging database', categories, services)).toEqual({
      ok: true,
      value: { minutes: 75, category: 'other', service: null, description: 'rebuilt the staging database' },
    });
  });

  it('explains what is wrong', () => {
    expect(parseQuickToil('alert triage', categories, services)).toMatchObject({
      ok: false,
      message: expect.stringContaining('how long'),
    });
    expect(parseQuickToil('30h deploys', categories, services)).toMatchObject({
      ok: false,
      message: expect.stringContaining('24 hours'),
    });
  });
});

describe('one-line toil entry, descriptions that start with numbers', () => {
  it('leaves a number after a duration to the description unless it has a unit', () => {
    expect(parseQuickToil('20m 3 access requests', [], [])).toMatchObject({
      ok: true,
      value: { minutes: 20, description: '3 access requests' },
    });
    expect(parseQuickToil('1h 2 servers restarted', [], [])).toMatchObject({
      ok: true,
      value: { minutes: 60, description: '2 servers restarted' },
    });
    expect(parseQuickToil('1h 30m 2 servers restarted', [], [])).toMatchObject({
      ok: true,
      value: { minutes: 90, description: '2 servers restarted' },
    });
    expect(parseQuickToil('45 min ticket queue', ['ticket work'], [])).toMatchObject({
      ok: true,
      value: { minutes: 45, description: 'ticket queue' },
    });
    expect(parseQuickToil('2 h 15m deploys', [], [])).toMatchObject({
      ok: true,
      value: { minutes: 135, description: 'deploys' },
    });
  });
});
