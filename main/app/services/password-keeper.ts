/**
 * Where the password of the running sign-in comes from: the secret store
 * when it is remembered, else held in memory for this run only (re-logins
 * need it) and dropped at sign-out. The password is read on demand and never
 * put in events, logs or results; a store that fails (keychain denied, file
 * not writable) only means "not remembered", never a failed sign-in.
 */

import type { LoggerPort, SecretStorePort } from '../ports/app-ports.ts';

/** Key of an account in the secret store. */
export function accountKey(serverUrl: string, username: string): string {
  return `${serverUrl.replace(/\/+$/, '')}|${username}`;
}

/** The password keeper of {@link createPasswordKeeper}. */
export interface PasswordKeeper {
  /** True when a password is stored for `account`. */
  has(account: string): Promise<boolean>;
  /** Holds a typed password for this run (until {@link drop}). */
  hold(password: string): void;
  /** The held password, if any (a reconfigure to the same account reuses it). */
  held(): string | undefined;
  /** Reads the password of `account` on demand: the held one, else the stored one, else empty. */
  source(account: string): () => Promise<string>;
  /**
   * After a successful sign-in with a typed password: stores it when asked to
   * remember (and stops holding it), else deletes any stored one.
   */
  settle(account: string, typed: string, remember: boolean): Promise<void>;
  /** Deletes the stored password of `account`; never throws. */
  forget(account: string): Promise<void>;
  /** Forgets the held password (sign-out, a new sign-in). */
  drop(): void;
}

/** Builds a keeper over `secrets`. */
export function createPasswordKeeper(secrets: SecretStorePort, logger: LoggerPort): PasswordKeeper {
  let heldPassword: string | undefined;
  const storeFailed = (what: string, error: unknown): void =>
    logger.warn(what, { reason: error instanceof Error ? error.name : 'unknown' });
  return {
    has: async (account) => (await secrets.get(account)) !== undefined,
    hold(password) {
      heldPassword = password;
    },
    held: () => heldPassword,
    source: (account) => async () => heldPassword ?? (await secrets.get(account)) ?? '',
    async settle(account, typed, remember) {
      try {
        if (remember) {
          await secrets.set(account, typed);
          heldPassword = undefined; // read on demand from the store from now on
        } else {
          await secrets.delete(account);
        }
      } catch (error) {
        storeFailed('password store failed: the password is kept for this run only', error);
      }
    },
    async forget(account) {
      try {
        await secrets.delete(account);
      } catch (error) {
        storeFailed('password store failed to forget a password', error);
      }
    },
    drop() {
      heldPassword = undefined;
    },
  };
}
