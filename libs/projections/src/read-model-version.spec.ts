import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDatabase } from './read-model.database';
import { ReadModelVersion } from './read-model-version';

describe('ReadModelVersion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-model-version-'));
  const file = join(dir, 'read-models.db');
  const mine = openReadModelDatabase(file);
  const theirs = openReadModelDatabase(file);
  const version = new ReadModelVersion(mine);
  mine.exec('CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY)');

  afterAll(() => {
    mine.close();
    theirs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays the same while nothing is written', () => {
    expect(version.current()).toBe(version.current());
  });

  it('changes when this connection writes a row', () => {
    const before = version.current();
    mine.prepare('INSERT INTO rows DEFAULT VALUES').run();
    expect(version.current()).not.toBe(before);
  });

  it('changes when another connection on the same file commits, as another process would', () => {
    const before = version.current();
    theirs.prepare('INSERT INTO rows DEFAULT VALUES').run();
    expect(version.current()).not.toBe(before);
  });
});
