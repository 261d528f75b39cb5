'use strict';

// Test files are TypeScript transpiled by SWC; `npm run typecheck` does the type checking.
const transform = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};

const common = {
  testEnvironment: 'node',
  transform,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/src/plugins/personalization/dist/'],
};

module.exports = {
  // Booting Strapi (and creating a PostgreSQL database) takes seconds, not milliseconds.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'api',
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
      // Compiles the app and the plugin once; each test file then boots a real Strapi from dist/.
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
      setupFiles: ['<rootDir>/tests/helpers/test-env.js'],
    },
  ],
};
