// ESLint flat config: typescript-eslint's recommended type-aware rules over the TypeScript sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
// Layout is Prettier's (npm run format); this turns off the ESLint rules that would argue with it.
import prettierConfig from 'eslint-config-prettier';

// The browser globals web/chat.js uses (listed here rather than importing an undeclared `globals` package).
const browserGlobals = Object.fromEntries(
  ['window', 'document', 'fetch', 'sessionStorage', 'getComputedStyle', 'setTimeout', 'setInterval', 'console'].map((g) => [g, 'readonly']),
  prettierConfig,
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // Static browser scripts served by the bot (web/): plain ES2020 in the browser, no build step.
    files: ['web/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'fetch',
          'WebSocket',
          'setTimeout',
          'setInterval',
          'clearTimeout',
          'clearInterval',
          'console',
        ].map((g) => [g, 'readonly']),
      ),
    },
  },
  {
    // CLIs talk to stdout/stderr on purpose.
    files: ['**/cli/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The chat page's script runs in the browser as a classic script (no build step, no modules).
    files: ['web/**/*.js'],
    languageOptions: { sourceType: 'script', globals: browserGlobals },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  prettierConfig,
);
