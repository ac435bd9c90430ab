'use strict';
/**
 * Bundles the compiled CLI (`dist/apps/cli/src/main.js`) into one file, `dist/cli/franchise-timeline.js`,
 * with esbuild. A command's start is mostly Node finding, reading and compiling some 1,300 module
 * files (half a second here); one file takes half as long. The code is tsc's output, so the
 * decorator metadata NestJS reads is already in it.
 */
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BUNDLE = 'dist/cli/franchise-timeline.js';

function bundleCli(root = ROOT) {
  // Loaded here, not above: the launcher reads BUNDLE on every command and bundles rarely.
  require('esbuild').buildSync({
    entryPoints: [join(root, 'dist/apps/cli/src/main.js')],
    outfile: join(root, BUNDLE),
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    external: [
      // A native addon, loaded from node_modules as it is.
      'better-sqlite3',
      // Loaded only on EventStoreDB, from node_modules, when the store is opened.
      '@eventstore/db-client',
      // Packages NestJS and class-transformer load only if installed; none is.
      '@nestjs/microservices',
      '@nestjs/microservices/*',
      '@nestjs/websockets/*',
      '@nestjs/platform-express',
      'class-transformer/storage',
    ],
  });
}

if (require.main === module) bundleCli();

module.exports = { BUNDLE, bundleCli };
