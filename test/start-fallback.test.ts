// `npm start` where Electron cannot run: one line says why, then the same app starts in browser
// mode (`oncall serve`) and its token address is printed — and answers. The built app
// (`npm run build` first); the build step itself is skipped here (ONCALL_START_NO_BUILD).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root, tempDir, testEnv } from './helpers';

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

async function start(env: NodeJS.ProcessEnv): Promise<{ url: string; token: string; errors: string[] }> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'start.mjs'), '--data-dir', tempDir(), '--port', '0'],
    {
      cwd: root,
      env: testEnv({ ONCALL_START_NO_BUILD: '1', BROWSER: 'none', DISPLAY: ':99', ...env }),
    },
  );
  running.push(
    () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${out}\n${err}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^Open (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+)) in your browser\.$/m.exec(out);
      if (match) resolve({ url: match[1] ?? '', token: match[2] ?? '', errors: err.split('\n').filter(Boolean) });
    });
  });
}

async function expectServing(url: string, token: string): Promise<void> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  const origin = new URL(url).origin;
  const info = await fetch(`${origin}/api/app.info`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(await info.json()).toMatchObject({ ok: true, value: { version: expect.any(String) as string } });
}

describe('npm start without Electron', () => {
  it('says in one line that the binary is missing, then serves the app at its token address', async () => {
    const { url, token, errors } = await start({ ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist' });
    expect(errors).toEqual([
      "npm start: Electron's binary is not at /nonexistent/electron-dist/electron (ELECTRON_OVERRIDE_DIST_PATH) — starting the app in your browser instead.",
    ]);
    await expectServing(url, token);
  });

  it.skipIf(fs.existsSync(path.join(root, 'node_modules', 'electron', 'path.txt')))(
    'says in one line that the download failed (nothing listens at the mirror), then serves the app',
    async () => {
      const { url, token, errors } = await start({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' });
      expect(errors).toEqual([
        expect.stringMatching(
          /^npm start: could not download Electron [\d.]+ \(ECONNREFUSED\) — starting the app in your browser instead\.$/,
        ),
      ]);
      await expectServing(url, token);
    },
  );
});
