import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fixtures';
import { Result, markdownTable } from './harness';
import { currentLoad, renderReport } from './report';
import { appendsScenario } from './scenarios/appends';
import { commandPathScenario } from './scenarios/command-path';
import { httpScenario } from './scenarios/http';
import { readsScenario } from './scenarios/reads';
import { rebuildScenario } from './scenarios/rebuild';

const SCENARIOS: Record<string, () => Promise<Result[]>> = {
  appends: appendsScenario,
  commands: commandPathScenario,
  reads: readsScenario,
  http: httpScenario,
  rebuild: rebuildScenario,
};

/** `npm run bench` runs everything and rewrites docs/benchmarks.md; `npm run bench -- reads http` runs some and only prints. */
async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0)
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const names = wanted.length > 0 ? wanted : Object.keys(SCENARIOS);

  const startedAt = new Date();
  const loadAtStart = currentLoad();
  const results: Result[] = [];
  for (const name of names) {
    const t0 = Date.now();
    process.stderr.write(`bench: ${name}…`);
    results.push(...(await SCENARIOS[name]()));
    process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const seconds = (Date.now() - startedAt.getTime()) / 1000;

  process.stdout.write(`${markdownTable(results)}\n`);
  if (names.length === Object.keys(SCENARIOS).length) {
    const file = join(ROOT, 'docs/benchmarks.md');
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    writeFileSync(file, renderReport(results, { startedAt, seconds, loadAtStart }));
    process.stderr.write(`bench: ${Math.round(seconds)} s in all; written to docs/benchmarks.md\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
