// Importing postmortems as people really write them: Markdown with any heading style or none,
// foreign front matter, HTML from Confluence and Google Docs, .docx — what the preview says each
// block, action item and timeline entry becomes, and that import stores exactly that.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxToHtml } from '../electron/import/postmortem-docx';
import { postmortemDocx } from './fixtures/postmortem-import/docx';
import { invoke, invokeOk, runCli, tempDir, tempWorkstation } from './helpers';

const fixture = (name: string): string =>
  fs.readFileSync(path.join(__dirname, 'fixtures', 'postmortem-import', name), 'utf8');

describe('postmortem import', () => {
  it('reads a blog post with its own front matter and "###" headings: details kept, "1)" next steps, dated timeline', () => {
    const ws = tempWorkstation();
    const markdown = fixture('blog-front-matter.md');
    const preview = invokeOk(ws, 'postmortems.previewImport', { markdown, fileName: 'outage.md' });
    expect(preview.title).toBe('Postmortem of the primary database outage of March 14');
    expect(preview.details).toContainEqual({ field: 'author', value: 'Platform team' });
    expect(preview.details).toContainEqual({ field: 'tags', value: 'postgres, outage' });
    expect(preview.sections.map((s) => s.title)).toEqual(['Timeline', 'Root cause analysis', 'Next steps']);
    expect(preview.actionItems).toMatchObject([
      { title: 'Make the shell prompt name the host’s role'.replace('’', "'"), owner: 'ines', due: '2026-04-01' },
      { title: 'Test restores from backups every day', owner: 'dmitri', due: '2026-04-15' },
      { title: 'Alert when replication lag passes 5 minutes', owner: 'ann', due: null },
    ]);
    expect(preview.actionItems[0]?.link).toBe('https://tracker.example.com/issues/1501');
    // Entries without a date take the last date above them.
    expect(preview.timeline.map((t) => t.at)).toEqual([
      '2026-03-14T17:20:00Z',
      '2026-03-14T17:45:00Z',
      '2026-03-14T18:02:00Z',
      '2026-03-14T20:40:00Z',
    ]);
    // Nothing is stored by the preview.
    expect(invokeOk(ws, 'postmortems.list', {})).toEqual([]);

    const { postmortem, created } = invokeOk(ws, 'postmortems.import', { markdown, fileName: 'outage.md' });
    expect(created).toBe(true);
    expect(postmortem.title).toBe(preview.title);
    expect(postmortem.body).toBe(preview.markdown);
    expect(postmortem.body).toContain('| author | Platform team |');
    expect(postmortem.body).toContain('- 2026-03-14 18:02 Database alerts fire');
    expect(postmortem.actionItems.map((a) => [a.owner, a.due])).toEqual([
      ['ines', '2026-04-01'],
      ['dmitri', '2026-04-15'],
      ['ann', null],
    ]);
  });

  it('keeps one "Times are in" line when the document already has one (an export of this app, imported again)', () => {
    const ws = tempWorkstation();
    const markdown = [
      '# Checkout outage',
      '',
      '## What Happened',
      '',
      '_Times are in UTC (UTC+00:00)._',
      '',
      '- 2026-11-08 03:10 Alert fired for checkout latency.',
      '- 2026-11-08 03:25 Rolled back the release.',
      '',
      '## Why It Happened',
      '',
      '1. It spread because the client has no backoff.',
    ].join('\n');
    const { postmortem } = invokeOk(ws, 'postmortems.import', { markdown, fileName: 'outage.md' });
    expect(postmortem.body.match(/Times are in/g)).toHaveLength(1);
    expect(postmortem.body).toContain(
      '_Times are in UTC (UTC+00:00)._\n\n- 2026-11-08 03:10 Alert fired for checkout latency.\n- 2026-11-08 03:25 Rolled back the release.',
    );
  });

  it('reads setext headings, a PST/PDT timeline and checked action items', () => {
    const ws = tempWorkstation();
    const preview = invokeOk(ws, 'postmortems.previewImport', { markdown: fixture('setext-headings.md') });
    expect(preview.title).toBe('Flutter tool crash on upgrade');
    expect(preview.sections.map((s) => s.title)).toEqual([
      'Timeline (all times in PST/PDT)',
      'Root causes',
      'Action items',
    ]);
    expect(preview.timeZone).toBe('America/Los_Angeles');
    expect(preview.timeline[0]).toEqual({
      at: '2026-10-07T21:44:00Z',
      written: '14:44',
      text: 'the release branch is tagged',
    });
    expect(preview.actionItems).toMatchObject([
      { title: 'Add a version check to the cache reader', owner: 'mei', status: 'done' },
      { title: 'Run the upgrade path in CI', owner: 'ravi', due: '2026-11-01', status: 'open' },
    ]);
  });

  it('refuses a document without headings until its blocks are mapped, then stores what the mapping says', () => {
    const ws = tempWorkstation();
    const markdown = fixture('no-headings.md');
    const preview = invokeOk(ws, 'postmortems.previewImport', { markdown });
    expect(preview.sections).toEqual([]);
    expect(preview.notes[0]).toMatch(/map blocks to sections/);
    expect(preview.blocks.map((b) => b.kind)).toEqual(['paragraph', 'list', 'paragraph', 'list']);
    expect(invoke(ws, 'postmortems.import', { markdown })).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_input',
        field: 'markdown',
        message: expect.stringMatching(/^markdown: no sections found/),
      },
    });
    expect(invokeOk(ws, 'postmortems.list', {})).toEqual([]);

    const mapping = [
      { block: 1, section: 'What Happened' },
      { block: 2, section: 'Why It Happened' },
      { block: 3, section: 'What Teams Are Changing' },
    ];
    const mapped = invokeOk(ws, 'postmortems.previewImport', { markdown, mapping });
    expect(mapped.blocks.map((b) => [b.section, b.mapped])).toEqual([
      [null, false],
      ['What Happened', true],
      ['Why It Happened', true],
      ['What Teams Are Changing', true],
    ]);
    // No date anywhere in its prose: the times are kept as written, and the preview says so.
    expect(mapped.timeline.map((t) => [t.at, t.written])).toEqual([
      [null, '21:05'],
      [null, '21:20'],
      [null, '21:31'],
    ]);
    expect(mapped.notes.join(' ')).toMatch(/3 timeline entries have a time but no date/);
    const { postmortem } = invokeOk(ws, 'postmortems.import', { markdown, mapping });
    expect(postmortem.body).toContain('## Why It Happened\n\nThe basket service timed out because');
    expect(postmortem.actionItems).toMatchObject([{ title: 'Size the pool from measured peak traffic', owner: 'ann' }]);
  });

  it('reads a Confluence HTML export: page chrome dropped, timeline and action-item tables read', () => {
    const ws = tempWorkstation();
    const html = fixture('confluence-export.html');
    const preview = invokeOk(ws, 'postmortems.previewImport', { html, fileName: 'page.html' });
    expect(preview.format).toBe('html');
    expect(preview.title).toBe('Shakespeare search outage 2026-10-21');
    expect(preview.sections.map((s) => s.title)).toEqual([
      'Summary',
      'Impact',
      'Root causes',
      'Timeline',
      'Action items',
      'Lessons learned',
    ]);
    expect(preview.markdown).not.toMatch(/Created by|breadcrumb|AJS|<script|confluenceTable/);
    expect(preview.timeline.map((t) => t.at)).toEqual([
      '2026-10-21T14:51:00Z',
      '2026-10-21T14:53:00Z',
      '2026-10-21T15:32:00Z',
      '2026-10-21T15:57:00Z',
    ]);
    expect(preview.actionItems).toMatchObject([
      { owner: 'jennifer', due: '2026-11-15', link: 'https://bugs.example.com/5554823' },
      { owner: 'martin', due: '2026-12-01', link: 'https://bugs.example.com/5554824' },
      { owner: 'docbrown', due: null, note: 'due “next quarter” is not a date; left empty' },
    ]);
    const { postmortem } = invokeOk(ws, 'postmortems.import', { html });
    expect(postmortem.actionItems).toHaveLength(3);
    expect(postmortem.body).toContain('[runbook](https://sre.example.com/runbooks/shakespeare)');
  });

  it('reads a Google Docs web page: the Title style is the title, google.com/url links unwrapped', () => {
    const ws = tempWorkstation();
    const preview = invokeOk(ws, 'postmortems.previewImport', { html: fixture('google-docs.html') });
    expect(preview.title).toBe('Postmortem: payments API latency');
    expect(preview.sections.map((s) => s.title)).toEqual([
      'Incident summary',
      'Timeline',
      'Five whys',
      'Corrective actions',
    ]);
    expect(preview.actionItems[0]).toMatchObject({
      owner: 'ann',
      due: '2026-12-01',
      link: 'https://tracker.example.com/PAY-812',
    });
    expect(preview.markdown).not.toContain('google.com/url');
    expect(preview.timeline).toHaveLength(3);
    expect(preview.timeline[0]?.at).toBe('2026-11-03T09:12:00Z');
  });

  it('reads a .docx (as mammoth converts it): headings, paragraph timeline, table without a header row', async () => {
    const ws = tempWorkstation();
    const html = await docxToHtml(postmortemDocx());
    const preview = invokeOk(ws, 'postmortems.previewImport', { html, format: 'docx' });
    expect(preview.format).toBe('docx');
    expect(preview.title).toBe('Search indexer backlog');
    expect(preview.sections.map((s) => s.title)).toEqual([
      'Incident summary',
      'Timeline',
      'Root cause',
      'Corrective actions',
    ]);
    expect(preview.actionItems).toMatchObject([
      { title: 'Send poison messages to a dead-letter queue (SRCH-88)', owner: 'ravi', due: '2026-10-01' },
      { title: 'Alert on consumer lag per partition (SRCH-89)', owner: 'mei', due: '2026-10-15' },
    ]);
    expect(preview.timeline.map((t) => t.at)).toEqual([
      '2026-09-09T08:10:00Z',
      '2026-09-09T09:05:00Z',
      '2026-09-09T10:20:00Z',
    ]);
  });

  it('names what is wrong with a bad document and stores nothing', () => {
    const ws = tempWorkstation();
    expect(invoke(ws, 'postmortems.previewImport', { markdown: '---\ntitle: [unclosed\n---\n## A\n' })).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_input',
        field: 'markdown',
        message: expect.stringMatching(/^markdown: front matter is not valid YAML/),
      },
    });
    expect(invoke(ws, 'postmortems.import', { markdown: '## A\n', html: '<p>b</p>' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', message: expect.stringMatching(/one of them/) },
    });
    expect(
      invoke(ws, 'postmortems.import', { html: '<html><body><p>just a paragraph</p></body></html>' }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', field: 'html', message: expect.stringMatching(/^html: no sections found/) },
    });
    expect(invokeOk(ws, 'postmortems.list', {})).toEqual([]);
  });

  it('oncall postmortem import shows the preview, stores only with --apply, reads .docx and takes --map', () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    const docx = path.join(dir, 'indexer.docx');
    fs.writeFileSync(docx, postmortemDocx());
    const shown = runCli(['postmortem', 'import', docx, ...d]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Title: Search indexer backlog (docx)');
    expect(shown.stdout).toContain('Action items (2):');
    expect(shown.stdout).toContain('Nothing stored yet: run again with --apply to import it.');
    expect(JSON.parse(runCli(['postmortem', 'list', '--json', ...d]).stdout)).toEqual([]);

    const notes = path.join(dir, 'notes.md');
    fs.writeFileSync(notes, fixture('no-headings.md'));
    expect(runCli(['postmortem', 'import', notes, '--apply', ...d])).toMatchObject({ code: 2 });
    const json = JSON.parse(
      runCli(['postmortem', 'import', notes, '--json', '--map', '2=Why It Happened', '--map', '1=What Happened', ...d])
        .stdout,
    ) as { sections: { title: string }[] };
    expect(json.sections.map((s) => s.title)).toEqual(['What Happened', 'Why It Happened']);
    expect(runCli(['postmortem', 'import', notes, '--map', 'two=Why', ...d])).toMatchObject({
      code: 2,
      stderr: 'oncall: --map: “two=Why” must be BLOCK=SECTION, e.g. 3="What Happened"\n',
    });
    const applied = runCli(['postmortem', 'import', docx, '--apply', ...d]);
    expect(applied.stdout).toMatch(/^Imported postmortem \S+: Search indexer backlog \(2 action items\)\n$/);
  });
});
