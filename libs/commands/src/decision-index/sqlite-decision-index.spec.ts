import { IndexedEvent } from './decision-index.port';
import { SqliteDecisionIndex } from './sqlite-decision-index';

const event = (revision: number, facts: Array<readonly [string, unknown]> = []): IndexedEvent => ({
  id: `event-${revision}`,
  revision,
  position: String(100 + revision),
  facts: [[`event-${revision}`, { n: revision }], ...facts],
});

describe('SqliteDecisionIndex', () => {
  let index: SqliteDecisionIndex;
  beforeEach(() => (index = SqliteDecisionIndex.inMemory()));

  it('keeps each fact with the revision of the first event to establish it, and where each event sits', () => {
    index.add('s', 1, [event(0, [['film:a', 'event-0']]), event(1, [['film:a', 'event-1']])]);

    expect(index.read('s').facts.get('film:a')).toEqual({ value: 'event-0', revision: 0 });
    expect(index.read('s').placed('event-1')).toEqual({ revision: 1, position: '101' });
    expect(index.head('s')).toEqual({ revision: 1, id: 'event-1', version: 1 });
  });

  it('skips events at or before its head: a concurrent reader may add them twice', () => {
    index.add('s', 1, [event(0), event(1)]);
    index.add('s', 1, [event(1), event(2)]);

    expect(index.head('s')).toEqual({ revision: 2, id: 'event-2', version: 1 });
  });

  it('refuses a gap, adding nothing: a fact left out would be missing for good', () => {
    index.add('s', 1, [event(0)]);

    expect(() => index.add('s', 1, [event(2)])).toThrow(/revision 2 after 0/);
    expect(index.head('s')).toEqual({ revision: 0, id: 'event-0', version: 1 });
  });

  it('refuses facts of another version than those kept: the stream is dropped and indexed again instead', () => {
    index.add('s', 1, [event(0)]);

    expect(() => index.add('s', 2, [event(1)])).toThrow(/version 1, not 2/);
  });

  it('keeps streams apart', () => {
    index.add('s', 1, [event(0, [['film:a', 1]])]);

    expect(index.read('t').facts.get('film:a')).toBeUndefined();
    expect(index.head('t')).toBeUndefined();
  });

  it('forgets a dropped stream, and every stream when bound to another store', () => {
    index.bind('store-1');
    index.add('s', 1, [event(0)]);
    index.add('t', 1, [event(0)]);
    index.drop('s');
    expect(index.head('s')).toBeUndefined();
    expect(index.read('s').facts.get('event-0')).toBeUndefined();

    index.bind('store-1');
    expect(index.head('t')).toBeDefined();
    index.bind('store-2');
    expect(index.head('t')).toBeUndefined();
  });
});
