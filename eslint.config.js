/**
 * Lint, and the layering it enforces (VS Code style): each folder imports only the ones below it.
 *
 *   renderer/ ─┐                      (types from contract/ only)
 *   preload/  ─┼─▶ contract/          (the one IPC map, shared by every side)
 *   main/index.ts, main/cli/ ─▶ main/electron/, main/web/ ─▶ main/app/ ─▶ main/core/
 *   main/app:  services/ ─▶ policies/, ports/         (policies never import services)
 *   main/core: compliance/ ─▶ agent-core, sign-in, core-events ─▶ state/ ─▶ bayeux/ ─▶ gws/ ─▶ ports/;
 *              evidence/ ─▶ compliance/audit-*, ports/ (the SIEM side never touches the live core)
 *   simulator/: a peer of the app, never imports it; inside, server/cli/index ─▶ api/ ─▶ http/ ─▶ domain/.
 *
 * The arrows are checked on resolved paths (`import-x/no-restricted-paths`), so a deep `../../` cannot slip
 * past them; electron is importable only by the adapters (`main/electron/`) and the composition root
 * (`main/index.ts`), raw `ipcMain` only by the IPC adapter and raw `ipcRenderer` only by the preload.
 */

import js from '@eslint/js';
import vitest from '@vitest/eslint-plugin';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

/** Files of the core's own root: the facade above state/ and below compliance/. */
const CORE_ROOT = [
  'main/core/agent-core.ts',
  'main/core/contact-center-session.ts',
  'main/core/sign-in.ts',
  'main/core/core-events.ts',
];

/** The simulator's entry points, above its api/, http/ and domain/ folders. */
const SIM_TOP = ['./simulator/server.ts', './simulator/cli.ts', './simulator/index.ts'];

/** One zone: files under `target` may not import files under `from`. */
const zone = (target, from, message) => ({ target, from, message });

