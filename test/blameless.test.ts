import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coachText } from '../shared/domain/blameless/coach';
import { lintPostmortem } from '../shared/domain/blameless/postmortem-lint';
import { defaultCoachConfig } from '../shared/domain/blameless/rules';
import { corpus } from './fixtures/blameless-corpus';
import { root, runCli, tempDir } from './helpers';

const at = (text: string, part: string): [number, number] => [text.indexOf(part), text.indexOf(part) + part.length];
const rulesOf = (text: string): string[] => coachText(text).map((d) => d.rule);

describe('the blameless coach, rule by rule', () => {
  it('1. a person named as the one who acted — but not a person named as an owner, or doing something neutral', () => {
    const text = 'Alice should have double-checked the migration.';
    const [d] = coachText(text);
    expect(d).toMatchObject({ rule: 'person-named' });
    expect([d?.from, d?.to]).toEqual(at(text, 'Alice'));
    expect(rulesOf('@ken pushed the bad config.')).toEqual(['person-named']);
    expect(rulesOf('The incident was caused by Omar’s typo.')).toEqual(['person-named']);
    expect(rulesOf('The bad config was pushed by Omar.')).toEqual(['person-named']);
    expect(rulesOf('Add a canary stage (owner: Ann, due: 2026-12-15, because: 2).')).toEqual([]);
    expect(rulesOf('Maria noticed the latency spike and opened the incident.')).toEqual([]);
    expect(rulesOf('Terraform deleted the bucket because the plan was not shown.')).toEqual([]);
    // A dot inside a word does not end the sentence.
    expect(rulesOf('Bob deployed v2.3.1 to production without review.')).toEqual(['person-named']);
    expect(rulesOf('The db1.prod host ran out of disk, e.g. during backups; Omar deleted the logs.')).toEqual([
      'person-named',
    ]);
  });

  it('1. roster names from the team’s settings count too', () => {
    const config = { ...defaultCoachConfig, names: ['Zebedee Quorn'] };
    expect(coachText('Zebedee skipped the checklist.', config).map((d) => d.rule)).toEqual(['person-named']);
    expect(coachText('Zebedee skipped the checklist.').map((d) => d.rule)).toEqual([]);
  });

  it('2. a role cast as the culprit — but not a role in a condition of the system', () => {
    const text = 'The on-call engineer didn’t escalate in time.';
    const [d] = coachText(text);
    expect(d).toMatchObject({ rule: 'role-as-culprit' });
    expect([d?.from, d?.to]).toEqual(at(text, 'on-call engineer'));
    expect(rulesOf('The DBA forgot to take a backup.')).toEqual(['role-as-culprit']);
    expect(rulesOf('Because the on-call engineer was paged 40 times, the real alert was lost.')).toEqual([]);
    expect(rulesOf('The engineer on call had no access to the logs.')).toEqual([]);
  });

  it('3. blame words anywhere, and "should have" / "failed to" when their subject is a person', () => {
    const text = 'This was human error.';
    expect(coachText(text).map((d) => [d.rule, d.from, d.to])).toEqual([['blame-words', ...at(text, 'human error')]]);
    expect(rulesOf('We should have caught this in staging.')).toEqual(['blame-words']);
    expect(rulesOf('They failed to follow the runbook.')).toEqual(['blame-words']);
    expect(rulesOf('It is the deployer’s fault that the canary was skipped.')).toEqual(['blame-words']);
    expect(rulesOf('The alert should have fired at 80% but its threshold was 95%.')).toEqual([]);
    expect(rulesOf('The health check failed to detect the outage.')).toEqual([]);
    expect(rulesOf('The root cause is not a single mistake but several missing safeguards.')).toEqual([]);
    const team = { ...defaultCoachConfig, blameWords: ['cowboy'] };
    expect(coachText('A cowboy deploy took the site down.', team).map((d) => d.rule)).toEqual(['blame-words']);
  });

  it('a team can turn a rule off', () => {
    const config = { ...defaultCoachConfig, disabled: ['blame-words' as const] };
    expect(coachText('This was human error.', config)).toEqual([]);
  });

  it('every diagnostic explains itself and offers a systems-oriented rewrite', () => {
    for (const d of coachText('Bob forgot to renew the certificate. This was human error.')) {
      expect(d.message.length).toBeGreaterThan(20);
      expect(d.hint.length).toBeGreaterThan(20);
    }
  });
});

