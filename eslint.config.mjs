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
    // Admin functions stay short: a page composes hooks and components, each of one concern.
    files: ['src/plugins/personalization/admin/src/**/*.{ts,tsx}'],
    ignores: [
      // Not split yet (issue 12): each is over the limit today.
      'src/plugins/personalization/admin/src/components/template/ParameterEditor.tsx',
      'src/plugins/personalization/admin/src/components/template/VersionHistory.tsx',
      'src/plugins/personalization/admin/src/pages/HomePage.tsx',
      'src/plugins/personalization/admin/src/pages/audience/ProfileLookupSection.tsx',
      'src/plugins/personalization/admin/src/pages/experiments/BanditScopeView.tsx',
      'src/plugins/personalization/admin/src/pages/experiments/ExperimentResultsPage.tsx',
      'src/plugins/personalization/admin/src/pages/experiments/MetricFields.tsx',
      'src/plugins/personalization/admin/src/pages/experiments/MetricResultView.tsx',
      'src/plugins/personalization/admin/src/pages/preview/PreviewResultView.tsx',
      'src/plugins/personalization/admin/src/pages/privacy/AuditPage.tsx',
      'src/plugins/personalization/admin/src/pages/rules/ShadowReportPage.tsx',
    ],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
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
  {
    files: ['src/plugins/personalization/server/src/**/*.ts'],
    rules: {
      // Functions split by concern (service factories compose smaller named helpers).
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Service factories not split yet (issue 12); remove a file from this list once it is.
    files: [
      'src/plugins/personalization/server/src/services/audience/segments.ts',
      'src/plugins/personalization/server/src/services/cache.ts',
      'src/plugins/personalization/server/src/services/experiments/bandits.ts',
      'src/plugins/personalization/server/src/services/experiments/experiments.ts',
      'src/plugins/personalization/server/src/services/flags.ts',
      'src/plugins/personalization/server/src/services/metrics.ts',
      'src/plugins/personalization/server/src/services/rules.ts',
      'src/plugins/personalization/server/src/services/shadow/shadow.ts',
      'src/plugins/personalization/server/src/services/tagging/queue.ts',
      'src/plugins/personalization/server/src/services/tagging/worker.ts',
      'src/plugins/personalization/server/src/services/templates.ts',
    ],
    rules: {
      'max-lines-per-function': 'off',
    },
  },
  prettier
);
