import { canonicalJson } from './canonical-json';
import { deriveEventId, isServiceEventId, isUuid, newEventId } from './event-id';

/** RFC 9562 layout: version nibble 5, variant bits 10. */
const V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const parts = {
  franchiseId: 'balle-perdue',
  type: 'FilmReleased',
  sourceId: 'article-000',
  data: { franchiseId: 'balle-perdue', filmId: 'balle-perdue-1', releasedOn: '2020-06-19', platform: 'Netflix' },
};

describe('deriveEventId', () => {
  it('gives a lower-case UUID in the version 5 layout', () => {
    const id = deriveEventId(parts);

    expect(id).toMatch(V5);
    expect(isUuid(id)).toBe(true);
  });

  it.each([{}, { a: 1 }, { text: 'é ü 漢字' }, { n: [1, 2, 3] }, parts])('gives a v5-layout UUID for %j', (content) => {
    expect(deriveEventId(content)).toMatch(V5);
  });

  it('gives the same id for the same content', () => {
    expect(deriveEventId(parts)).toBe(deriveEventId(structuredClone(parts)));
  });

  it('gives the same id whatever the order of the keys, nested ones included', () => {
    const reordered = {
      data: { platform: 'Netflix', releasedOn: '2020-06-19', filmId: 'balle-perdue-1', franchiseId: 'balle-perdue' },
      sourceId: 'article-000',
      type: 'FilmReleased',
      franchiseId: 'balle-perdue',
    };

    expect(deriveEventId(reordered)).toBe(deriveEventId(parts));
  });

  it('ignores fields left undefined', () => {
    expect(deriveEventId({ ...parts, data: { ...parts.data, title: undefined } })).toBe(deriveEventId(parts));
  });

  it.each<[string, Record<string, unknown>]>([
    ['another date', { ...parts, data: { ...parts.data, releasedOn: '2020-06-26' } }],
    ['another source', { ...parts, sourceId: 'article-001' }],
    ['another type', { ...parts, type: 'ReleaseScheduled' }],
    ['a field added', { ...parts, data: { ...parts.data, title: 'Balle perdue' } }],
    ['a number instead of a string', { ...parts, data: { ...parts.data, releasedOn: 20200619 } }],
  ])('gives another id for %s', (_, other) => {
    expect(deriveEventId(other)).not.toBe(deriveEventId(parts));
  });

  it('keeps array order significant', () => {
    expect(deriveEventId({ aliases: ['a', 'b'] })).not.toBe(deriveEventId({ aliases: ['b', 'a'] }));
  });
});

describe('newEventId', () => {
  it('gives a random UUID each time', () => {
    const a = newEventId();
    const b = newEventId();

    expect(isUuid(a)).toBe(true);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(a).not.toBe(b);
  });
});

describe('isUuid', () => {
  it.each([
    '',
    'balle-perdue',
    '0683aadd-1d0a-fccd-0000',
    '0683aadd1d0afccd0000000000000000',
    '0683aadd-1d0a-5ccd-8000-00000000000g',
  ])('refuses %j', (value) => {
    expect(isUuid(value)).toBe(false);
  });

  it('accepts upper case', () => {
    expect(isUuid(deriveEventId(parts).toUpperCase())).toBe(true);
  });
});

describe('isServiceEventId', () => {
  it('claims every id the service derives, in either case', () => {
    expect(isServiceEventId(deriveEventId(parts))).toBe(true);
    expect(isServiceEventId(deriveEventId(parts).toUpperCase())).toBe(true);
  });

  it.each([newEventId(), '018f3c2e-7b1a-7c3d-9e4f-0a1b2c3d4e5f', '00000000-0000-0000-0000-000000000000', 'not-a-uuid'])(
    'leaves %j to clients',
    (value) => {
      expect(isServiceEventId(value)).toBe(false);
    },
  );
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});
