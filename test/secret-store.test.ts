// The SecretStore contract (electron/import/history/secret-store.ts) with a stand-in for
// Electron's safeStorage that really encrypts (AES-256-GCM under a key only it holds): a token
// comes back as it went in, the file on disk holds no form of it, and a keychain that cannot be
// used is a plain refusal that writes nothing. Then the pull door (pull-door.ts) with each store:
// a token asked to be remembered is kept only once the platform accepted it, used when the next
// pull gives none, and refused by the browser door with its plain sentence.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPulls } from '../electron/import/history/pull-door';
import {
  browserDoorSecrets,
  encryptedFileSecrets,
  SecretRefused,
  type OsEncryption,
} from '../electron/import/history/secret-store';
import { tempDir, tempWorkstation } from './helpers';
import { replay } from './replay';

const token = 'u+w1ZkT0ken-that-must-stay-secret';

/** safeStorage as Electron's types describe it, encrypting for real; `available` and the backend can be switched. */
function fakeSafeStorage(): OsEncryption & { available: boolean; backend: string } {
  const key = crypto.randomBytes(32);
  return {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable() {
      return this.available;
    },
    getSelectedStorageBackend() {
      return this.backend;
    },
    encryptString(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

function expectNowhereIn(file: string): void {
  const bytes = fs.readFileSync(file);
  for (const form of [token, Buffer.from(token).toString('base64'), Buffer.from(token).toString('hex')])
    expect(bytes.includes(form), form).toBe(false);
}

describe('the SecretStore over safeStorage', () => {
  it('gives back what it kept, by platform and address, with only ciphertext on disk', () => {
    const file = path.join(tempDir(), 'userData', 'pull-tokens.json');
    const store = encryptedFileSecrets(file, fakeSafeStorage(), 'linux');
    expect(store.availability().available).toBe(true);
    expect(store.get('pagerduty', 'https://api.pagerduty.com/')).toBeNull();
    store.set('pagerduty', 'https://api.pagerduty.com/', token);
    store.set('opsgenie', 'https://api.eu.opsgenie.com/', 'another-key');
    expect(store.get('pagerduty', 'https://api.pagerduty.com/')).toBe(token);
    expect(store.get('pagerduty', 'https://other.example/')).toBeNull();
    expect(store.list()).toEqual([
      { platform: 'pagerduty', baseUrl: 'https://api.pagerduty.com/' },
      { platform: 'opsgenie', baseUrl: 'https://api.eu.opsgenie.com/' },
    ]);
    expectNowhereIn(file);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    // Another store over the same file and keychain (the next launch) reads it back.
    expect(store.delete('opsgenie', 'https://api.eu.opsgenie.com/')).toBe(true);
    expect(store.list()).toEqual([{ platform: 'pagerduty', baseUrl: 'https://api.pagerduty.com/' }]);
  });

  it('refuses plainly when the keychain cannot be used, and writes nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pull-tokens.json');
    const os = fakeSafeStorage();
    os.available = false;
    const store = encryptedFileSecrets(file, os, 'darwin');
    expect(store.availability()).toEqual({
      available: false,
      note: 'this computer’s keychain cannot be used now, so the token is kept for this pull only',
    });
    expect(() => store.set('pagerduty', 'https://api.pagerduty.com/', token)).toThrow(SecretRefused);
    expect(() => store.set('pagerduty', 'https://api.pagerduty.com/', token)).toThrow(
      'the token cannot be remembered: this computer’s keychain cannot be used now, so the token is kept for this pull only',
    );
    expect(fs.existsSync(file)).toBe(false);

    // Linux without a keyring: Chromium's basic_text key is no keychain.
    const linux = fakeSafeStorage();
    linux.backend = 'basic_text';
    const basic = encryptedFileSecrets(file, linux, 'linux');
    expect(basic.availability().available).toBe(false);
    expect(() => basic.set('pagerduty', 'https://api.pagerduty.com/', token)).toThrow(/no keyring/);
    expect(fs.existsSync(file)).toBe(false);

    // Kept while it worked, then the keychain went away or changed: a refusal, never the ciphertext.
    const kept = fakeSafeStorage();
    encryptedFileSecrets(file, kept, 'darwin').set('pagerduty', 'https://api.pagerduty.com/', token);
    kept.available = false;
    expect(() => encryptedFileSecrets(file, kept, 'darwin').get('pagerduty', 'https://api.pagerduty.com/')).toThrow(
      /the remembered token cannot be read: .*; type the token/,
    );
    expect(() =>
      encryptedFileSecrets(file, fakeSafeStorage(), 'darwin').get('pagerduty', 'https://api.pagerduty.com/'),
    ).toThrow('the remembered token can no longer be decrypted (the keychain changed); type the token again');
  });
});

const fixtures = path.join(__dirname, 'fixtures', 'history');
const page1 = fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-1.json'), 'utf8');
const page2 = fs.readFileSync(path.join(fixtures, 'pagerduty-incidents-2.json'), 'utf8');

describe('the pull door and its SecretStore', () => {
  it('keeps a token only once the platform took it, and uses it when none is typed', async () => {
    const platform = await replay();
    const ws = tempWorkstation();
    const file = path.join(tempDir(), 'pull-tokens.json');
    const secrets = encryptedFileSecrets(file, fakeSafeStorage(), 'darwin');
    const door = withPulls(
      ws.table,
      { invoke: (n, i) => Promise.resolve(ws.table.invoke(n, i)) },
      {
        dataDir: ws.ctx.dataDir,
        now: ws.ctx.now,
        secrets,
        timing: { sleep: async () => undefined },
      },
    );
    const input = { platform: 'pagerduty', baseUrl: platform.url, since: '2026-06-01' };

    platform.steps.set('/incidents', [{ status: 401 }]);
    expect(await door.invoke('history.pull', { ...input, token: 'revoked', remember: true })).toEqual({
      ok: false,
      error: {
        kind: 'unauthorized',
        message: 'PagerDuty refused the token (HTTP 401); check the key, its access and the address',
      },
    });
    expect(secrets.list()).toEqual([]);

    platform.steps.set('/incidents', [
      { status: 200, body: page1 },
      { status: 200, body: page2 },
    ]);
    const pulled = await door.invoke('history.pull', { ...input, token, remember: true });
    expect(pulled).toMatchObject({ ok: true, value: { complete: true, records: 4, pages: 2, remembered: true } });
    expect(secrets.get('pagerduty', `${platform.url}/`)).toBe(token);
    expectNowhereIn(file);
    const status = await door.invoke('history.pullStatus', {});
    expect(status).toMatchObject({
      ok: true,
      value: { keychain: { available: true }, remembered: [{ platform: 'pagerduty', baseUrl: `${platform.url}/` }] },
    });
    expect(JSON.stringify(status)).not.toContain(token);

    // No token typed: the kept one is sent; the pulled pages preview like files.
    platform.steps.set('/incidents', [{ status: 200, body: page2 }]);
    const again = await door.invoke('history.pull', { ...input, since: '2026-11-24' });
    expect(again).toMatchObject({ ok: true, value: { records: 2, remembered: true } });
    expect(platform.requests.at(-1)?.auth).toBe(`Token token=${token}`);
    const value = (again as { value: { id: string; files: { name: string }[] } }).value;
    const preview = ws.table.invoke('history.preview', {
      format: 'pagerduty',
      files: value.files.map((f) => ({ pull: value.id, name: f.name })),
    });
    expect(preview).toMatchObject({ ok: true, value: { new: 2 } });
    // A pulled file is named, never a path: anything else is refused by the contract.
    expect(ws.table.invoke('history.preview', { files: [{ pull: value.id, name: '../../oncall.db' }] })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', field: 'files.0.name' },
    });

    expect(await door.invoke('history.forgetToken', { platform: 'pagerduty', baseUrl: platform.url })).toEqual({
      ok: true,
      value: { forgotten: true },
    });
    expect(await door.invoke('history.pull', input)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', field: 'token' },
    });
  });

  it('in the browser door: a token asked to be remembered is refused plainly before anything is asked', async () => {
    const platform = await replay();
    const ws = tempWorkstation();
    const door = withPulls(
      ws.table,
      { invoke: (n, i) => Promise.resolve(ws.table.invoke(n, i)) },
      {
        dataDir: ws.ctx.dataDir,
        now: ws.ctx.now,
        secrets: browserDoorSecrets(),
      },
    );
    const refused = await door.invoke('history.pull', {
      platform: 'pagerduty',
      baseUrl: platform.url,
      since: '2026-06-01',
      token,
      remember: true,
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        kind: 'invalid_input',
        message: 'remember: the browser door keeps tokens for this pull only',
        field: 'remember',
      },
    });
    expect(platform.requests).toEqual([]);
    // A token with a line break would be quoted by the HTTP client's error: refused by the contract, not echoed.
    const broken = await door.invoke('history.pull', {
      platform: 'pagerduty',
      baseUrl: platform.url,
      since: '2026-06-01',
      token: `${token}\n`,
    });
    expect(broken).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'token' } });
    expect(JSON.stringify(broken)).not.toContain(token);
  });
});
