// Flat config: typescript-eslint's recommended rules over all TypeScript.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'test-results/**', 'bench/results/**', 'schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // docs/architecture.md, "Import rules": the engine imports neither the panel, the commands
    // runtime nor React, so both can use all of it (its formatting too, src/sync/format).
    files: ['src/sync/**/*.ts', 'src/sync/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/taskpane', '**/taskpane/**', '**/commands', '**/commands/**'], message: 'src/sync imports neither src/taskpane nor src/commands (docs/architecture.md).' },
            { group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@fluentui/*'], message: 'src/sync is React-free (docs/architecture.md).' },
          ],
        },
      ],
    },
  },
  {
    // The panel and the commands runtime meet only in src/sync.
    files: ['src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/commands', '**/commands/**'], message: 'src/taskpane does not import src/commands (docs/architecture.md).' }] }] },
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/taskpane', '**/taskpane/**'], message: 'src/commands does not import src/taskpane (docs/architecture.md).' }] }] },
  },
  {
    files: ['*.js', 'scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
