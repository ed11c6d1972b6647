import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import type { LoggerPort, PasswordStorage, SecretStorePort } from '../app/ports/app-ports.ts';

/**
 * {@link SecretStorePort} over Electron's `safeStorage`. The session
 * controller only stores a password when "remember password" is on; this
 * adapter decides nothing about that, it only keeps what it is given:
 * - `safe-storage`: encrypted by the OS (Keychain, DPAPI, libsecret/kwallet)
 *   into its own file (`passwords.json`, mode 0600, base64 ciphertext per
 *   account) — never the settings JSON, never a log;
 * - `memory`: when encryption is unavailable, or on Linux with the
 *   `basic_text` backend (a hard-coded key: no protection), the password is
 *   kept in memory for this run only, and `availability()` says so (the
 *   settings view shows it to the agent).
 * Call after `app` is ready: `safeStorage` answers only then.
 */
export interface SecretStoreOptions {
  /** Absolute path of the encrypted password file (in `userData`). */
  file: string;
  platform: NodeJS.Platform;
  logger: LoggerPort;
}

/** Which storage safeStorage can give on this machine now. */
export function safeStorageAvailability(platform: NodeJS.Platform): PasswordStorage {
  if (!safeStorage.isEncryptionAvailable()) return 'memory';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return 'memory';
  }
  return 'safe-storage';
}

/** Creates the store; logs once which storage is in use (never a password). */
export function createSecretStore(options: SecretStoreOptions): SecretStorePort {
  const { file, logger } = options;
  const memory = new Map<string, string>();
  const availability = (): PasswordStorage => safeStorageAvailability(options.platform);
  const initial = availability();
  if (initial === 'memory') {
    logger.warn('no OS password encryption here: a remembered password is kept in memory for this run only');
  }
  const readFile = (): Record<string, string> => {
    try {
      const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return typeof data === 'object' && data !== null && !Array.isArray(data)
        ? (data as Record<string, string>)
        : {};
    } catch {
      return {};
    }
  };
  const writeFile = (entries: Record<string, string>): void => {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(entries), { mode: 0o600 });
    renameSync(temp, file);
  };
  return {
    availability,
    get(account) {
      const held = memory.get(account);
      if (held !== undefined) return Promise.resolve(held);
      const encrypted = readFile()[account];
      if (encrypted === undefined || availability() !== 'safe-storage') return Promise.resolve(undefined);
      try {
        return Promise.resolve(safeStorage.decryptString(Buffer.from(encrypted, 'base64')));
      } catch {
        logger.warn('a remembered password could not be decrypted; it will be asked for again');
        return Promise.resolve(undefined);
      }
    },
    set(account, password) {
      if (availability() !== 'safe-storage') {
        memory.set(account, password);
        return Promise.resolve();
      }
      memory.delete(account);
      const entries = readFile();
      entries[account] = safeStorage.encryptString(password).toString('base64');
      writeFile(entries);
      return Promise.resolve();
    },
    delete(account) {
      memory.delete(account);
      const entries = readFile();
      if (account in entries) {
        delete entries[account];
        writeFile(entries);
      }
      return Promise.resolve();
    },
  };
}
