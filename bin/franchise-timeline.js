#!/usr/bin/env node
'use strict';
/**
 * The command line (`npx franchise-timeline …`, `npm run cli -- …`): runs the built CLI, one
 * bundled file (`scripts/bundle.js`), compiling and bundling it first only when a source is
 * newer than the bundle. It never builds the page (`dist/web`), which a running API serves: Vite
 * empties that folder while it builds.
 *
 * Written by hand rather than with a build tool's watch mode: one stat per source (a few
 * milliseconds) is all a command needs, and the check must cost nothing when nothing changed.
 */
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const { BUNDLES } = require('../scripts/bundle.js');
/** What the CLI's build reads: its sources (the page's aside), the settings and the bundler's script. */
const SOURCES = ['apps/api/src', 'apps/cli/src', 'libs'];
const SETTINGS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.js'];
/** The files tsconfig.build.json compiles: not the tests beside the code. */
const BUILT = /(?<!\.spec|\.contract|\.fixtures)\.ts$/;

/** When a source the CLI is built from last changed (epoch ms). */
function newestSource(root = ROOT) {
  let newest = Math.max(...SETTINGS.map((file) => statSync(join(root, file)).mtimeMs));
  const pending = SOURCES.map((dir) => join(root, dir));
  while (pending.length > 0) {
    const dir = pending.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (BUILT.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Whether the CLI must be compiled first: never built, or a source changed since. */
function needsBuild(root = ROOT) {
  try {
    return statSync(join(root, BUNDLES.cli.outfile)).mtimeMs < newestSource(root);
  } catch {
    return true;
  }
}

function run(command, args) {
  const { status } = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (status !== 0) process.exit(status ?? 1);
}

if (require.main === module) {
  if (needsBuild()) {
    process.stderr.write('franchise-timeline: sources changed since the last build; compiling (not the page)…\n');
    run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json']);
    run(join(ROOT, 'node_modules/.bin/tsc-alias'), ['-p', 'tsconfig.build.json']);
    run(process.execPath, [join(ROOT, 'scripts/bundle.js'), 'cli']);
  }
  require(join(ROOT, BUNDLES.cli.outfile)).main();
}

module.exports = { needsBuild };
