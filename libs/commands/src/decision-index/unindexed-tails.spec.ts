import { UnindexedTails } from './unindexed-tails';
import { IndexedEvent } from './decision-index.port';

/** `count` events of a stream from `revision` on, each establishing a fact under its own id and under `shared`. */
function events(count: number, revision = 0, shared = 'film:1'): IndexedEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e${revision + i}`,
    revision: revision + i,
    position: String(100 + revision + i),
    facts: [
      [`e${revision + i}`, { n: revision + i }],
      [shared, { first: revision + i }],
    ],
  }));
}

describe('UnindexedTails', () => {
  it('lets the least recently written streams go beyond its bound', () => {
    const tails = new UnindexedTails(5);
    tails.add('a', 1, undefined, events(3));
    tails.add('b', 1, undefined, events(2));

    tails.add('a', 1, undefined, events(1, 3));

    expect(tails.get('b')).toBeUndefined();
    expect(tails.size()).toEqual({ streams: 1, events: 4 });
  });

  it('keeps a stream longer than its bound while it is the one written', () => {
    const tails = new UnindexedTails(2);

    tails.add('a', 1, undefined, events(3));

    expect(tails.get('a')?.last).toMatchObject({ revision: 2, id: 'e2' });
  });

  it('reads a fact from the index first, then from the tail, where the first event to establish it keeps it', () => {
    const tail = new UnindexedTails().add('a', 1, { revision: 9, id: 'e9', version: 1 }, events(2, 10));
    const indexed = new Map([['film:2', { value: 'indexed', revision: 3 }]]);

    const facts = tail.over(indexed);

    expect(facts.get('film:1')).toEqual({ value: { first: 10 }, revision: 10 });
    expect(tail.over(new Map([['film:1', { value: 'indexed', revision: 3 }]])).get('film:1')).toEqual({
      value: 'indexed',
      revision: 3,
    });
    expect(tail.placed('e11')).toEqual({ revision: 11, position: '111' });
  });

  it('no longer continues an index whose head moved, or facts of another version', () => {
    const head = { revision: 4, id: 'e4', version: 1 };
    const tail = new UnindexedTails().add('a', 1, head, events(1, 5));

    expect(tail.continues(head, 1)).toBe(true);
    expect(tail.continues({ ...head, revision: 5, id: 'e5' }, 1)).toBe(false);
    expect(tail.continues(undefined, 1)).toBe(false);
    expect(tail.continues(head, 2)).toBe(false);
  });

  it('refuses events that do not follow it: they would leave facts out', () => {
    const tails = new UnindexedTails();
    tails.add('a', 1, undefined, events(2));

    expect(() => tails.add('a', 1, undefined, events(1, 5))).toThrow('event at revision 5 after 1');
    expect(() => tails.add('b', 1, { revision: 3, id: 'e3', version: 1 }, events(1, 0))).toThrow(
      'event at revision 0 after 3',
    );
  });

  it('keeps the tail of a stream being read or written beyond its bound, and lets it go after', async () => {
    const tails = new UnindexedTails(5);
    tails.add('a', 1, undefined, events(3));

    await tails.pinned('a', async () => {
      tails.add('b', 1, undefined, events(3));
      expect(tails.get('a')).toBeDefined();
    });
    tails.add('b', 1, undefined, events(1, 3));

    expect(tails.get('a')).toBeUndefined();
    expect(tails.size()).toEqual({ streams: 1, events: 4 });
  });
});
