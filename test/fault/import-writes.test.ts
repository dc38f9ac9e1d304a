// Logging a page while a first import of a large repository runs in another process (#20): the
// import commits in short chunks and lets other writers in, so the page is stored at once — while
// the import is still going, never "store busy" — and the next sync sends it with nothing doubled.
// (How long such a write waits is a figure of `npm run bench`: page_insert_during_import_p95_ms.)
// Needs `npm run build` (the CLI is the built one).

import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { demoRepository } from '../git-helpers';
import { cliOk, cliPath, invoke, invokeOk, sleep, tempDir, tempWorkstation, testEnv } from '../helpers';

describe('a page logged during a first import', () => {
  it('is stored while the import runs, and the next sync sends it without doubling anything', async () => {
    // Big enough that importing it takes seconds here.
    const remote = demoRepository({ people: 5, months: 6, pages: 30000 });

    const dir = tempDir();
    cliOk(dir, 'me', 'set', '--name', 'Kim', '--handle', 'kim', '--zone', 'UTC');
    cliOk(dir, 'repo', 'connect', remote);
    const child = spawn(process.execPath, [cliPath, 'sync', '--progress', '--data-dir', dir], { env: testEnv() });
    let progress = '';
    child.stderr.on('data', (chunk: Buffer) => (progress += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let running = true;
    void exited.then(() => (running = false));

    // Wait for the import phase (reading and merging the files write nothing).
    while (running && !/Importing records/.test(progress.split('\n').at(-2) ?? '')) await sleep(20);
    expect(running).toBe(true);
    const ws = tempWorkstation({}, dir);
    const logged: string[] = [];
    for (let n = 0; n < 5 && running; n += 1) {
      const result = invoke(ws, 'pages.add', {
        service: 'checkout',
        severity: 1,
        summary: `paged during the import ${n}`,
        receivedAt: '2026-11-25T09:00:00Z',
      });
      expect(result.ok ? 'stored' : result.error.kind).toBe('stored');
      // Stored and readable while the import still runs.
      expect(running).toBe(true);
      if (result.ok) logged.push((result.value as { id: string }).id);
      await sleep(50);
    }
    expect(logged.length).toBeGreaterThanOrEqual(3);
    expect(await exited).toBe(0);

    const summaries = ws.ctx.db
      .prepare("SELECT summary FROM pages WHERE summary LIKE 'paged during the import %'")
      .pluck()
      .all();
    expect(summaries).toHaveLength(logged.length);
    // Queued for sync like any page (the import's flag never covered them), and sent once.
    const report = invokeOk(ws, 'repo.sync', {});
    expect(report.ok).toBe(true);
    expect(report.sent.pages).toBe(logged.length);
    const ids = ws.ctx.db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM pages').get() as {
      n: number;
      d: number;
    };
    expect(ids.n).toBe(ids.d);
    const inRepository = execFileSync('git', ['-C', remote, 'grep', '-h', '-c', '"id"', 'main', '--', 'pages'], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .reduce((n, count) => n + Number(count), 0);
    expect(inRepository).toBe(ids.n);
    // Found by search: the bulk load's rebuild at the end reads the whole table, their rows too.
    const found = invokeOk(ws, 'pages.list', { query: 'paged during', limit: 50 });
    expect(found.pages.map((p) => p.id).sort()).toEqual([...logged].sort());
  }, 240_000);
});
