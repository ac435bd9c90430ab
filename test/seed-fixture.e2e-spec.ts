import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { SEED_FILE } from './support/test-app';

/**
 * The seed fixture against the articles it cites. Each article's claims are listed here in our
 * own words, with the fixture line that records each (less `command`'s routing: franchise and
 * source). A fixture line that matches no listed claim of its source, field for field, is a claim
 * no article makes; a claim listed as recorded must be in the fixture exactly once.
 */
interface ArticleClaim {
  /** What the article says, paraphrased. */
  says: string;
  /** The fixture line recording it, without `franchiseId` and `sourceId`; `null` when left out, with `why`. */
  line: Record<string, unknown> | null;
  why?: string;
}

const FIRST = { filmId: 'balle-perdue-1', title: 'Balle perdue' };
const SECOND = { filmId: 'balle-perdue-2', title: 'Balle perdue 2' };
/** Claims several articles make alike: the release (000, 001, 002) and the month's count (000, 001). */
const RELEASED_19_JUNE = { command: 'record-release', ...FIRST, releasedOn: '2020-06-19', platform: 'Netflix' };
const FIRST_MONTH_37M = {
  command: 'record-viewership-milestone',
  filmId: FIRST.filmId,
  views: 37_000_000,
  reachedOn: '2020-06-19/2020-07-19',
  window: 'P1M',
};

const ARTICLE_CLAIMS: Record<string, ArticleClaim[]> = {
  'article-000': [
    {
      says: 'First film out on 19 June, on Netflix alone.',
      line: RELEASED_19_JUNE,
    },
    {
      says: 'Views: over 37 million, first month.',
      line: FIRST_MONTH_37M,
    },
    {
      says: 'It was among the ten most watched films in 21 countries,',
      line: {
        command: 'record-chart-ranking',
        filmId: FIRST.filmId,
        chart: 'netflix-top-10-films',
        rank: 10,
        rankedOn: '2020-06-19/2020-08',
        territoryCount: 21,
      },
    },
    {
      says: 'the United States among them,',
      line: {
        command: 'record-chart-ranking',
        filmId: FIRST.filmId,
        chart: 'netflix-top-10-films',
        rank: 10,
        rankedOn: '2020-06-19/2020-08',
        territory: 'US',
      },
    },
    {
      says: 'and first in Brazil for a week.',
      line: {
        command: 'record-chart-ranking',
        filmId: FIRST.filmId,
        chart: 'netflix-top-10-films',
        rank: 1,
        rankedOn: '2020-06-19/2020-08',
        territory: 'BR',
        weeks: 1,
      },
    },
    {
      says: 'Sequel: only the director’s wish; no talks with Netflix yet.',
      line: null,
      why: 'a wish, not an announcement',
    },
  ],
  'article-001': [
    {
      says: 'First film out on 19 June.',
      line: RELEASED_19_JUNE,
    },
    {
      says: 'Views: over 37 million, first month.',
      line: FIRST_MONTH_37M,
    },
    {
      says: 'Tyler Rake, the yardstick: 95 million views, first month, by the time of writing.',
      line: {
        command: 'record-viewership-milestone',
        filmId: 'tyler-rake-1',
        title: 'Tyler Rake',
        views: 95_000_000,
        reachedOn: '../2020-08',
        window: 'P1M',
      },
    },
  ],
  'article-002': [
    {
      says: 'First film out on 19 June.',
      line: RELEASED_19_JUNE,
    },
    {
      says: 'Users since release: over 37 million, a figure from Netflix France on Twitter.',
      line: {
        command: 'record-viewership-milestone',
        filmId: FIRST.filmId,
        views: 37_000_000,
        reachedOn: '2020-06-19/2020-07',
        basedOn: 'netflix-france-twitter',
      },
    },
    {
      says: 'Sequel: nothing official; cast and director willing; a Netflix order guessed at.',
      line: null,
      why: 'a guess and a wish, not an announcement',
    },
  ],
  'article-003': [
    {
      says: 'Netflix took the first film on after a 2018 phone call, in the producer’s account.',
      line: {
        command: 'record-greenlight',
        ...FIRST,
        greenlitOn: '2018',
        by: 'Netflix',
        basedOn: 'producer-motor-show',
      },
    },
    {
      says: 'First film out some two years before the article.',
      line: { command: 'record-release', ...FIRST, releasedOn: '2020~', platform: 'Netflix' },
    },
    {
      says: 'Views worldwide: over 37 million (no window, no date).',
      line: {
        command: 'record-viewership-milestone',
        filmId: FIRST.filmId,
        views: 37_000_000,
        reachedOn: '2020~/2022-11-09',
      },
    },
    {
      says: 'Views: 37,000 over 28 days, in the producer’s account.',
      line: {
        command: 'record-viewership-milestone',
        filmId: FIRST.filmId,
        views: 37_000,
        reachedOn: '2020~/2021-01',
        window: 'P28D',
        basedOn: 'producer-motor-show',
      },
    },
    {
      says: 'A sequel was announced by Netflix France (undated).',
      line: { command: 'announce-sequel', ...SECOND, announcedOn: '2020-08/2022-11-09' },
    },
    {
      says: 'Second film on Netflix on Thursday 10 November, as the producer announced at the motor show.',
      line: {
        command: 'schedule-release',
        ...SECOND,
        announcedOn: '2022-10',
        scheduledFor: '2022-11-10',
        platform: 'Netflix',
        basedOn: 'producer-motor-show',
      },
    },
  ],
  'article-004': [
    {
      says: 'First film out on Netflix: 26 June 2020.',
      line: { command: 'record-release', ...FIRST, releasedOn: '2020-06-26', platform: 'Netflix' },
    },
    {
      says: 'Second film greenlit by Netflix (undated, some time after the first film’s success).',
      line: { command: 'record-greenlight', ...SECOND, greenlitOn: '2020-08/2022-11-19', by: 'Netflix' },
    },
    {
      says: 'Second film due on Netflix at the end of 2022.',
      line: {
        command: 'schedule-release',
        ...SECOND,
        announcedOn: '2020-09/2022-12',
        scheduledFor: '2022-10/2022-12',
        platform: 'Netflix',
      },
    },
    {
      says: 'Second film’s shoot over, six weeks long (reported as fresh news).',
      line: {
        command: 'record-production-wrap',
        filmId: SECOND.filmId,
        wrappedOn: '2020-09/2022-12',
        shootingWeeks: 6,
      },
    },
    {
      says: 'Third film planned by Netflix (reported as fresh news).',
      line: {
        command: 'announce-sequel',
        filmId: 'balle-perdue-3',
        title: 'Balle perdue 3',
        announcedOn: '2020-09/2022-12',
      },
    },
    {
      says: 'Trilogy made official by Netflix (reported as fresh news).',
      line: { command: 'confirm-trilogy', confirmedOn: '2020-09/2022-12' },
    },
  ],
};