describe('the coach on a labeled corpus', () => {
  it('finds blameful sentences with precision and recall of at least 0.9', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(corpus.filter((c) => c.blameful).length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((c) => !c.blameful).length).toBeGreaterThanOrEqual(40);
    let truePositive = 0;
    let falsePositive = 0;
    let falseNegative = 0;
    for (const { text, blameful } of corpus) {
      const flagged = coachText(text).length > 0;
      if (flagged && blameful) truePositive += 1;
      else if (flagged) falsePositive += 1;
      else if (blameful) falseNegative += 1;
    }
    const precision = truePositive / (truePositive + falsePositive);
    const recall = truePositive / (truePositive + falseNegative);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('linting a whole postmortem', () => {
  const read = (name: string): string => fs.readFileSync(path.join(root, 'docs/examples', name), 'utf8');

  it('a blameful draft fails every check, with positions', () => {
    const markdown = read('postmortem-blameful.md');
    const result = lintPostmortem(markdown);
    expect(result).toMatchObject({ passed: 0, total: 6, ready: false });
    const timeline = result.diagnostics.find((d) => d.rule === 'timeline-times');
    expect(markdown.slice(timeline?.from, timeline?.to)).toBe('Omar deployed the pricing change without testing it.');
    const vague = result.diagnostics.find((d) => d.message.includes('vague'));
    expect(markdown.slice(vague?.from, vague?.to).toLowerCase()).toBe('be more careful');
    const count = result.diagnostics.find(
      (d) => d.rule === 'because-statements' && d.message.includes('of at least 5'),
    );
    expect(markdown.slice(count?.from, count?.to)).toBe('## Why It Happened');
    const missing = result.diagnostics.find((d) => d.message.includes('missing an owner'));
    expect(missing?.message).toContain('a due date (due: YYYY-MM-DD), the “because” it addresses (because: N)');
  });

  it('a systems-oriented postmortem is ready to publish', () => {
    expect(lintPostmortem(read('postmortem-ready.md'))).toMatchObject({
      diagnostics: [],
      passed: 6,
      total: 6,
      ready: true,
    });
  });

  it('a "because" about a person’s action counts against Why It Happened', () => {
    const markdown = read('postmortem-ready.md').replace(
      'Detection took six minutes because the 5xx alert averages over five minutes.',
      'Detection took six minutes because the on-call engineer ignored the first page.',
    );
    const result = lintPostmortem(markdown);
    expect(result.checks.find((c) => c.rule === 'because-statements')).toMatchObject({ passed: false, count: 1 });
    expect(result.passed).toBe(4);
  });
});

describe('oncall postmortem lint', () => {
  it('exits 1 with file:line:column diagnostics until the postmortem is ready, then 0', () => {
    const blameful = runCli(['postmortem', 'lint', path.join(root, 'docs/examples/postmortem-blameful.md')]);
    expect(blameful.code).toBe(1);
    expect(blameful.stdout).toContain('postmortem-blameful.md:12:10 blame-words');
    expect(blameful.stdout).toMatch(/Not ready to publish: 0 of 6 checks pass\.\n$/);
    const ready = runCli(['postmortem', 'lint', path.join(root, 'docs/examples/postmortem-ready.md'), '--json']);
    expect(ready.code).toBe(0);
    expect(JSON.parse(ready.stdout)).toMatchObject({ ready: true, passed: 6, total: 6, diagnostics: [] });
  });

  it('takes the team’s settings from a file, and refuses bad settings or files clearly', () => {
    const dir = tempDir();
    const config = path.join(dir, 'coach.json');
    fs.writeFileSync(config, JSON.stringify({ disabled: ['timeline-times', 'action-items', 'because-statements'] }));
    const file = path.join(os.tmpdir(), `pm-${process.pid}.md`);
    fs.writeFileSync(file, '# X\n\n## What Happened\n\n- no time here\n');
    expect(runCli(['postmortem', 'lint', file, '--config', config])).toMatchObject({ code: 0 });
    fs.writeFileSync(config, JSON.stringify({ disabled: ['no-such-rule'] }));
    expect(runCli(['postmortem', 'lint', file, '--config', config]).stderr).toMatch(
      /^oncall: --config: disabled\.0: must be one of person-named/,
    );
    fs.writeFileSync(config, '{ not json');
    expect(runCli(['postmortem', 'lint', file, '--config', config])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^oncall: --config: .* is not readable JSON/),
    });
    expect(runCli(['postmortem', 'lint', path.join(dir, 'missing.md')])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^oncall: FILE: cannot read/),
    });
    fs.rmSync(file);
  });
});
