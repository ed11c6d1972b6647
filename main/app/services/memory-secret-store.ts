/**
 * A {@link SecretStorePort} that keeps passwords in memory for this run only:
 * what the desktop falls back to where `safeStorage` is unavailable (or Linux
 * `basic_text`), and what browser mode uses. Nothing is written anywhere.
 */

import type { SecretStorePort } from '../ports/app-ports.ts';

/** Builds an empty in-memory store. */
export function createMemorySecretStore(): SecretStorePort {
  const passwords = new Map<string, string>();
  return {
    availability: () => 'memory',
    get: async (account) => passwords.get(account),
    set: async (account, password) => {
      passwords.set(account, password);
    },
    delete: async (account) => {
      passwords.delete(account);
    },
  };
}
