'use strict';

// Test files are TypeScript transpiled by SWC; `npm run typecheck` does the type checking.
const swc = (module) => [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module },
];
const transform = {
  // ml-kmeans is ESM-only: the audience core loads it with import(), which must stay a native
  // import() here as it does in the plugin build (module node16), not become require().
  '/server/src/core/audience/.+\\.ts$': swc({ type: 'commonjs', ignoreDynamic: true }),
  '^.+\\.tsx?$': swc({ type: 'commonjs' }),
};

const common = {
  testEnvironment: 'node',
  transform,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/src/plugins/personalization/dist/'],
};

module.exports = {
  // Booting Strapi (and creating a PostgreSQL database) takes seconds, not milliseconds.
  testTimeout: 120000,
  // Suites spend much of their time waiting (boots, queues): two workers halve the wall time on 2 cores.
  maxWorkers: 2,
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
    {
      ...common,
      displayName: 'redis',
      // Needs Redis at PZ_TEST_REDIS_URL or 127.0.0.1:6379: run with `npm run test:redis`.
      testMatch: ['<rootDir>/tests/redis/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
      setupFiles: ['<rootDir>/tests/helpers/test-env.js'],
    },
    {
      ...common,
      displayName: 'cluster',
      // Two `strapi start` processes on one PostgreSQL database and Redis: `npm run test:cluster`.
      testMatch: ['<rootDir>/tests/cluster/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
      setupFiles: ['<rootDir>/tests/helpers/test-env.js'],
    },
    {
      ...common,
      displayName: 'unleash',
      // Needs PostgreSQL for the real unleash-server it starts: run with `npm run test:unleash`.
      testMatch: ['<rootDir>/tests/unleash/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
      setupFiles: ['<rootDir>/tests/helpers/test-env.js'],
    },
    {
      ...common,
      displayName: 'browser',
      // Debian's Chromium driven by playwright-core against the built admin: `npm run test:browser`.
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/browser-global-setup.js',
      setupFiles: ['<rootDir>/tests/helpers/test-env.js'],
    },
  ],
};
