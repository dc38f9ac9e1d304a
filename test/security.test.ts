import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../electron/server/server';
import { root } from './helpers';

describe('the Electron shell', () => {
  it('uses one Content Security Policy everywhere: the window, the page itself and the loopback server', () => {
    const main = fs.readFileSync(path.join(root, 'electron/shell/main.ts'), 'utf8');
    const header = /"(default-src[^"]+)"/.exec(main)?.[1];
    expect(header).toBe(contentSecurityPolicy);
    const html = fs.readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // frame-ancestors is not allowed in a meta tag; everything else must match.
    expect(meta).toBe(contentSecurityPolicy.replace("; frame-ancestors 'none'", ''));
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('the built preload gives the page exactly one function, which forwards to one IPC channel', async () => {
    const exposed: Record<string, unknown> = {};
    const calls: unknown[][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: (...args: unknown[]) => (calls.push(args), Promise.resolve('answer')) },
    };
    const preload = path.join(root, 'dist/preload.cjs');
    const source = fs.readFileSync(preload, 'utf8');
    const module = new Module(preload);
    module.filename = preload;
    const requireStub = (name: string): unknown => {
      if (name === 'electron') return fakeElectron;
      throw new Error(`the sandboxed preload may only require electron, not ${name}`);
    };
    new Function('require', 'module', 'exports', source)(requireStub, module, module.exports);
    expect(Object.keys(exposed)).toEqual(['oncall']);
    const api = exposed.oncall as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(Object.keys(api)).toEqual(['invoke']);
    await expect(api.invoke?.('pages.list', { limit: 5 })).resolves.toBe('answer');
    expect(calls).toEqual([['oncall:invoke', 'pages.list', { limit: 5 }]]);
  });
});