/** The fixture's claim lines: every line that cites a source, less `franchiseId` and `sourceId`. */
function fixtureClaims(): { sourceId: string; line: Record<string, unknown>; at: number }[] {
  return readFileSync(SEED_FILE, 'utf8')
    .split('\n')
    .map((text, index) => ({ text, at: index + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, at }) => ({ command: JSON.parse(text) as Record<string, unknown>, at }))
    .filter(({ command }) => typeof command.sourceId === 'string' && command.command !== 'register-source')
    .map(({ command: { franchiseId: _franchise, sourceId, ...line }, at }) => ({
      sourceId: sourceId as string,
      line,
      at,
    }));
}

describe('the seed fixture, read against what each article says', () => {
  const claims = fixtureClaims();
  const recorded = (sourceId: string) =>
    (ARTICLE_CLAIMS[sourceId] ?? []).filter(
      (c): c is ArticleClaim & { line: Record<string, unknown> } => c.line !== null,
    );

  it('has claims, and cites only the five articles', () => {
    expect(claims.length).toBeGreaterThan(0);
    expect([...new Set(claims.map((c) => c.sourceId))].sort()).toEqual(Object.keys(ARTICLE_CLAIMS).sort());
  });

  it.each(claims.map((c) => [c.at, c]))('line %i is a claim its article makes, field for field', (_at, claim) => {
    const matching = recorded(claim.sourceId).filter((c) => isDeepStrictEqual(c.line, claim.line));
    expect({ line: claim.line, matches: matching.map((c) => c.says) }).toEqual({
      line: claim.line,
      matches: [expect.any(String)],
    });
  });

  it.each(Object.entries(ARTICLE_CLAIMS))(
    'records each claim of %s once, or says why it is left out',
    (sourceId, listed) => {
      for (const claim of listed) {
        if (!claim.line) {
          expect({ says: claim.says, why: claim.why }).toEqual({ says: claim.says, why: expect.any(String) });
          continue;
        }
        const lines = claims.filter((c) => c.sourceId === sourceId && isDeepStrictEqual(c.line, claim.line));
        expect({ says: claim.says, times: lines.length }).toEqual({ says: claim.says, times: 1 });
      }
    },
  );

  it('names an origin only where its article names one', () => {
    const based = claims.filter((c) => 'basedOn' in c.line).map((c) => [c.sourceId, c.line.basedOn]);
    expect(based).toEqual([
      ['article-002', 'netflix-france-twitter'],
      ['article-003', 'producer-motor-show'],
      ['article-003', 'producer-motor-show'],
      ['article-003', 'producer-motor-show'],
    ]);
  });
});
