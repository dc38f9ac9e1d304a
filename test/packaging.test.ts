// What the packages are made from: the icons at every size each target needs, written by
// scripts/icons.mjs from resources/icon.svg (and the committed files equal to what it writes),
// and electron-builder.yml valid against electron-builder's own schema, with the workers and
// better-sqlite3 unpacked beside app.asar. (Packaging itself needs the network: docs/release.md.)

import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { root, tempDir } from './helpers';

const pngSize = (data: Buffer): [number, number] => [data.readUInt32BE(16), data.readUInt32BE(20)];

describe('packaging', () => {
  it('has the icons every target needs, exactly as scripts/icons.mjs writes them', () => {
    const out = tempDir();
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'icons.mjs'), out], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const name = path.join('icons', `${size}x${size}.png`);
      const committed = fs.readFileSync(path.join(root, 'resources', name));
      expect(pngSize(committed), name).toEqual([size, size]);
      expect(
        committed.equals(fs.readFileSync(path.join(out, name))),
        `${name} is stale: run node scripts/icons.mjs`,
      ).toBe(true);
    }
    const ico = fs.readFileSync(path.join(root, 'resources', 'icon.ico'));
    expect(ico.equals(fs.readFileSync(path.join(out, 'icon.ico')))).toBe(true);
    expect(ico.readUInt16LE(4)).toBe(7);
    const icns = fs.readFileSync(path.join(root, 'resources', 'icon.icns'));
    expect(icns.equals(fs.readFileSync(path.join(out, 'icon.icns')))).toBe(true);
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('has an electron-builder.yml its schema accepts, for AppImage, deb, universal dmg and NSIS', () => {
    const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
      linux: { target: unknown };
      mac: { target: unknown };
      win: { target: unknown };
      asarUnpack: string[];
      protocols: unknown;
      npmRebuild: boolean;
    };
    // electron-builder's own validator and schema (app-builder-lib ships both).
    const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
    const Ajv = builderRequire('ajv') as new (options: object) => {
      compile: (schema: object) => ((data: unknown) => boolean) & { errors: unknown };
    };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(builderRequire('./scheme.json') as object);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        '**/*.node',
        'dist/sync-worker.cjs',
        'dist/import-worker.cjs',
        'node_modules/better-sqlite3/**/*',
      ]),
    );
    expect(config.protocols).toEqual([{ name: 'On-call Workstation link', schemes: ['oncall'] }]);
    expect(config.npmRebuild).toBe(true);
  });
});
