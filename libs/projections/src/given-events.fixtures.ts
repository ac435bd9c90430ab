/** Test helper: a projection fed events on an in-memory read-model database, as the runner feeds it. */
import { TimelineEvent } from '@app/domain';
import { claim } from '@app/domain/events/timeline-events.fixtures';
import type Database from 'better-sqlite3';
import { Projection, createTables } from './projection';
import { openReadModelDatabase } from './read-model.database';

/**
 * A fresh database holding what the projections make of `events`, applied in order as the runner
 * does: to each only the types it handles, each numbered in recording order (sequence and revision from 1).
 */
export function given(projections: Projection | Projection[], ...events: TimelineEvent[]): Database.Database {
  const db = openReadModelDatabase(':memory:');
  const all = Array.isArray(projections) ? projections : [projections];
  all.forEach((projection) => createTables(db, projection));
  events.forEach((event, index) => {
    const at = { streamId: 'test', revision: index + 1, position: String(index + 1), sequence: index + 1 };
    for (const projection of all) if (projection.handles.includes(event.type)) projection.apply(db, event, at);
  });
  return db;
}

/** The first film's release, from article-000, recorded the day before `milestone`. */
export const release = claim(
  'FilmReleased',
  { filmId: 'balle-perdue-1', title: 'Balle perdue', releasedOn: '2020-06-19' },
  'article-000',
  { recordedAt: '2026-11-22T10:00:00.000Z' },
);

/** Its views within 28 days, reached some day in July 2020, from article-000. */
export const milestone = claim(
  'ViewershipMilestoneReached',
  { filmId: 'balle-perdue-1', views: 37_000_000, reachedOn: '2020-07', window: 'P28D' },
  'article-000',
  { recordedAt: '2026-11-23T10:00:00.000Z' },
);
