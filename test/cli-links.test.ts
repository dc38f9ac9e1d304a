// `--link` (#18): the CLI prints each page's, incident's and postmortem's oncall:// link, and the
// app's own router (the one the desktop's protocol handler and browser mode use) opens exactly
// that item from it.
import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../shared/domain/desktop/routes';
import { runCli, tempDir } from './helpers';

const linkIn = (line: string): string => {
  const link = line.split('\t').at(-1) ?? '';
  expect(link).toMatch(/^oncall:\/\//);
  return link;
};

describe('oncall … --link', () => {
  it('follows each page, incident and postmortem with the link that opens it in the app', () => {
    const d = ['--data-dir', tempDir()];
    const page = JSON.parse(
      runCli(['page', 'add', '--service', 'checkout', '--severity', '2', '--summary', 'checkout 5xx', '--json', ...d])
        .stdout,
    ) as { id: string };

    const added = runCli([
      'page',
      'add',
      '--service',
      'search',
      '--severity',
      '4',
      '--summary',
      'slow',
      '--link',
      ...d,
    ]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const addedId = /Logged page ([^\s:]+)/.exec(added.stdout)?.[1];
    expect(parseDeepLink(linkIn(added.stdout.trim()))).toEqual({
      ok: true,
      value: { kind: 'item', item: 'page', id: addedId },
    });

    const listed = runCli(['page', 'list', '--link', ...d])
      .stdout.trim()
      .split('\n');
    expect(listed).toHaveLength(2);
    const ids = listed.map((line) => {
      const route = parseDeepLink(linkIn(line));
      expect(route.ok && route.value.kind === 'item' && route.value.item).toBe('page');
      return route.ok && route.value.kind === 'item' ? route.value.id : '';
    });
    expect(ids.sort()).toEqual([page.id, addedId].sort());
    // Without --link, the lines are as they were: no link.
    expect(runCli(['page', 'list', ...d]).stdout).not.toContain('oncall://');

    const incident = JSON.parse(
      runCli(['incident', 'create', '--page', page.id, '--title', 'Checkout down', '--severity', '2', '--json', ...d])
        .stdout,
    ) as { id: string };
    const incidents = runCli(['incident', 'list', '--link', ...d]).stdout.trim();
    expect(parseDeepLink(linkIn(incidents))).toEqual({
      ok: true,
      value: { kind: 'item', item: 'incident', id: incident.id },
    });

    const started = runCli(['postmortem', 'new', '--incident', incident.id, '--link', ...d]);
    expect(started.code).toBe(0);
    const postmortemId = /Started postmortem ([^\s:]+)/.exec(started.stdout)?.[1];
    expect(parseDeepLink(linkIn(started.stdout.trim()))).toEqual({
      ok: true,
      value: { kind: 'item', item: 'postmortem', id: postmortemId },
    });
    const postmortems = runCli(['postmortem', 'list', '--link', ...d]).stdout.trim();
    expect(linkIn(postmortems)).toBe(linkIn(started.stdout.trim()));
  });
});
