// Where a live pull's API token may be kept between pulls (docs/import.md, "Where the token is
// kept"). A SecretStore is asked by platform and address. The desktop app's is the OS keychain
// through Electron's safeStorage (electron/shell/secrets.ts passes it to encryptedFileSecrets): the
// token is encrypted by the OS and only the ciphertext is written, to a file in the app's userData
// folder — never the data directory, the store or the repository. `oncall serve` keeps nothing
// (browserDoorSecrets): the token lives in memory for one pull. Every refusal is a SecretRefused
// with a plain message, and no message ever holds a token.

import fs from 'node:fs';
import path from 'node:path';
import type { PullPlatform } from '../../../shared/history-pull-contract';

export interface SecretStore {
  /** Whether `set` can keep a token, and the sentence the Import panel shows about it. */
  availability: () => { available: boolean; note: string };
  /** The kept token, or null when none is kept (a SecretRefused when one is kept but cannot be read). */
  get: (platform: PullPlatform, baseUrl: string) => string | null;
  set: (platform: PullPlatform, baseUrl: string, token: string) => void;
  delete: (platform: PullPlatform, baseUrl: string) => boolean;
  /** Platforms and addresses with a kept token (never the token). */
  list: () => { platform: PullPlatform; baseUrl: string }[];
}

export class SecretRefused extends Error {}

/** The part of Electron's safeStorage a SecretStore uses (electron.d.ts `SafeStorage`). */
export interface OsEncryption {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux: the password store in use; `basic_text` is a key written in Chromium, not a keychain. */
  getSelectedStorageBackend?(): string;
}

interface SecretsFile {
  version: 1;
  /** `<platform> <baseUrl>` → the ciphertext, base64. */
  tokens: Record<string, string>;
}

const keyOf = (platform: PullPlatform, baseUrl: string): string => `${platform} ${baseUrl}`;

/** Tokens encrypted by the OS (safeStorage), their ciphertext in one JSON file (mode 0600). */
export function encryptedFileSecrets(file: string, os: OsEncryption, platform: NodeJS.Platform): SecretStore {
  function why(): string | null {
    if (!os.isEncryptionAvailable())
      return 'this computer’s keychain cannot be used now, so the token is kept for this pull only';
    if (platform === 'linux' && os.getSelectedStorageBackend?.() === 'basic_text')
      return 'this desktop has no keyring (GNOME Keyring or KWallet), so the token is kept for this pull only';
    return null;
  }
  function read(): SecretsFile {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return { version: 1, tokens: {} };
    }
    try {
      const parsed = JSON.parse(text) as SecretsFile;
      if (parsed.version === 1 && typeof parsed.tokens === 'object' && parsed.tokens !== null) return parsed;
    } catch {
      // Unreadable: treated as empty, and replaced by the next token kept.
    }
    return { version: 1, tokens: {} };
  }
  function write(secrets: SecretsFile): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(secrets), { mode: 0o600 });
    fs.renameSync(temp, file);
  }
  return {
    availability: () => {
      const reason = why();
      return reason
        ? { available: false, note: reason }
        : { available: true, note: 'a token you ask to remember is kept in this computer’s keychain' };
    },
    get: (p, baseUrl) => {
      const cipher = read().tokens[keyOf(p, baseUrl)];
      if (cipher === undefined) return null;
      const reason = why();
      if (reason) throw new SecretRefused(`the remembered token cannot be read: ${reason}; type the token`);
      try {
        return os.decryptString(Buffer.from(cipher, 'base64'));
      } catch {
        throw new SecretRefused(
          'the remembered token can no longer be decrypted (the keychain changed); type the token again',
        );
      }
    },
    set: (p, baseUrl, token) => {
      const reason = why();
      if (reason) throw new SecretRefused(`the token cannot be remembered: ${reason}`);
      const secrets = read();
      secrets.tokens[keyOf(p, baseUrl)] = os.encryptString(token).toString('base64');
      write(secrets);
    },
    delete: (p, baseUrl) => {
      const secrets = read();
      if (!(keyOf(p, baseUrl) in secrets.tokens)) return false;
      delete secrets.tokens[keyOf(p, baseUrl)];
      write(secrets);
      return true;
    },
    list: () =>
      Object.keys(read().tokens).map((key) => {
        const at = key.indexOf(' ');
        return { platform: key.slice(0, at) as PullPlatform, baseUrl: key.slice(at + 1) };
      }),
  };
}

/** `oncall serve`: a browser page is no place to keep a token; it lives for one pull, in memory. */
export const browserDoorNote = 'the browser door keeps tokens for this pull only';

export function browserDoorSecrets(): SecretStore {
  return {
    availability: () => ({ available: false, note: browserDoorNote }),
    get: () => null,
    set: () => {
      throw new SecretRefused(`${browserDoorNote}; type the token for each pull, or use the desktop app to keep it`);
    },
    delete: () => false,
    list: () => [],
  };
}
