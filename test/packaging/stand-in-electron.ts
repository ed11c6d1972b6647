/**
 * A STAND-IN for the Electron distribution, used only by the packaging check.
 *
 * The real Electron binary cannot be downloaded on our build machines, so
 * electron-builder is pointed (`-c.electronDist=<folder>`) at a folder laid
 * out like an unpacked Linux Electron zip, whose `electron` "binary" is a tiny
 * shell script. electron-builder copies the folder, renames `electron` to the
 * app's executable name, writes `resources/app.asar`, and flips the Electron
 * fuses. The script carries a fuse wire (the sentinel `@electron/fuses` looks
 * for, version 1, and the fuse states a stock Electron ships with), so the
 * fuse step runs for real and the test can read back what it wrote. Nothing
 * here can show that the packed app starts: that needs the real binary.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The marker `@electron/fuses` searches the Electron binary for. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Fuse states of a stock Electron build, in wire order (FuseV1Options 0..7):
 * RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect arguments on,
 * asar integrity off, only-load-from-asar off, browser V8 snapshot off,
 * file:// extra privileges on. '1' = enabled, '0' = disabled.
 */
export const STOCK_FUSE_WIRE = '10110001';

/** What the stand-in prints when someone runs it. */
export const STAND_IN_MESSAGE =
  'This is a stand-in for the Electron binary (packaging check only); the real Electron could not be downloaded on this machine.';

/**
 * Writes a stand-in unpacked Electron for Linux into `dir`: `electron`
 * (executable shell script with a fuse wire), `version`, `LICENSE`,
 * `LICENSES.chromium.html`, `locales/en-US.pak` and an empty `resources/`.
 *
 * @param dir an empty or new folder.
 * @param electronVersion written to `version`, as in a real distribution.
 */
export function writeStandInElectronDist(dir: string, electronVersion: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const fuseLine = Buffer.concat([
    Buffer.from(`# fuse wire: ${FUSE_SENTINEL}`, 'latin1'),
    Buffer.from([1, STOCK_FUSE_WIRE.length]),
    Buffer.from(`${STOCK_FUSE_WIRE}\n`, 'latin1'),
  ]);
  const script = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\n# STAND-IN for the Electron binary, written by test/packaging/stand-in-electron.ts.\n',
    ),
    fuseLine,
    Buffer.from(`echo '${STAND_IN_MESSAGE}' >&2\nexit 1\n`),
  ]);
  writeFileSync(join(dir, 'electron'), script);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron MIT licence (packaging check only).\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!-- stand-in -->\n');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
}

/**
 * Reads the fuse wire back from a (stand-in) executable as a string of
 * '0'/'1' (and 'r' for a removed fuse), in wire order.
 *
 * @throws Error when the file has no fuse sentinel.
 */
export function readFuseWire(executable: Buffer): string {
  const at = executable.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error('no fuse sentinel in the executable');
  const length = executable[at + FUSE_SENTINEL.length + 1] ?? 0;
  const start = at + FUSE_SENTINEL.length + 2;
  return executable.toString('latin1', start, start + length);
}
