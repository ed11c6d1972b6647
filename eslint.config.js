import js from '@eslint/js';
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
    files: ['simulator/**/*.ts', 'main/core/**/*.ts', 'main/headless-cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'The core and the simulator must run in plain Node: never import electron.',
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
);
