import { GlobalPosition } from '@app/event-store';
import type Database from 'better-sqlite3';
import { Projection } from '../projection';

/** How far a projection has applied the log. */
export interface Checkpoint {
  position?: GlobalPosition;
  applied: number;
  /** The id of the event at `position`: the log still has it there, unless it was rewritten. */
  eventId?: string;
}

interface CheckpointRow {
  projection: string;
  position: string | null;
  applied: number;
  event_id: string | null;
}

/**
 * The projections' checkpoints in the read-model database (`projection_checkpoints`, created with
 * it): a row each, written in the transaction that applies the events they count.
 */
export class CheckpointTable {
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly projections: readonly Projection[],
  ) {
    this.statements = {
      all: db.prepare<[], CheckpointRow>('SELECT projection, position, applied, event_id FROM projection_checkpoints'),
      upsert: db.prepare<[string, string | null, number, number, string | null]>(
        `INSERT INTO projection_checkpoints (projection, position, applied, version, event_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (projection) DO UPDATE
           SET position = excluded.position, applied = excluded.applied, version = excluded.version,
               event_id = excluded.event_id`,
      ),
      version: db.prepare<[string], number>('SELECT version FROM projection_checkpoints WHERE projection = ?').pluck(),
      remove: db.prepare<[string]>('DELETE FROM projection_checkpoints WHERE projection = ?'),
    };
  }

  /** Every projection's checkpoint, in one read: none stored reads as nothing applied. */
  read(): Map<string, Checkpoint> {
    const stored = new Map(
      this.statements.all
        .all()
        .map((r) => [
          r.projection,
          { position: r.position ?? undefined, applied: r.applied, eventId: r.event_id ?? undefined },
        ]),
    );
    return new Map(this.projections.map(({ name }) => [name, stored.get(name) ?? { applied: 0 }]));
  }

  save(projection: Projection, checkpoint: Checkpoint): void {
    const { position, applied, eventId } = checkpoint;
    this.statements.upsert.run(projection.name, position ?? null, applied, projection.version, eventId ?? null);
  }

  /** The shape of the tables the stored checkpoint counts for, if one is stored. */
  version(projection: Projection): number | undefined {
    return this.statements.version.get(projection.name);
  }

  forget(projection: Projection): void {
    this.statements.remove.run(projection.name);
  }
}
