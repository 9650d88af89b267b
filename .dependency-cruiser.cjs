/**
 * The dependency rules of ARCHITECTURE.md, checked by dependency-cruiser on every test run
 * (`npm run lint:deps`, part of `npm test`). A rule broken here fails CI with the offending import.
 *
 * - src/domain is pure: it imports only src/domain, luxon, and date-holidays (bank holidays computed
 *   offline, a pure data library).
 * - src/app holds use cases over ports: it imports only src/domain and src/app (and node:crypto for
 *   digests), never an adapter, config, log or the composition root.
 * - Adapters import each other only along the edges listed in ADAPTER_EDGES.
 * - No cycles.
 * - Nothing under src/ reaches a devDependency at run time (type-only imports are erased).
 * - Each SDK stays in its adapter.
 */

/** Which other adapters each adapter may import (src/adapters/<name>/ -> src/adapters/<other>). */
const ADAPTER_EDGES = {
  teams: ['cards'],
  cli: ['cosmos', 'clock'],
  // The .ics path's token is redacted from telemetry the way the HTTP adapter redacts it from logs.
  telemetry: ['clock', 'http'],
  cards: [],
  cosmos: [],
  http: [],
  scheduler: [],
};

const adapterRules = Object.entries(ADAPTER_EDGES).map(([from, allowed]) => ({
  name: `adapter-${from}-imports-only-${allowed.length === 0 ? 'itself' : allowed.join('-')}`,
  comment: `src/adapters/${from} may import ${allowed.length === 0 ? 'no other adapter' : `only these adapters: ${allowed.join(', ')}`}.`,
  severity: 'error',
  from: { path: `^src/adapters/${from}/` },
  to: {
    path: '^src/adapters/',
    pathNot: [`^src/adapters/${from}/`, ...allowed.map((a) => `^src/adapters/${a}(/|\\.ts$)`)],
  },
}));

/** An SDK and the only folder (or file) that may import it. */
const sdkHomes = [
  ['^botbuilder|^botframework-', '^src/adapters/(teams|http)/'],
  ['^adaptivecards-templating', '^src/adapters/cards/shared/render\\.ts$'],
  ['^@azure/cosmos', '^src/adapters/cosmos/'],
  ['^@vercel/cosmosdb-server', '^src/adapters/cosmos/'],
  ['^restify', '^src/adapters/http/'],
];

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports only src/domain, luxon and date-holidays.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/(luxon|@types/luxon|date-holidays)/'] },
    },
    {
      name: 'app-imports-no-adapter',
      comment: 'src/app holds use cases over ports: only src/domain, src/app and node:crypto.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: ['^src/(app|domain)/', '^crypto$', '^node:crypto$', '^node_modules/(luxon|@types/luxon)/'] },
    },
    ...adapterRules,
    ...sdkHomes.map(([module, home]) => ({
      name: `sdk-stays-home:${module.replace(/[^a-z@/-]/gi, '')}`,
      comment: `${module} is imported only from ${home}.`,
      severity: 'error',
      from: { path: '^src/', pathNot: home },
      to: { path: `^node_modules/(@types/)?(${module.replace(/\^/g, '')})` },
    })),
    {
      name: 'no-circular',
      comment: 'No import cycles.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-dev-dependency-at-run-time',
      comment: 'Production installs only dependencies (npm ci --omit=dev): src must not need a devDependency at run time.',
      severity: 'error',
      // src/tab is browser code, bundled at build time (teams-js is in the bundle); tabScript.ts
      // loads esbuild only when the app runs from the sources, where dev dependencies are installed.
      from: { path: '^src/', pathNot: ['^src/tab/', '^src/adapters/http/tabScript\\.ts$'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Keep node_modules paths as imported (a linked node_modules would otherwise resolve elsewhere).
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
