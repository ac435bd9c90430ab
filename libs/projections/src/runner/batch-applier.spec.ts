import { TimelineEvent, franchiseStream, toRecord } from '@app/domain';
import { claim, franchiseCreated } from '@app/domain/events/timeline-events.fixtures';
import { StoredEvent } from '@app/event-store';
import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Projection } from '../projection';
import { openReadModelDatabase } from '../read-model.database';
import { AppliedEvent, BatchApplier } from './batch-applier';
import { CheckpointTable } from './checkpoint-table';

/** Keeps the id of every event of the types it handles; fails on `failOn`, after writing its row. */
class Seen implements Projection {
  readonly version = 1;
  readonly schema: string;
  readonly tables: string[];
  failOn?: string;

  constructor(
    readonly name: string,
    readonly handles: readonly TimelineEvent['type'][],
  ) {
    this.tables = [`seen_${name}`];
    this.schema = `CREATE TABLE IF NOT EXISTS seen_${name} (event_id TEXT PRIMARY KEY)`;
  }

  apply(db: Database.Database, event: TimelineEvent): void {
    db.prepare(`INSERT INTO seen_${this.name} VALUES (?)`).run(event.eventId);
    if (event.eventId === this.failOn) throw new Error('cannot apply');
  }
}

const created = franchiseCreated();
const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-06-19' }, 'article-000');
const stored = (event: TimelineEvent, position: number): StoredEvent => ({
  ...toRecord(event),
  streamId: franchiseStream('balle-perdue'),
  revision: position - 1,
  position: String(position),
});

describe('BatchApplier', () => {
  let db: Database.Database;
  let all: Seen;
  let claims: Seen;
  let applier: BatchApplier;
  let committed: AppliedEvent[][];
  const ids = (name: string) => db.prepare(`SELECT event_id FROM seen_${name}`).pluck().all();

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    db = openReadModelDatabase(':memory:');
    all = new Seen('all', ['FranchiseCreated', 'FilmReleased']);
    claims = new Seen('claims', ['FilmReleased']);
    for (const p of [all, claims]) db.exec(p.schema);
    applier = new BatchApplier(db, [all, claims], new CheckpointTable(db, [all, claims]), (a, b) => +a - +b);
    applier.load();
    committed = [];
  });
  afterEach(() => {
    db.close();
    jest.restoreAllMocks();
  });

  it('applies each event to the projections that handle it and moves every checkpoint past it, in one transaction', () => {
    applier.apply([stored(created, 1), stored(release, 2)], (applied) => committed.push(applied));

    expect(ids('all')).toEqual([created.eventId, release.eventId]);
    expect(ids('claims')).toEqual([release.eventId]);
    expect(committed.map((c) => c.map((e) => e.sequence))).toEqual([[1, 2]]);
    expect(applier.checkpoints.get('claims')).toEqual({ position: '2', applied: 2, eventId: release.eventId });
    expect(applier.lowest()).toBe('2');
  });

  it('keeps the events before a failing one, applied one by one, and throws at it with nothing of it kept', () => {
    claims.failOn = release.eventId;

    expect(() => applier.apply([stored(created, 1), stored(release, 2)], (applied) => committed.push(applied))).toThrow(
      'cannot apply',
    );

    expect(committed.map((c) => c.map((e) => e.stored.id))).toEqual([[created.eventId]]);
    expect(ids('all')).toEqual([created.eventId]);
    expect(applier.checkpoints.get('all')).toMatchObject({ position: '1' });
  });

  it('skips an event of a type it does not know, moving the checkpoints past it', () => {
    const unknown = { ...stored(created, 1), id: 'x', type: 'FromTheFuture' };

    applier.apply([unknown], (applied) => committed.push(applied));

    expect(committed[0][0].event).toBeUndefined();
    expect(applier.lowest()).toBe('1');
  });
});
