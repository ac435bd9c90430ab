import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { prepared } from './prepared';
import { READ_MODEL_DATABASE } from './read-model.database';

/**
 * A token that changes whenever the read models may have: rows this connection changed
 * (`total_changes()`) and commits by any other connection on the same file, such as the CLI
 * importing while the API serves (`data_version`). An answer cached with a token is still the
 * answer while the token is the same; both reads cost a few microseconds.
 */
@Injectable()
export class ReadModelVersion {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  current(): string {
    const changes = prepared<[], number>(this.db, 'SELECT total_changes()').pluck().get();
    const others = this.db.pragma('data_version', { simple: true });
    return `${changes}:${others}`;
  }
}
