/** Test helper: a projection fed events on an in-memory read-model database, as the runner feeds it. */
import { TimelineEvent } from '@app/domain';
import type Database from 'better-sqlite3';
import { Projection } from './projection';
import { openReadModelDatabase } from './read-model.database';

/**
 * A fresh database holding what `projection` makes of `events`, applied in order as the runner
 * does: only the types it handles, each numbered in recording order (sequence and revision from 1).
 */
export function given(projection: Projection, ...events: TimelineEvent[]): Database.Database {
  const db = openReadModelDatabase(':memory:');
  projection.migrate(db);
  events.forEach((event, index) => {
    if (!projection.handles.includes(event.type)) return;
    const at = { streamId: 'test', revision: index + 1, position: String(index + 1), sequence: index + 1 };
    projection.apply(db, event, at);
  });
  return db;
}
