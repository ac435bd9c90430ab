import { InputValidationError } from '@app/validation';
import { Page, decodeCursor, encodeCursor } from './page';

const scope = ['timeline', 'balle-perdue', { asOf: '2020-07-01' }];

function cursorFieldOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputValidationError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('no error thrown');
}

describe('page cursors', () => {
  it('give back the key they were issued with, for the same scope', () => {
    const key = ['2020-06-19', '2020-06-19', 12];
    expect(decodeCursor(encodeCursor(key, scope), scope, 3)).toEqual(key);
  });

  it('are URL-safe text', () => {
    expect(encodeCursor(['a/b+c?', 1], scope)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('are refused, naming cursor, for another scope', () => {
    const cursor = encodeCursor([3], scope);
    expect(cursorFieldOf(() => decodeCursor(cursor, ['timeline', 'balle-perdue', {}], 1))).toEqual(['cursor']);
  });

  it('are refused when their key was altered', () => {
    const [, check] = JSON.parse(Buffer.from(encodeCursor([3], scope), 'base64url').toString());
    const altered = Buffer.from(JSON.stringify([[4], check])).toString('base64url');
    expect(cursorFieldOf(() => decodeCursor(altered, scope, 1))).toEqual(['cursor']);
  });

  it('are refused when they are not one: garbage, other JSON, a key of another length', () => {
    for (const garbage of ['not-a-cursor', '%%%', '', Buffer.from('{"a":1}').toString('base64url')]) {
      expect(cursorFieldOf(() => decodeCursor(garbage, scope, 1))).toEqual(['cursor']);
    }
    expect(cursorFieldOf(() => decodeCursor(encodeCursor([1, 2], scope), scope, 1))).toEqual(['cursor']);
  });
});

describe('a page of a list computed whole', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  const keyOf = (item: string): [string] => [item];

  function walk(limit: number, list = items): string[][] {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = new Page<[string]>({ limit, cursor }, scope, 1);
      const answer = page.answer(page.rest(list, keyOf), keyOf);
      pages.push(answer.items);
      cursor = answer.page!.next ?? undefined;
    } while (cursor);
    return pages;
  }

  it('gives every item once, in order, and no next cursor on the last page', () => {
    expect(walk(2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(walk(5)).toEqual([items]);
  });

  it('gives the whole list, and says nothing of pages, without a request', () => {
    const page = new Page<[string]>(undefined, scope, 1);
    expect(page.answer(page.rest(items, keyOf), keyOf)).toEqual({ items });
  });

  it('continues after the cursor’s item when items were added before it', () => {
    const first = new Page<[string]>({ limit: 2 }, scope, 1);
    const cursor = first.answer(first.rest(items, keyOf), keyOf).page!.next!;
    const next = new Page<[string]>({ limit: 2, cursor }, scope, 1);
    expect(next.rest(['0', ...items], keyOf)).toEqual(['c', 'd', 'e']);
  });

  it('refuses a cursor whose item is no longer in the list', () => {
    const cursor = encodeCursor(['z'], scope);
    const page = new Page<[string]>({ limit: 2, cursor }, scope, 1);
    expect(cursorFieldOf(() => page.rest(items, keyOf))).toEqual(['cursor']);
  });
});
