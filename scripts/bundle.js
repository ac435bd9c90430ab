'use strict';
/**
 * Bundles the compiled API and CLI (tsc's output in `dist/apps`) into one file each with esbuild:
 * `dist/api/main.js` (what `npm start` runs) and `dist/cli/franchise-timeline.js`. Starting is
 * mostly Node finding, reading and compiling some 1,300 module files (half a second here); one
 * file takes half as long. The code is tsc's output, so the decorator metadata NestJS reads is
 * already in it. `node scripts/bundle.js [api|cli]`: both when none is named.
 */
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BUNDLES = {
  api: { entry: 'dist/apps/api/src/main.js', outfile: 'dist/api/main.js' },
  cli: { entry: 'dist/apps/cli/src/main.js', outfile: 'dist/cli/franchise-timeline.js' },
};

/** Loaded from node_modules as they are, not bundled. */
const EXTERNAL = [
  // A native addon.
  'better-sqlite3',
  // Loaded only on EventStoreDB, when the store is opened.
  '@eventstore/db-client',
  // Serves its files from where it is installed, found from its own path.
  'swagger-ui-dist',
];

/**
 * NestJS, Terminus and class-transformer `require` packages they support only if installed (an
 * ORM, microservices, a view engine): those not installed are left to fail at run time, where
 * they are caught, rather than fail the bundle.
 */
const optionalPeers = {
  name: 'optional-peers',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path, resolveDir }) => {
      try {
        require.resolve(path, { paths: [resolveDir] });
        return undefined;
      } catch {
        return { path, external: true };
      }
    });
  },
};

/** Bundles `entry` into `outfile`, both relative to `root`. */
function bundle({ entry, outfile }, root = ROOT) {
  return require('esbuild').build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    external: EXTERNAL,
    plugins: [optionalPeers],
  });
}

if (require.main === module) {
  const named = process.argv.slice(2);
  const targets = named.length > 0 ? named.map((name) => BUNDLES[name]) : Object.values(BUNDLES);
  Promise.all(targets.map((target) => bundle(target))).catch(() => (process.exitCode = 1));
}

module.exports = { BUNDLES, bundle };
