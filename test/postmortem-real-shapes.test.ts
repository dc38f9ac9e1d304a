// Postmortems in shapes found in published documents that the first import fixtures did not have:
// entries dated 2017/01/31, an improvements table whose wording column is headed "Issue",
// Confluence task lists with @mentions and dates, table cells of several paragraphs (Google Docs,
// Confluence), and setext headings read by the linter as they are by the import.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeOk, runCli, tempDir, tempWorkstation } from './helpers';

const fixtureFile = (name: string): string => path.join(__dirname, 'fixtures', 'postmortem-import', name);
const fixture = (name: string): string => fs.readFileSync(fixtureFile(name), 'utf8');

describe('importing postmortems in shapes from published documents', () => {
  it('dates timeline entries by their own 2017/01/31 date, not the blog post’s, and reads an "Issue" table', () => {
    const ws = tempWorkstation();
    const markdown = fixture('slash-dates-issue-table.md');
    const preview = invokeOk(ws, 'postmortems.previewImport', { markdown, fileName: 'outage.md' });
    expect(preview.details).toContainEqual({ field: 'date', value: '2017-02-10' });
    // The entries' own date (and the later ones, which give only a time) — not the publication date.
    expect(preview.timeline.map((t) => t.at)).toEqual([
      '2017-01-31T16:00:00Z',
      '2017-01-31T17:20:00Z',
      '2017-01-31T21:00:00Z',
      '2017-01-31T23:27:00Z',
    ]);
    expect(preview.actionItems).toMatchObject([
      {
        title: 'Make the shell prompt name the host and its role (#1094)',
        owner: 'yorick',
        due: '2017-02-15',
        link: 'https://gitlab.example.com/infrastructure/issues/1094',
        from: 'table in Improving Recovery Procedures, row 1',
      },
      { title: 'Monitor that backups are made and restorable', owner: 'pablo', due: '2017-03-01', link: null },
      { title: "Cap PostgreSQL's max_connections", owner: 'yorick', due: '2017-02-20' },
      { title: 'Try point-in-time recovery on a staging copy', owner: null, due: null },
    ]);
    const { postmortem } = invokeOk(ws, 'postmortems.import', { markdown, fileName: 'outage.md' });
    expect(postmortem.body).toContain('- 2017-01-31 23:27 the data directory on the primary is removed');
    expect(postmortem.body).not.toContain('2017-02-10 16:00');
    expect(postmortem.actionItems).toHaveLength(4);
  });

  it('reads a Confluence task list: the @mention is the owner, the date the due date, a checked task done', () => {
    const ws = tempWorkstation();
    const html = fixture('confluence-tasks.html');
    const preview = invokeOk(ws, 'postmortems.previewImport', { html, fileName: 'page.html' });
    expect(preview.title).toBe('2026-09-14 Login outage postmortem');
    expect(preview.actionItems).toMatchObject([
      { title: 'Validate TTL in the config schema', owner: 'aberg', due: '2026-09-30', status: 'done' },
      { title: 'Add a login canary', owner: 'rkumar', due: '2026-10-15', status: 'open' },
    ]);
    // A cell of two paragraphs stays one entry, without HTML the app would show as text.
    expect(preview.timeline.map((t) => [t.at, t.text])).toEqual([
      ['2026-09-14T09:02:00Z', 'Login errors alert fires.'],
      ['2026-09-14T09:30:00Z', 'Change reverted. Logins recover.'],
    ]);
    expect(preview.markdown).not.toMatch(/<br|Created by|breadcrumb/);
    // Tags on lines of their own (as the export writes them) leave no empty header row above a table's own.
    expect(preview.markdown).not.toMatch(/^\|(?:\s+\|)+$/m);
    expect(preview.markdown).toContain('| Incident date | 14 Sep 2026 |\n| --- | --- |\n| Owner | Ann Berg |');
    expect(preview.markdown).toContain('- [x] Validate TTL in the config schema (owner: @aberg, due: 2026-09-30)');
    const { postmortem } = invokeOk(ws, 'postmortems.import', { html });
    expect(postmortem.actionItems.map((a) => [a.owner, a.due, a.status])).toEqual([
      ['aberg', '2026-09-30', 'done'],
      ['rkumar', '2026-10-15', 'open'],
    ]);
  });

  it('reads Google Docs tables (no <th>, every cell a <p>): the action-item and timeline tables', () => {
    const ws = tempWorkstation();
    const preview = invokeOk(ws, 'postmortems.previewImport', { html: fixture('google-docs-tables.html') });
    expect(preview.title).toBe('Incident report: checkout errors');
    expect(preview.sections.map((s) => s.title)).toEqual(['Timeline', 'Root cause', 'Action items']);
    expect(preview.actionItems).toMatchObject([
      {
        title: 'Default new flags to off',
        owner: 'ann',
        due: '2026-11-15',
        link: 'https://tracker.example.com/CHK-12',
      },
      { title: 'Canary with synthetic checkout traffic', owner: 'ravi', due: '2026-12-01', link: null },
    ]);
    expect(preview.timeline.map((t) => t.text)).toEqual([
      'Checkout error rate alert fires',
      'Deploy rolled back Errors stop',
    ]);
    expect(preview.markdown).not.toMatch(/<br|google\.com\/url/);
  });

  it('keeps foreign front matter whose fields clash with the app’s (id: 42) and reads a Remediation table with DRI and ETA', () => {
    const dir = tempDir();
    const file = path.join(dir, 'jekyll.md');
    fs.writeFileSync(
      file,
      '---\nid: 42\nstatus: resolved\ntitle: Outage\nlayout: post\n---\n\n### Timeline\n\n- 10:00 alert\n\n' +
        '### Remediation\n\n| Action | DRI | ETA |\n|---|---|---|\n| Add a canary | bob | Q1 2027 |\n',
    );
    const shown = runCli(['postmortem', 'import', file, '--json', '--data-dir', dir]);
    expect(shown.code).toBe(0);
    const preview = JSON.parse(shown.stdout) as {
      details: { field: string; value: string }[];
      actionItems: { title: string; owner: string; due: string | null; note: string | null }[];
      notes: string[];
    };
    expect(preview.details).toContainEqual({ field: 'id', value: '42' });
    expect(preview.actionItems).toEqual([
      expect.objectContaining({
        title: 'Add a canary',
        owner: 'bob',
        due: null,
        note: 'due “Q1 2027” is not a date; left empty',
      }),
    ]);
    expect(preview.notes).toContain('1 timeline entry has a time but no date: it is kept as written.');
    const applied = runCli(['postmortem', 'import', file, '--apply', '--data-dir', dir]);
    expect(applied.stdout).toMatch(/^Imported postmortem \S+: Outage \(1 action item\)\n$/);
  });

  it('oncall postmortem lint finds the sections of a document with setext headings', () => {
    const dir = tempDir();
    const file = fixtureFile('setext-headings.md');
    const linted = runCli(['postmortem', 'lint', file, '--json', '--data-dir', dir]);
    const result = JSON.parse(linted.stdout) as { diagnostics: { rule: string; message: string; line: number }[] };
    const messages = result.diagnostics.map((d) => d.message).join('\n');
    // "Root causes" and "Action items" underlined with dashes are the sections they name.
    expect(messages).not.toMatch(/there is no/);
    expect(messages).toContain(
      '“Root causes” needs at least five “because” statements about the system: 1 of at least 5',
    );
    // Its two action items are read (each lacks only the "because" it addresses).
    expect(result.diagnostics.filter((d) => d.rule === 'action-items').map((d) => d.line)).toEqual([26, 27]);
  });
});
