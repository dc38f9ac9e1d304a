// Studio defects of #16: the "because" picker numbers statements as the author numbered them and
// leaves blameful ones out; a list marker typed over the one Enter added replaces it.

import { describe, expect, it } from 'vitest';
import { lintPostmortem } from '../shared/domain/blameless/postmortem-lint';
import { numberedBecauses } from '../shared/domain/postmortem/document';
import { documentForReading } from '../shared/domain/postmortem/reading';
import { replaceContinuedMarker } from '../renderer/views/postmortems/list-continuation';

const why = (lines: string[]): string => ['## What Happened', '', '## Why It Happened', '', ...lines, ''].join('\n');

describe('the "because" picker', () => {
  it('keeps the author’s numbers and leaves out the blameful "because"', () => {
    const body = why([
      '1. Checkout broke because Ann forgot to run the migration check.',
      '2. The pool ran out because mobile retries have no backoff.',
      '3. Retries piled up because the health check ignores pool exhaustion.',
    ]);
    const lint = lintPostmortem(body);
    const blameful = (from: number, to: number): boolean =>
      lint.diagnostics.some(
        (d) => !['because-statements', 'action-items', 'timeline-times'].includes(d.rule) && d.from < to && d.to > from,
      );
    const all = numberedBecauses(body);
    expect(all.map((b) => b.number)).toEqual([1, 2, 3]);
    expect(body.slice(all[1]?.from, all[1]?.to)).toBe('The pool ran out because mobile retries have no backoff.');
    // The author's "2." stays option 2 once the blameful first one is left out.
    expect(numberedBecauses(body, blameful).map((b) => [b.number, b.text.slice(0, 20)])).toEqual([
      [2, 'The pool ran out bec'],
      [3, 'Retries piled up bec'],
    ]);
  });

  it('numbers unnumbered "because"s after the author’s own numbers', () => {
    const body = why([
      '2. Latency rose due to a saturated pool.',
      '',
      'It stayed up because alerts averaged over 15 minutes.',
    ]);
    expect(numberedBecauses(body).map((b) => [b.number, b.text])).toEqual([
      [1, 'because alerts averaged over 15 minutes'],
      [2, 'Latency rose due to a saturated pool.'],
    ]);
  });
});

describe('typing a list marker after Enter continued the list', () => {
  it('replaces the added marker with the one typed', () => {
    expect(replaceContinuedMarker('2. ', '2')).toBe('2');
    expect(replaceContinuedMarker('  3) ', '7')).toBe('  7');
    expect(replaceContinuedMarker('- ', '-')).toBe('-');
    expect(replaceContinuedMarker('- [ ] ', '*')).toBe('*');
    expect(replaceContinuedMarker('2. ', 'T')).toBeNull();
    expect(replaceContinuedMarker('2. text', '2')).toBeNull();
  });
});

describe('the postmortem as it reads', () => {
  it('shows the timeline and the action items as tables, and leaves other text as written', () => {
    const body = [
      '## What Happened',
      '',
      '_Times are in UTC (UTC+00:00)._',
      '',
      '- 2026-11-08 03:00 Alert fired',
      '- 2026-11-08 03:05 Rolled back',
      '',
      '## Why It Happened',
      '',
      '- because a | pipe',
      '',
      '## What Teams Are Changing',
      '',
      '- Add a dry-run gate — owner: @ann, due: 2026-12-15, because: 1 — <https://tracker.example.com/1>',
      '',
    ].join('\n');
    const reading = documentForReading(body);
    expect(reading).toContain('| Time | What happened |\n| --- | --- |\n| 2026-11-08 03:00 | Alert fired |');
    expect(reading).toContain(
      '| Add a dry-run gate | @ann | 2026-12-15 | open | [tracker.example.com/1](https://tracker.example.com/1) |',
    );
    expect(reading).toContain('## Why It Happened\n\n- because a | pipe\n');
  });
});
