// Lint rules, including the process boundaries: shared/ is pure, renderer/ has no Node,
// only the Electron shell files import 'electron', sync and the store never import the operations.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'net',
  'url',
  'util',
  'worker_threads',
].flatMap((name) => [name, `node:${name}`]);

// The renderer: no Node, no electron/; only renderer/state/ (and api.ts) calls the API; a view
// (renderer/views/<name>/) imports no other view.
const rendererPaths = ['electron', ...nodeBuiltins];
const noElectron = { group: ['**/electron/**'], message: 'The renderer reaches the Node side only through api.ts.' };
const callOnlyInState = {
  regex: '(^|/)api$',
  importNames: ['call'],
  message: 'Views and components reach the API through renderer/state/: only state/** (and api.ts) import call.',
};
const noOtherView = {
  // From renderer/views/<a>/, '../<b>/…' or any path through views/ is another view.
  regex: '^\\.\\./(?!\\.\\./)|(^|/)views/',
  message: 'A view imports no other view: share through renderer/state/ or renderer/components/.',
};

// The Node side reads "now" from electron/clock.ts (ONCALL_NOW pins it), never from the system clock:
// that is what lets the clock guard (scripts/test.mjs) skip the tests that run the built CLI.
const realClock = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Take "now" from the clock (electron/clock.ts, or the operation context), not Date.now().',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Take "now" from the clock (electron/clock.ts, or the operation context), not new Date().',
  },
];
const oneTransactionPerOperation = {
  selector: "CallExpression[callee.property.name='transaction']",
  message: 'Declare the operation writes(...) where it is registered: the operation table opens the transaction.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'release/', 'bench/.work/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only the Electron shell (electron/shell/) may import electron.' }],
        },
      ],
    },
  },
  {
    files: ['electron/shell/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...realClock] },
  },
  {
    // Writes are declared where an operation is registered (writes.ts); the table opens the transaction.
    files: ['electron/operations/**/*.ts'],
    ignores: ['electron/operations/table.ts'],
    rules: {
      'no-restricted-syntax': ['error', oneTransactionPerOperation, ...realClock],
    },
  },
  {
    // Sync and the store are below the operations: they read and write the store directly and
    // never call back up (no second operation table, no handler reached from a sync).
    files: ['electron/sync/**/*.ts', 'electron/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only the Electron shell (electron/shell/) may import electron.' }],
          patterns: [
            {
              group: ['**/operations', '**/operations/**'],
              message:
                'electron/sync and electron/store are below the operations: they never import electron/operations.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ is pure: it imports neither electron/ nor renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      // We do not use the React Compiler; TanStack Virtual is fine without memoisation.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': ['error', { paths: rendererPaths, patterns: [noElectron, callOnlyInState] }],
    },
  },
  {
    // A view is a folder: it imports state, components and its own files, never another view's.
    files: ['renderer/views/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: rendererPaths, patterns: [noElectron, callOnlyInState, noOtherView] },
      ],
    },
  },
  {
    // The state layer is where the renderer calls the operations.
    files: ['renderer/state/**/*.ts', 'renderer/api.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: rendererPaths, patterns: [noElectron] }] },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
