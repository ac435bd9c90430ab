/**
 * Layer rules, checked by `npm run lint:deps` (part of `npm test`).
 * Dependencies point inward: apps → service assembly → commands / queries → projections →
 * event-store port → domain. Vendors stay in their adapter folders.
 */
const DOMAIN = '^libs/domain/src';
const PORT = '^libs/event-store/src/(event-store\\.port|event-store\\.errors|collect|index)\\.ts$';
const HTTP_OR_STORAGE =
  '^(node_modules/(@nestjs|fastify|@fastify|better-sqlite3|@eventstore|express|class-validator|class-transformer|rxjs)/)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain knows nothing of Nest, HTTP, SQLite, EventStoreDB or validation frameworks.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: [HTTP_OR_STORAGE, '^libs/(?!domain/)', '^apps/'] },
    },
    {
      name: 'port-names-no-vendor',
      comment: 'The event-store port is vendor-neutral; only adapters import a store client.',
      severity: 'error',
      from: { path: PORT },
      to: { path: ['better-sqlite3', '@eventstore', '^libs/event-store/src/(sqlite|eventstoredb)/'] },
    },
    {
      name: 'sqlite-only-in-its-adapter-and-read-models',
      comment:
        'better-sqlite3 is the business of the SQLite adapter, the read models and the decision index: queries call read models.',
      severity: 'error',
      from: {
        pathNot: [
          '^libs/event-store/src/sqlite/',
          '^libs/projections/src/',
          '^libs/commands/src/decision-index/sqlite-',
          '^test/',
        ],
      },
      to: { path: 'node_modules/better-sqlite3/' },
    },
    {
      name: 'eventstoredb-only-in-its-adapter',
      severity: 'error',
      from: { pathNot: ['^libs/event-store/src/eventstoredb/', '^test/'] },
      to: { path: 'node_modules/@eventstore/' },
    },
    {
      name: 'adapters-loaded-only-when-chosen',
      comment:
        'The port’s files import an adapter only dynamically (or for its types): a deployment loads the chosen client alone.',
      severity: 'error',
      from: { path: '^libs/event-store/src/[^/]+\\.ts$', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/event-store/src/(sqlite|eventstoredb)/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'adapters-only-through-the-port',
      comment: 'Outside the event-store library, code uses the port, never an adapter directly.',
      severity: 'error',
      from: { path: '^(apps|libs/(?!event-store/))', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/event-store/src/(sqlite|eventstoredb)/' },
    },
    {
      name: 'exports-only-format',
      comment:
        'The export formats (libs/exports) write query answers in other tools’ formats: no HTTP, storage or write side.',
      severity: 'error',
      from: { path: '^libs/exports/' },
      to: { path: [HTTP_OR_STORAGE, '^libs/(commands|projections|service|event-store)/', '^apps/'] },
    },
    {
      name: 'web-page-is-its-own-bundle',
      comment: 'The page (apps/web) runs in the browser: it talks to the API over HTTP and imports no server code.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: ['^libs/', '^apps/(?!web/)', HTTP_OR_STORAGE] },
    },
    {
      name: 'nothing-imports-the-web-page',
      severity: 'error',
      from: { pathNot: '^apps/web/' },
      to: { path: '^apps/web/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'read-side-does-not-write',
      comment: 'Projections and queries never reach into the write side.',
      severity: 'error',
      from: { path: '^libs/(projections|queries)/' },
      to: { path: '^libs/(commands|service)/' },
    },
    {
      name: 'write-side-does-not-read-models',
      comment: 'Commands decide from their own stream, never from read models that may lag.',
      severity: 'error',
      from: { path: '^libs/commands/' },
      to: { path: '^libs/(projections|queries|service)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
