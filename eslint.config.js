import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

/**
 * Layering is enforced here (VS Code style): the simulator and the main-process
 * core never import electron, and the simulator never imports the app.
 */
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
  {
    files: [
      'simulator/**/*.ts',
      'main/core/**/*.ts',
      'main/app/**/*.ts',
      'main/web/**/*.ts',
      'main/contract/**/*.ts',
      'main/headless-cli.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message:
                'The core, the app layer, browser mode, the contract and the simulator run in plain Node: never import electron (only main/electron/ and main/index.ts may).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The simulator must run in plain Node.' },
            {
              group: ['../main/*', '../../main/*'],
              message: 'The simulator is a peer of the app, not part of it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'main/core runs in plain Node: never import electron.',
            },
            {
              group: ['../app/*', '../electron/*', '../web/*', '../index*', '../../main/app/*'],
              message:
                'main/core is the bottom layer: it never imports the app, the adapters or browser mode.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'node:*'],
              message: 'The renderer talks only to window.gwsApi: never electron, never Node.',
            },
            {
              group: [
                '**/main/*',
                '!**/main/contract',
                '**/main/core/*',
                '**/main/app/*',
                '**/main/electron/*',
                '**/main/web/*',
              ],
              allowTypeImports: true,
              message: 'The renderer may import only types from main (the IPC contract).',
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
          patterns: [
            {
              group: ['../main/core/*', '../main/app/*', '../main/electron/*', '../main/web/*', 'node:*'],
              message: 'The preload exposes the IPC contract 1:1 and imports nothing else.',
            },
          ],
        },
      ],
    },
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
