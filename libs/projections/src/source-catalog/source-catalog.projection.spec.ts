import {
  RECORDED_AT,
  claim,
  sourceRanked as ranked,
  sourceRegistered,
} from '@app/domain/events/timeline-events.fixtures';
import { given } from '../given-events.fixtures';
import { SourceCatalogProjection } from './source-catalog.projection';
import { SourceCatalogReadModel, sourceKey } from './source-catalog.read-model';

const wide = sourceRegistered('article-wide', '2020-07/2020-08', { url: 'https://example.org/a', language: 'fr' });
const july = sourceRegistered('article-july', '2020-07', { reference: '002.txt', notes: 'dated by its content' });

describe('SourceCatalogProjection', () => {
  const readModel = (...events: Parameters<typeof given>[1][]) =>
    new SourceCatalogReadModel(given(new SourceCatalogProjection(), ...events));

  it('keeps each source with its publication as days, and its latest rank (0 when never ranked)', () => {
    const sources = readModel(
      wide,
      ranked('article-wide', 40, '2026-11-22T10:00:00.000Z'),
      ranked('article-wide', 90, '2026-11-23T10:00:00.000Z'),
      july,
    );

    expect(sources.find('article-wide')).toEqual({
      id: 'article-wide',
      name: 'Article article-wide',
      kind: 'press',
      publishedOn: '2020-07/2020-08',
      published: { earliest: '2020-07-01', latest: '2020-08-31' },
      url: 'https://example.org/a',
      language: 'fr',
      recordedAt: RECORDED_AT,
      rank: 90,
    });
    expect(sources.find('article-july')).toMatchObject({
      reference: '002.txt',
      notes: 'dated by its content',
      rank: 0,
    });
    expect(sources.find('article-unknown')).toBeUndefined();
  });

  it('keeps what a source is: a post as social, an article as press when not said', () => {
    const sources = readModel(sourceRegistered('netflix-post', '2020-07', { kind: 'social' }), july);

    expect(sources.find('netflix-post')?.kind).toBe('social');
    expect(sources.find('article-july')?.kind).toBe('press');
  });

  it('lists the sources first published first (then by id), a page at a time after the last one given', () => {
    const sources = readModel(wide, july, sourceRegistered('article-also-july', '2020-07'));

    expect(sources.list().map((s) => s.id)).toEqual(['article-also-july', 'article-july', 'article-wide']);
    const [first] = sources.list({ limit: 1 });
    expect(first.id).toBe('article-also-july');
    expect(sources.list({ after: sourceKey(first), limit: 1 }).map((s) => s.id)).toEqual(['article-july']);
    expect(sources.list({ after: sourceKey(sources.list()[2]) })).toEqual([]);
  });

  it('finds several by id in one read, with their latest rank or without', () => {
    const sources = readModel(wide, july, ranked('article-wide', 40, '2026-11-22T10:00:00.000Z'));
    const named = ['article-wide', 'article-unknown', 'article-wide'];

    expect([...sources.byIds(named).keys()]).toEqual(['article-wide']);
    expect(sources.findAll(named).map((s) => [s.id, s.rank])).toEqual([['article-wide', 40]]);
  });

  it('keeps the history of ranks in recording order, for recordedBefore', () => {
    const sources = readModel(
      wide,
      july,
      ranked('article-wide', 40, '2026-11-22T10:00:00.000Z'),
      ranked('article-july', 70, '2026-11-22T11:00:00.000Z'),
      ranked('article-wide', 90, '2026-11-23T10:00:00.000Z'),
    );

    expect(sources.ranksOf(['article-wide'])).toEqual([
      { sourceId: 'article-wide', rank: 40, recordedAt: '2026-11-22T10:00:00.000Z' },
      { sourceId: 'article-wide', rank: 90, recordedAt: '2026-11-23T10:00:00.000Z' },
    ]);
    expect(sources.ranksOf(['article-july', 'article-wide']).map((r) => r.rank)).toEqual([40, 70, 90]);
  });

  it('ignores claims', () => {
    const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-06-19' }, 'article-wide');
    expect(readModel(release).list()).toEqual([]);
  });
});
