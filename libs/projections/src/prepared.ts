import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The statement for `sql` on `db`, compiled once: projections and queries run the same few on every event and request. */
export function prepared<P extends unknown[] | {} = unknown[], R = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<P, R> {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement as unknown as Database.Statement<P, R>;
}

/** The ids as one statement parameter, for `IN (SELECT value FROM json_each(?))`: one query, one cached statement, for any number. */
export function idList(ids: Iterable<string>): string {
  return JSON.stringify([...new Set(ids)]);
}
