/**
 * `npm run build:extension`: type-checks the MV3 extension (its own tsconfig: DOM, no Node) and bundles it into
 * an unpacked extension in out/extension/ (content script as a classic script — Chrome does not load content
 * scripts as modules — and the service worker), then bundles the native messaging host into
 * out/native-host/host.mjs (plain Node, no tsx at run time, so Chrome starts it fast).
 */

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outExtension = join(root, 'out', 'extension');
const outHost = join(root, 'out', 'native-host');

execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'extension', 'tsconfig.json')],
  {
    stdio: 'inherit',
  },
);

rmSync(outExtension, { recursive: true, force: true });
mkdirSync(outExtension, { recursive: true });
copyFileSync(join(root, 'extension', 'manifest.json'), join(outExtension, 'manifest.json'));

const common = { bundle: true, target: 'chrome116', legalComments: 'none', logLevel: 'warning' } as const;
await build({
  ...common,
  entryPoints: [join(root, 'extension', 'src', 'content-script.ts')],
  outfile: join(outExtension, 'content-script.js'),
  format: 'iife',
});
await build({
  ...common,
  entryPoints: [join(root, 'extension', 'src', 'service-worker.ts')],
  outfile: join(outExtension, 'service-worker.js'),
  format: 'iife',
});
await build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
  entryPoints: [join(root, 'main', 'native-host', 'host-cli.ts')],
  outfile: join(outHost, 'host.mjs'),
});
process.stdout.write(`extension: ${outExtension}\nnative host: ${join(outHost, 'host.mjs')}\n`);
