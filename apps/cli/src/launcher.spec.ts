import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The launcher is plain JavaScript (it runs before anything is compiled). */
const { needsBuild } = require('../../../bin/franchise-timeline.js') as { needsBuild: (root: string) => boolean };

describe('bin/franchise-timeline.js: when it compiles before running the CLI', () => {
  let root: string;
  const T0 = new Date('2026-01-01T00:00:00Z');
  const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
  /** A file of the checkout, last changed at `when`. */
  const file = (path: string, when = T0) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), when, when);
  };
  const built = (when: Date) => file('dist/cli/franchise-timeline.js', when);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'launcher-'));
    for (const settings of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
      file(settings);
    }
    file('scripts/bundle.js');
    file('apps/api/src/main.ts');
    file('apps/cli/src/main.ts');
    file('libs/domain/src/franchise/franchise.aggregate.ts');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('compiles a checkout never built', () => {
    expect(needsBuild(root)).toBe(true);
  });

  it('runs a build newer than every source without compiling', () => {
    built(later(10));

    expect(needsBuild(root)).toBe(false);
  });

  it.each([
    'libs/domain/src/franchise/franchise.aggregate.ts',
    'apps/cli/src/commands/new.command.ts',
    'apps/api/src/http/some.controller.ts',
    'tsconfig.build.json',
    'package-lock.json',
    'scripts/bundle.js',
  ])('compiles again once %s changed after the build', (changed) => {
    built(later(10));

    file(changed, later(20));

    expect(needsBuild(root)).toBe(true);
  });

  it.each(['libs/domain/src/franchise/franchise.aggregate.spec.ts', 'apps/web/src/app.tsx', 'test/x.e2e-spec.ts'])(
    'does not compile for %s, which the CLI is not built from',
    (changed) => {
      built(later(10));

      file(changed, later(20));

      expect(needsBuild(root)).toBe(false);
    },
  );
});
