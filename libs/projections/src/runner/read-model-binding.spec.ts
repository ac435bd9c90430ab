import { EventStore } from '@app/event-store';
import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Projection } from '../projection';
import { openReadModelDatabase } from '../read-model.database';
import { CheckpointTable } from './checkpoint-table';
import { ReadModelBinding } from './read-model-binding';

const projection = (version: number): Projection => ({
  name: 'p',
  version,
  handles: [],
  schema: 'CREATE TABLE IF NOT EXISTS p_rows (id TEXT)',
  tables: ['p_rows'],
  apply: () => undefined,
});
const store = { lastPosition: async () => '10', comparePositions: (a: string, b: string) => +a - +b } as EventStore;

describe('ReadModelBinding', () => {
  let db: Database.Database;
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    db = openReadModelDatabase(':memory:');
  });
  afterEach(() => {
    db.close();
    jest.restoreAllMocks();
  });

  const bindingOf = (p: Projection) => new ReadModelBinding(db, store, [p], new CheckpointTable(db, [p]));

  it('says built on an empty file, and names another store the read models were built from', async () => {
    const binding = bindingOf(projection(1));

    expect(binding.bind('store-1', { rebuild: false })).toEqual({ readModels: 'built' });
    expect(await binding.mismatch('store-1')).toBeUndefined();
    expect(await binding.mismatch('store-2')).toMatch(/another event store \(store-1; this one is store-2\)/);
  });

  it('drops the tables of a projection whose shape changed, and keeps those of one that did not', () => {
    const first = projection(1);
    bindingOf(first).bind('store-1', { rebuild: false });
    db.prepare("INSERT INTO p_rows VALUES ('kept')").run();
    new CheckpointTable(db, [first]).save(first, { position: '3', applied: 3 });

    expect(bindingOf(projection(1)).bind('store-1', { rebuild: false })).toEqual({ readModels: 'resumed' });
    expect(db.prepare('SELECT COUNT(*) FROM p_rows').pluck().get()).toBe(1);
    bindingOf(projection(2)).bind('store-1', { rebuild: false });
    expect(db.prepare('SELECT COUNT(*) FROM p_rows').pluck().get()).toBe(0);
  });

  it('finds read models that applied past the end of the log', async () => {
    const p = projection(1);
    bindingOf(p).bind('store-1', { rebuild: false });
    new CheckpointTable(db, [p]).save(p, { position: '11', applied: 11 });

    expect(await bindingOf(p).mismatch('store-1')).toMatch(/past the end of the log/);
  });
});
