// The desktop app's SecretStore: live pulls' tokens encrypted by the OS keychain through
// Electron's safeStorage, the ciphertext in userData/pull-tokens.json. Only Electron calls here;
// what is kept and refused is decided in electron/import/history/secret-store.ts (tested in Node).

import { app, safeStorage } from 'electron';
import path from 'node:path';
import { encryptedFileSecrets, type SecretStore } from '../import/history/secret-store';

export function keychainSecrets(): SecretStore {
  return encryptedFileSecrets(path.join(app.getPath('userData'), 'pull-tokens.json'), safeStorage, process.platform);
}
