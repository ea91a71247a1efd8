// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The process boundaries are linted, not reviewed:
 * - src/shared runs everywhere, so it imports no Node, Electron or DOM;
 * - src/renderer reaches the engine only through the contract;
 * - src/engine and src/cli run without Electron.
 */
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'worker_threads', 'stream'];
const noNode = [{ group: ['node:*'], message: 'Node APIs belong in src/engine or src/cli.' }];
const noElectron = [{ group: ['electron', 'electron/*'], message: 'Only src/main and src/preload may use Electron.' }];
const layer = (name) => [{ group: [`**/${name}/**`, `**/${name}`], message: `This layer may not import src/${name}; go through src/shared/contract.ts.` }];

/** Visible text in JSX must come from i18next. */
const visibleAttributes = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description']);
const i18nPlugin = {
  rules: {
    'no-literal-text': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const hasLetters = (text) => /\p{L}/u.test(text);
        return {
          JSXText(node) {
            if (hasLetters(node.value)) context.report({ node, message: 'Visible text must go through i18next: t(…).' });
          },
          JSXAttribute(node) {
            const name = typeof node.name.name === 'string' ? node.name.name : '';
            if (visibleAttributes.has(name) && node.value?.type === 'Literal' && hasLetters(String(node.value.value))) {
              context.report({ node, message: `The ${name} attribute is visible: use t(…).` });
            }
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['out/', 'node_modules/', 'data/', 'test/**/output/', 'resources/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: [...noNode, ...noElectron, ...layer('engine'), ...layer('main'), ...layer('renderer'), ...layer('cli'), { group: ['react', 'react-dom', 'react-dom/*'], message: 'React belongs in src/renderer.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { sprig: i18nPlugin },
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: [...noNode, ...noElectron, ...layer('engine'), ...layer('main'), ...layer('cli'), { group: ['@duckdb/*'], message: 'The renderer asks the engine for views; it never opens DuckDB.' }] }],
      'sprig/no-literal-text': 'error',
    },
  },
  {
    files: ['src/engine/**', 'src/cli/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noElectron, ...layer('main'), ...layer('renderer'), ...layer('preload')] }],
    },
  },
  {
    // The engine's utility process is Electron-hosted but must stay plain Node.
    files: ['src/main/engine-process.ts', 'src/main/engine-port.ts', 'src/main/engine-messages.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noElectron, ...layer('renderer')] }],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: [...noNode, ...layer('engine'), ...layer('renderer'), ...layer('cli')] }],
    },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
