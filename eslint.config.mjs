import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      '.strapi/',
      '.tmp/',
      'coverage/',
      'test-output/',
      'bench/results/',
      'src/plugins/personalization/dist/',
      'types/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/plugins/personalization/admin/**/*.{ts,tsx}', 'public/**/*.js'],
    languageOptions: {
      globals: { ...globals.browser },
    },
  },
  {
    files: ['src/plugins/personalization/server/src/core/**/*.ts'],
    rules: {
      // The core is pure: it decides, Strapi code moves data in and out.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@strapi/*'],
              message: 'core/ must not import Strapi; put the wiring in services/.',
            },
          ],
        },
      ],
    },
  },
  prettier
);