const ARROWS = [
  // Whole-program layers.
  zone(
    './main/core',
    [
      './main/app',
      './main/electron',
      './main/web',
      './main/cli',
      './main/index.ts',
      './main/native-host',
      './contract',
      './simulator',
    ],
    'main/core is the bottom layer: it imports no app, adapter, browser mode, CLI, native host, contract or simulator.',
  ),
  zone(
    './main/app',
    ['./main/electron', './main/web', './main/cli', './main/index.ts', './renderer', './preload'],
    'main/app is plain Node decisions: it never imports the adapters, browser mode or the entry points.',
  ),
  zone(
    './main/electron',
    ['./main/web', './main/cli', './main/index.ts', './simulator'],
    'main/electron holds thin adapters: they translate, and import neither the entry points nor browser mode.',
  ),
  zone(
    './main/web',
    ['./main/electron', './main/cli', './main/index.ts'],
    'Browser mode runs without Electron: no adapters, no entry points.',
  ),
  zone(
    './contract',
    ['./main', './renderer', './preload', './simulator'],
    'The contract imports nothing of ours.',
  ),
  zone(
    './simulator',
    ['./main', './contract', './renderer', './preload'],
    'The simulator is a peer of the app, not part of it.',
  ),
  zone(
    './preload',
    ['./main', './renderer', './simulator'],
    'The preload exposes the contract 1:1 and imports nothing else.',
  ),
  zone(
    './renderer',
    ['./main', './preload', './simulator'],
    'The renderer talks only to window.gwsApi: it imports the contract, never main.',
  ),
  // Inside the simulator: entry points ─▶ api/ ─▶ http/ ─▶ domain/.
  zone(
    './simulator/domain',
    ['./simulator/http', './simulator/api', ...SIM_TOP],
    'simulator/domain is the contact centre: no HTTP, no endpoints.',
  ),
  zone(
    './simulator/http',
    ['./simulator/api', ...SIM_TOP],
    'simulator/http is plumbing under the endpoints.',
  ),
  zone('./simulator/api', SIM_TOP, 'simulator/api sits under the entry points.'),
  // Inside main/app.
  zone(
    './main/app/policies',
    './main/app/services',
    'Policies are pure decisions: they never import services.',
  ),
  zone('./main/app/ports', './main/app/services', 'Ports are interfaces: they never import services.'),
  // Inside main/core, bottom up.
  zone(
    './main/core/ports',
    [
      './main/core/gws',
      './main/core/bayeux',
      './main/core/state',
      './main/core/compliance',
      ...CORE_ROOT.map((f) => `./${f}`),
    ],
    'core/ports is the bottom of the core: clock, logging, redaction and the error vocabulary only.',
  ),
  zone(
    './main/core/gws',
    ['./main/core/bayeux', './main/core/state', './main/core/compliance', ...CORE_ROOT.map((f) => `./${f}`)],
    'core/gws (the REST session) sits under the stream, the state and compliance.',
  ),
  zone(
    './main/core/bayeux',
    ['./main/core/state', './main/core/compliance', ...CORE_ROOT.map((f) => `./${f}`)],
    'core/bayeux (the notification stream) sits under the state and compliance.',
  ),
  zone(
    './main/core/state',
    ['./main/core/compliance', ...CORE_ROOT.map((f) => `./${f}`)],
    'core/state (calls and the recording machine) sits under the agent core and compliance.',
  ),
  zone(
    './main/core/compliance',
    './main/core/evidence',
    'Evidence ships and checks what compliance writes: compliance never imports it.',
  ),
  zone(
    './main/core/evidence',
    [
      './main/core/gws',
      './main/core/bayeux',
      './main/core/state',
      './main/core/triggers',
      ...CORE_ROOT.map((f) => `./${f}`),
    ],
    'Evidence reads the audit files (compliance/audit-*) and uses core/ports only: never the live core.',
  ),
  ...CORE_ROOT.map((f) =>
    zone(
      `./${f}`,
      './main/core/compliance',
      'The agent core is wrapped by compliance, never the other way round.',
    ),
  ),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Type-aware: a promise nobody awaits or catches loses its failure (a pause refused in silence).
  {
    files: ['main/**/*.ts', 'contract/**/*.ts', 'preload/**/*.ts', 'simulator/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  // The layers' public faces say what they return.
  {
    files: ['main/core/**/*.ts', 'contract/**/*.ts', 'preload/**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': [
        'error',
        { allowExpressions: true, allowTypedFunctionExpressions: true, allowHigherOrderFunctions: true },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.svelte'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: ARROWS }] },
  },
  {
    files: ['main/**/*.ts', 'contract/**/*.ts', 'simulator/**/*.ts'],
    ignores: ['main/electron/**', 'main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message:
                'Only main/electron/ and main/index.ts import electron: the core, the app layer, browser mode, the CLIs, the contract and the simulator run in plain Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'main/index.ts'],
    ignores: ['main/electron/ipc-adapter.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain'], message: 'Raw ipcMain only in ipc-adapter.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'node:*'],
              message:
                'i18n runs in the main process, the window and the extension alike: no Node, no Electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'node:*'],
              message: 'The renderer talks only to window.gwsApi: never electron, never Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*'], message: 'The sandboxed preload has no Node.' }],
          paths: [
            {
              name: 'electron',
              allowImportNames: ['contextBridge', 'ipcRenderer', 'IpcRenderer', 'IpcRendererEvent'],
              message: 'The preload uses only contextBridge and ipcRenderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    plugins: { vitest },
    rules: { 'vitest/no-focused-tests': 'error', 'vitest/no-disabled-tests': 'warn' },
  },
  // electron-builder hooks are CommonJS scripts that electron-builder require()s.
  {
    files: ['build/**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Svelte components of the renderer: svelte-eslint-parser with TypeScript inside <script lang="ts">.
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    // TypeScript (svelte-check) resolves names; no-undef knows no DOM or TS types.
    rules: { 'no-undef': 'off' },
  },
);
