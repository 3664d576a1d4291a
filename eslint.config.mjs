// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      'node_modules/',
      '.data/',
      '.tmp/',
      'test-results/',
      'playwright-report/',
      'src/db/migrations/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      // Unused variables are bugs, except deliberately ignored ones written with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The privacy rule, enforced: nothing reads client addresses or user agents outside the hashing helpers.
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='remoteAddress']",
          message: 'Do not read client addresses; use the keyed-hash helper.',
        },
        {
          selector: "MemberExpression[property.name='clientAddress']",
          message: 'Do not read client addresses; use the keyed-hash helper.',
        },
      ],
    },
  },
  {
    // Type-aware rules on TypeScript: a promise nobody awaits loses its error (an unhandled rejection ends the process),
    // a promise where a callback expects void is never awaited, and awaiting a non-promise hides a wrong type.
    files: ['**/*.ts', '**/*.mts', '**/*.astro'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The Astro parser takes a project, not the project service.
    files: ['**/*.astro'],
    languageOptions: { parserOptions: { projectService: false, project: true } },
  },
  {
    // The widget loader runs unbuilt in partners' browsers: plain script, browser globals.
    files: ['public/widget.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly', document: 'readonly' } },
  },
);
