import { ReadModelMismatchError } from '@app/projections';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

/**
 * Read models kept apart from the event log (READ_MODEL_DB), then started beside another log:
 * they must follow the log they now serve, never answer from the one they were built from.
 */
describe.each(STORE_KINDS)('read models started beside another log (%s)', (kind) => {
  let dir: string;
  let first: RunningApp;
  let second: RunningApp | undefined;
  let current: RunningApp;
  const http = client(() => current);
  const readModels = () => ({ READ_MODEL_DB: join(dir, 'read-models.db') });
  /** SQLite: another store file beside the first; EventStoreDB: another server (a fresh emulator). */
  const anotherLog = (env: Record<string, string> = {}) =>
    startApp({
      kind,
      dir,
      env: { ...readModels(), ...(kind === 'sqlite' ? { TIMELINE_DB: join(dir, 'other.db') } : {}), ...env },
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timeline-stale-'));
    first = current = await startApp({ kind, dir, env: readModels() });
    second = undefined;
  });

  afterEach(async () => {
    await second?.dispose();
    await first.dispose();
  });

  it('rebuilds them from the new log, says so in /health, and then answers from it', async () => {
    expect((await http.post('/franchises', { id: 'only-in-the-first', title: 'First log only' })).status).toBe(201);
    await first.stop();

    current = second = await anotherLog();

    expect((await http.get('/health')).body).toMatchObject({
      readModels: 'rebuilt',
      reason: expect.stringMatching(/another event store/),
    });
    expect((await http.get('/franchises/only-in-the-first')).status).toBe(404);
    expect((await http.post('/franchises', { id: 'new-in-the-second', title: 'Second log' })).status).toBe(201);
    expect((await http.get('/franchises/new-in-the-second')).status).toBe(200);
    expect((await http.get('/franchises')).body.franchises.map((f: any) => f.id).sort()).toEqual([
      'balle-perdue',
      'new-in-the-second',
      'tyler-rake',
    ]);
  });

  it('refuses to start beside another log when READ_MODELS_ON_MISMATCH=refuse, naming why', async () => {
    await first.stop();

    await expect(anotherLog({ READ_MODELS_ON_MISMATCH: 'refuse' })).rejects.toThrow(ReadModelMismatchError);
  });
});
