// What cannot run here (Electron's binary, electron-builder) is checked as text: every frame's
// navigation is blocked in the shell, and the packaged binary's fuses are set.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root } from '../helpers';

describe('the Electron shell and its packaging', () => {
  it('blocks navigation in every frame (will-frame-navigate), not only the main one', () => {
    const main = fs.readFileSync(path.join(root, 'electron/shell/main.ts'), 'utf8');
    expect(main).toMatch(
      /contents\.on\('will-frame-navigate', \(event\) => \{\s*if \(!event\.isMainFrame \|\| event\.url\.split\('#'\)\[0\] !== rendererUrl\) event\.preventDefault\(\);/,
    );
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect; only the integrity-checked app.asar', () => {
    const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
      electronFuses?: Record<string, boolean>;
    };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });
});
