// "rotate TLS certificates" was filed as toil category "other" (issue #17 item 9).

import { describe, expect, it } from 'vitest';
import { parseQuickToil } from '../shared/domain/duration';
import { suggestToilCategory } from '../shared/domain/toil-category';

const builtIn = [
  'manual deploy',
  'alert triage',
  'access request',
  'data fix',
  'certificate/secret rotation',
  'capacity change',
  'ticket work',
  'other',
];

describe('a toil category from the chore’s name', () => {
  it('suggests the category the words name', () => {
    expect(suggestToilCategory('rotate TLS certificates', builtIn)).toBe('certificate/secret rotation');
    expect(suggestToilCategory('grant Bo access to the prod DB', builtIn)).toBe('access request');
    expect(suggestToilCategory('hand-deploy payments-api 2.4', builtIn)).toBe('manual deploy');
    expect(suggestToilCategory('scale the search cluster', builtIn)).toBe('capacity change');
  });

  it('says "other" when nothing fits, or the category it would name does not exist', () => {
    expect(suggestToilCategory('lunch-and-learn slides', builtIn)).toBe('other');
    expect(suggestToilCategory('rotate TLS certificates', ['other', 'ops'])).toBe('other');
  });

  it('the one-line entry uses it when the line names no category', () => {
    const parsed = parseQuickToil('30m rotate TLS certificates', builtIn, []);
    expect(parsed).toMatchObject({ ok: true, value: { category: 'certificate/secret rotation', minutes: 30 } });
    const named = parseQuickToil('30m data fix certificates table', builtIn, []);
    expect(named).toMatchObject({ ok: true, value: { category: 'data fix' } });
  });
});
