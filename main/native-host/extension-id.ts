/**
 * The browser extension's fixed id, derived by Chromium from the public key in extension/manifest.json (`key`):
 * the first 128 bits of SHA-256 of the DER key, written with the letters a–p. The native host manifest allows
 * only this origin; a test recomputes it from the manifest so the two cannot drift.
 */

import { createHash } from 'node:crypto';

export const EXTENSION_ID = 'ooinfffdnlcpdnhhmelccoppfhkdfeba';

/** The origin the host manifest's `allowed_origins` names. */
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

/** Chromium's id of an extension whose manifest `key` is `publicKeyDer`. */
export function extensionIdOf(publicKeyDer: Uint8Array): string {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}
