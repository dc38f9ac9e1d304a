/// <reference lib="dom" />
// Typing into the postmortem editor in Chromium with the coach on: the 95th percentile of the
// main thread's work per keystroke (every task from the key to its frame: the editor, React,
// style, layout, paint), over a 5,000-word postmortem — the path the user types through. The
// structure checks and blame words over the whole document run once typing pauses for 150 ms, the
// structure coach (NLP) in its worker after 300 ms; either is counted whenever it lands inside a
// keystroke's frame.
// Its floor: the same keystrokes, measured the same way, in a plain <textarea> on the same page.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { corpus } from '../test/fixtures/blameless-corpus';
import { round3 } from './measure';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'bin', 'oncall.cjs');
const words = 5000;
const keystrokes = 160;

function postmortemOf(wordCount: number): string {
  const systemic = corpus.filter((c) => !c.blameful).map((c) => c.text);
  const parts = ['# Checkout outage', '', '## What Happened', '', '_Times are in UTC (UTC+00:00)._', ''];
  let count = 0;
  let i = 0;
  const add = (line: string): void => {
    parts.push(line);
    count += line.split(/\s+/).length;
  };
  while (count < wordCount * 0.3)
    add(`- 2026-11-08 03:${String(i % 60).padStart(2, '0')} ${systemic[i++ % systemic.length]}`);
  parts.push('', '## Why It Happened', '');
  while (count < wordCount * 0.8) add(`${i}. It spread because ${systemic[i++ % systemic.length]}`);
  parts.push('', '## What Teams Are Changing', '');
  while (count < wordCount) add(`- Add a guard rail (${i++}) — owner: @ann, due: 2026-12-15, because: 2`);
  return `${parts.join('\n')}\n`;
}

function run(args: string[], dir: string): string {
  const result = spawnSync(process.execPath, [cli, ...args, '--data-dir', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`oncall ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function serve(dir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dir]);
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`oncall serve exited ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^Serving on (\S+)$/m.exec(out);
      if (match?.[1]) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
  });
}

/**
 * The main thread's work for each keystroke: Chromium's own TaskDuration counter (every task —
 * script, style, layout, paint) read before a key and after the frame that shows it.
 */
async function measure(page: Page, text: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async (): Promise<number> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  };
  const settled = (): Promise<void> =>
    page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const times: number[] = [];
  await settled();
  for (const key of text) {
    const before = await taskSeconds();
    await page.keyboard.type(key);
    await settled();
    times.push(((await taskSeconds()) - before) * 1000);
  }
  await cdp.detach();
  // BENCH_DEBUG=1: each keystroke's time in the order typed (to see what the slow ones follow).
  if (process.env.BENCH_DEBUG) process.stderr.write(`${times.map((t) => t.toFixed(1)).join(' ')}\n`);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.95)] ?? NaN;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-bench-editor-'));
  try {
    run(['me', 'set', '--name', 'Ann Berg', '--handle', 'ann', '--zone', 'UTC'], dir);
    const file = path.join(dir, 'long.md');
    fs.writeFileSync(file, postmortemOf(words));
    run(['postmortem', 'import', file, '--apply'], dir);
    const server = await serve(dir);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(server.url);
      await page
        .getByRole('heading', { name: 'Pages' })
        .or(page.getByRole('heading', { name: 'No pages yet' }))
        .waitFor();
      await page.keyboard.press('i');
      await page.getByRole('button', { name: /Checkout outage/ }).click();
      const editor = page.getByRole('textbox', { name: 'Why It Happened', exact: true });
      // The structure coach's first answer (from its worker) is in: the side panel is no longer busy.
      await page.locator('aside.pm-side[aria-busy="false"]').waitFor({ timeout: 30_000 });
      await editor.click();
      await page.keyboard.press('Control+End');
      const text = ' The retry storm grew because the client has no backoff and the queue has no limit.'.repeat(3);
      const typed = text.slice(0, keystrokes);
      const editorP95 = await measure(page, typed);
      const saved = await page
        .getByRole('status')
        .filter({ hasText: /^Saved/ })
        .textContent({ timeout: 5000 });
      if (!saved) throw new Error('the typing was not saved');

      await page.evaluate(() => {
        const area = document.createElement('textarea');
        area.setAttribute('aria-label', 'floor');
        document.body.prepend(area);
      });
      await page.getByLabel('floor').focus();
      const floorP95 = await measure(page, typed);
      process.stdout.write(
        JSON.stringify({ editor_keystroke_p95_ms: round3(editorP95), editor_keystroke_p95_floor_ms: round3(floorP95) }),
      );
    } finally {
      await browser.close();
      server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
