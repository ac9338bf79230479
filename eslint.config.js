// The dependency directions of DESIGN.md ("Layout and the direction of dependencies") are enforced here,
// so that a wrong import fails the build instead of relying on goodwill.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const crossPackagePath = {
  regex: '^(\\.\\./)+(main|native|renderer|sync-server|apps/cli|apps/desktop|cli|desktop)/src(/|$)',
  message: 'Import another workspace package by its name (@mortar/...), never by a relative path into it.',
};

const focusedOrSkipped = {
  selector:
    "CallExpression[callee.type='MemberExpression'][callee.object.name=/^(it|test|describe|suite)$/][callee.property.name=/^(only|skip|todo)$/]",
  message: 'No focused or skipped tests in a commit: a test that does not run proves nothing.',
};

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'worker_threads'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'e2e/artifacts/**',
      'bench/results/**',
      'release/**',
      '**/.electron-native/**',
      'models/**/*.py',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', focusedOrSkipped],
      'no-restricted-imports': ['error', { patterns: [crossPackagePath] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // native/ drives devices and imports nothing of ours.
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [crossPackagePath, { group: ['@mortar/*'], message: 'native/ imports nothing of ours.' }] },
      ],
    },
  },
  {
    // main/ is plain Node: never Electron, never the renderer or the apps.
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/ is plain Node; Electron lives in apps/desktop.' }],
          patterns: [
            crossPackagePath,
            {
              group: ['@mortar/renderer', '@mortar/renderer/*', '@mortar/cli', '@mortar/desktop', '@mortar/sync-server', 'react', 'react-dom'],
              message: 'main/ never imports the renderer, the apps or the sync server.',
            },
          ],
        },
      ],
    },
  },
  {
    // The pure contract is shared with the renderer and the sync server: schemas and types only.
    files: ['main/src/contract.ts', 'main/src/**/contract.ts', 'main/src/**/contract/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|\\.{1,2}/(.+/)?contract(\\.js)?$|\\.{1,2}/(.+/)?contract/[a-z0-9-]+\\.js$)',
              message: 'A contract imports only zod and other contract files: it must have no side effects.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to the core only through the typed contract.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer has no Electron; use the bridge.' }],
          patterns: [
            crossPackagePath,
            {
              // The keyboard-wedge detector is pure (no DOM, no Node): the one device module the renderer runs.
              regex: '^@mortar/(?!main/contract$|native/wedge$)',
              message: 'The renderer imports only @mortar/main/contract (and the pure @mortar/native/wedge) from our packages.',
            },
            { group: nodeBuiltins, message: 'The renderer has no Node: ask the core through the bridge.' },
            { group: ['better-sqlite3*', 'ws'], message: 'The renderer never touches the store or sockets directly.' },
          ],
        },
      ],
    },
  },
  {
    // The sync server shares only the pure contract and event schemas of main.
    files: ['sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The sync server is a plain Node service.' }],
          patterns: [
            crossPackagePath,
            { regex: '^@mortar/(?!main/contract$)', message: 'The sync server imports only @mortar/main/contract.' },
          ],
        },
      ],
    },
  },
);
