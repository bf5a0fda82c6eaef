// Flat config. typescript-eslint's recommended set WITHOUT type-aware rules: type information would
// make every lint run a full compile, and `npm run typecheck` already does that once.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node's CommonJS globals for the few plain JS files (jest config, CLI shim, dependency-cruiser config).
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'setTimeout',
    'clearTimeout',
    'URL',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    ignores: ['node_modules/**', 'dist/**', 'data/**', 'web/dist/**', 'coverage/**', '.tmp/**', 'test-results/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-console': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Entry points talk to an operator's terminal; everything else logs through pino.
    files: ['src/main.ts', 'bin/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
