import { InputValidationError } from '@app/validation';
import { createHash } from 'node:crypto';

/** How many items a page holds when the client does not say, and at most. */
export const PAGE_LIMIT_DEFAULT = 100;
export const PAGE_LIMIT_MAX = 1000;

/** A position in a list's order: the sort key of the last item a page held. */
export type PageKey = (string | number)[];

/** What a client asked of a page: its size and, after the first, the cursor the previous page gave. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** What an answer says of its page: its size and the cursor of the next one (null on the last). */
export interface PageInfo {
  limit: number;
  next: string | null;
}

/**
 * One page of a list. The cursor is opaque to clients: base64url of the key of the last item
 * given and a digest of that key with the query it was issued for (the list and its parameters,
 * the `scope`), so a cursor altered, or sent with other parameters, is refused (400 naming `cursor`).
 * The digest is a check, not a secret: a cursor crafted on purpose can only start a page elsewhere.
 * Without a request (in-process readers that need every item), the page is the whole list.
 */
export class Page<K extends PageKey> {
  readonly limit: number;
  /** The key of the last item the previous page gave. */
  readonly after?: K;

  constructor(
    private readonly request: PageRequest | undefined,
    private readonly scope: unknown[],
    keyLength: K['length'],
  ) {
    this.limit = request?.limit ?? Infinity;
    if (request?.cursor !== undefined) this.after = decodeCursor(request.cursor, scope, keyLength) as K;
  }

  /** How many rows to read: one more than the page holds, to know whether another follows (undefined: all). */
  get toRead(): number | undefined {
    return Number.isFinite(this.limit) ? this.limit + 1 : undefined;
  }

  /**
   * For a list computed whole: the items after the cursor's, up to one more than the page holds
   * (for `answer`). An item is found by its key, so items added before it do not shift the page.
   */
  rest<T>(items: T[], keyOf: (item: T) => K): T[] {
    const after = this.after;
    if (!after) return items.slice(0, this.limit + 1);
    const last = items.findIndex((item) => sameKey(keyOf(item), after));
    if (last < 0) throw cursorError('names an item no longer in this list: ask again without it');
    return items.slice(last + 1, last + 2 + this.limit);
  }

  /**
   * For a list read in its order from a read model (keyset): reads rows after the cursor's, one
   * batch at a time, keeps those `keep` keeps (the time rules), until it holds one more than the
   * page (for `answer`) or the rows end. `read` gets where to start and how many rows to give at
   * most (undefined: all of them).
   */
  fill<R, T>(
    read: (after: K | undefined, limit: number | undefined) => R[],
    keyOf: (row: R) => K,
    keep: (rows: R[]) => T[],
  ): T[] {
    const batch = this.toRead;
    const kept: T[] = [];
    let after = this.after;
    while (kept.length <= this.limit) {
      const rows = read(after, batch);
      kept.push(...keep(rows));
      if (batch === undefined || rows.length < batch) break;
      after = keyOf(rows[rows.length - 1]);
    }
    return kept;
  }

  /**
   * For a list a read model reads in its order through its index (keyset), every row an item:
   * reads one more than the page holds after the cursor's item (all without a request), and
   * answers as `answer`.
   */
  read<T>(list: (range: { after?: K; limit?: number }) => T[], keyOf: (item: T) => K): { items: T[]; page?: PageInfo } {
    return this.answer(list({ after: this.after, limit: this.toRead }), keyOf);
  }

  /** The page's items out of up to one more read than it holds, and what the answer says of the page. */
  answer<T>(read: T[], keyOf: (item: T) => K): { items: T[]; page?: PageInfo } {
    const items = read.slice(0, this.limit);
    if (!this.request) return { items };
    const more = read.length > this.limit;
    return {
      items,
      page: { limit: this.limit, next: more ? encodeCursor(keyOf(items[items.length - 1]), this.scope) : null },
    };
  }
}

export function encodeCursor(key: PageKey, scope: unknown[]): string {
  return Buffer.from(JSON.stringify([key, digest(key, scope)])).toString('base64url');
}

/** The key a cursor holds; `InputValidationError` on `cursor` when it is not one issued for this scope. */
export function decodeCursor(cursor: string, scope: unknown[], keyLength: number): PageKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw cursorError('is not a cursor this service gave');
  }
  if (!isCursor(decoded, keyLength)) throw cursorError('is not a cursor this service gave');
  const [key, check] = decoded;
  if (check !== digest(key, scope)) {
    throw cursorError('was given for other parameters (or altered): send the same parameters, or none');
  }
  return key;
}

function isCursor(value: unknown, keyLength: number): value is [PageKey, string] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[1] !== 'string') return false;
  const [key] = value as unknown[];
  return (
    Array.isArray(key) &&
    key.length === keyLength &&
    key.every((part) => typeof part === 'string' || Number.isSafeInteger(part))
  );
}

function digest(key: PageKey, scope: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify([scope, key]))
    .digest('base64url')
    .slice(0, 16);
}

function sameKey(a: PageKey, b: PageKey): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

function cursorError(message: string): InputValidationError {
  return new InputValidationError([{ field: 'cursor', message: `cursor ${message}` }]);
}
