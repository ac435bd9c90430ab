import { EdtfDate } from '../dates/edtf-date';
import { claim } from '../events/timeline-events.fixtures';
import { ClaimEvent } from '../events/timeline-events';
import { FilmView, MAX_CONFLICT_VALUES, WeighedClaim, franchiseView, resolveFacts } from './franchise-at-date';

/** Claims weighed in the order given: the n-th is recorded n-th. */
function weigh(...claims: [ClaimEvent, string][]): WeighedClaim[] {
  return claims.map(([c, publishedOn], i) => ({
    claim: c,
    publishedOn: EdtfDate.parse(publishedOn),
    sequence: i + 1,
  }));
}

const film = (view: ReturnType<typeof franchiseView>, filmId: string): FilmView | undefined =>
  view.films.find((f) => f.filmId === filmId);

const released = (filmId: string, releasedOn: string, sourceId = 'article-000', title?: string) =>
  claim('FilmReleased', { filmId, releasedOn, ...(title ? { title } : {}) }, sourceId);
const scheduled = (filmId: string, scheduledFor: string, sourceId = 'article-003', title?: string) =>
  claim('ReleaseScheduled', { filmId, announcedOn: '2022-10', scheduledFor, ...(title ? { title } : {}) }, sourceId);
const views = (filmId: string, count: number, sourceId: string, window?: string, reachedOn = '2020-07') =>
  claim('ViewershipMilestoneReached', { filmId, views: count, reachedOn, ...(window ? { window } : {}) }, sourceId);

/** The `i`-th day of 2020 from the first of June, as EDTF. */
const dayOf2020 = (i: number) => new Date(Date.UTC(2020, 5, 1 + i)).toISOString().slice(0, 10);

describe('franchiseView', () => {
  it('describes nothing when there are no claims', () => {
    expect(franchiseView([])).toEqual({
      films: [],
      sequelAnnounced: false,
      trilogyConfirmed: false,
      conflicts: [],
      facts: [],
      viewCounts: [],
    });
  });

  describe('film status', () => {
    it('calls a film released when a claim reports its release', () => {
      const view = franchiseView(weigh([released('balle-perdue-1', '2020-06-19'), '2020-07']));

      expect(film(view, 'balle-perdue-1')).toMatchObject({
        status: 'released',
        released: true,
        releasedOn: '2020-06-19',
      });
    });

    it('calls a film released, with no date, when only an audience it had is reported', () => {
      const view = franchiseView(
        weigh([views('tyler-rake-1', 95_000_000, 'article-001', 'P1M', '../2020-08'), '2020-08']),
      );

      expect(film(view, 'tyler-rake-1')).toMatchObject({
        status: 'released',
        released: true,
        releasedOn: null,
        certainty: 'certain',
      });
    });

    it('calls a film scheduled when only scheduled releases speak of it', () => {
      const view = franchiseView(weigh([scheduled('balle-perdue-2', '2022-11-10'), '2022-10']));

      expect(film(view, 'balle-perdue-2')).toMatchObject({
        status: 'scheduled',
        released: false,
        releasedOn: null,
        scheduledOn: '2022-11-10',
      });
    });

    it('does not call a film released because the day it was scheduled for is long past', () => {
      const view = franchiseView(weigh([scheduled('balle-perdue-2', '2022-11-10'), '2022-10']));

      expect(film(view, 'balle-perdue-2')?.status).toBe('scheduled');
      expect(film(view, 'balle-perdue-2')?.released).toBe(false);
    });

    it('calls a film released once a release is reported, keeping the day it was scheduled for', () => {
      const view = franchiseView(
        weigh(
          [scheduled('balle-perdue-2', '2022-11-10'), '2022-10'],
          [released('balle-perdue-2', '2022-11-10', 'article-004'), '2022-11'],
        ),
      );

      expect(film(view, 'balle-perdue-2')).toMatchObject({
        status: 'released',
        released: true,
        releasedOn: '2022-11-10',
        scheduledOn: '2022-11-10',
      });
    });

    it('calls a film announced when it is only greenlit or announced as a sequel', () => {
      const view = franchiseView(
        weigh(
          [claim('SequelAnnounced', { filmId: 'balle-perdue-2', announcedOn: '2020-07' }, 'article-002'), '2020-07'],
          [claim('ProductionGreenlit', { filmId: 'balle-perdue-3', greenlitOn: '2022' }, 'article-004'), '2022-11'],
        ),
      );

      expect(view.films.map((f) => [f.filmId, f.status])).toEqual([
        ['balle-perdue-2', 'announced'],
        ['balle-perdue-3', 'announced'],
      ]);
      expect(film(view, 'balle-perdue-3')).toMatchObject({
        released: false,
        releasedOn: null,
        scheduledOn: null,
        peakViews: null,
      });
    });

    it('keeps a film announced when its shooting wrapped but nothing scheduled or released it', () => {
      const view = franchiseView(
        weigh(
          [claim('ProductionGreenlit', { filmId: 'balle-perdue-3', greenlitOn: '2022' }, 'article-004'), '2022-11'],
          [claim('ProductionWrapped', { filmId: 'balle-perdue-3', wrappedOn: '2022-11' }, 'article-004'), '2022-11'],
        ),
      );

      expect(film(view, 'balle-perdue-3')?.status).toBe('announced');
    });

    it('lists films sorted by id', () => {
      const view = franchiseView(
        weigh(
          [scheduled('balle-perdue-3', '2025-05-07'), '2022-10'],
          [released('balle-perdue-1', '2020-06-19'), '2020-07'],
          [scheduled('balle-perdue-2', '2022-11-10'), '2022-10'],
        ),
      );

      expect(view.films.map((f) => f.filmId)).toEqual(['balle-perdue-1', 'balle-perdue-2', 'balle-perdue-3']);
    });
  });

  describe('peak views', () => {
    it('is the largest of the view counts resolved over each counting window', () => {
      const view = franchiseView(
        weigh(
          [released('balle-perdue-1', '2020-06-19'), '2020-07'],
          [views('balle-perdue-1', 37_000_000, 'article-000', 'P28D'), '2020-08'],
          [views('balle-perdue-1', 50_000_000, 'article-002', 'P91D'), '2020-10'],
          [views('balle-perdue-1', 20_000_000, 'article-001'), '2020-07'],
        ),
      );

      expect(film(view, 'balle-perdue-1')?.peakViews).toBe(50_000_000);
    });

    it('counts the resolved value of a disputed window, not the largest claimed', () => {
      const view = franchiseView(
        weigh(
          [released('balle-perdue-1', '2020-06-19'), '2020-07'],
          [views('balle-perdue-1', 37_000_000, 'article-000', 'P28D'), '2020-08'],
          [views('balle-perdue-1', 37_000_000, 'article-001', 'P28D'), '2020-07'],
          [views('balle-perdue-1', 40_000_000, 'article-002', 'P28D'), '2020-09'],
        ),
      );

      expect(film(view, 'balle-perdue-1')?.peakViews).toBe(37_000_000);
    });

    it('follows a growing series of milestones as one undisputed fact, however many readings', () => {
      const readings = Array.from({ length: 164 }, (_, i): [ClaimEvent, string] => [
        views('balle-perdue-1', 1_000_000 * (i + 1), `article-00${i % 5}`, undefined, dayOf2020(i)),
        '2020-12',
      ]);
      const view = franchiseView(weigh([released('balle-perdue-1', '2020-06-19'), '2020-07'], ...readings));

      expect(film(view, 'balle-perdue-1')?.peakViews).toBe(164_000_000);
      expect(view.conflicts).toEqual([]);
      expect(view.facts.filter((f) => f.field === 'views')).toEqual([
        expect.objectContaining({ value: 164_000_000, disputed: false, decidedBy: [readings[163][0].eventId] }),
      ]);
    });

    it('reports a conflict of the readings that cannot all be true, and only those', () => {
      const view = franchiseView(
        weigh(
          [released('balle-perdue-1', '2020-06-19'), '2020-07'],
          [views('balle-perdue-1', 20_000_000, 'article-000', undefined, '2020-06-28'), '2020-07'],
          [views('balle-perdue-1', 37_000_000, 'article-001', undefined, '2020-07'), '2020-08'],
          [views('balle-perdue-1', 30_000_000, 'article-002', undefined, '2020-08-15'), '2020-08'],
          [views('balle-perdue-1', 30_000_000, 'article-003', undefined, '2020-08-20'), '2020-09'],
        ),
      );

      expect(view.conflicts).toEqual([
        {
          filmId: 'balle-perdue-1',
          field: 'views',
          resolved: 30_000_000,
          policy: 'majority',
          values: [
            expect.objectContaining({ value: 30_000_000, sourceIds: ['article-002', 'article-003'] }),
            expect.objectContaining({ value: 37_000_000, sourceIds: ['article-001'], at: ['2020-07'] }),
          ],
        },
      ]);
      expect(film(view, 'balle-perdue-1')?.peakViews).toBe(30_000_000);
    });

    it('lists at most twenty values of a conflict, the believed and the outvoted first, and says how many more', () => {
      const high = views('balle-perdue-1', 100_000_000, 'article-000', undefined, '2020-06-01');
      const lower = Array.from({ length: 30 }, (_, i): [ClaimEvent, string] => [
        views('balle-perdue-1', 1_000_000 * (i + 1), `article-${i + 1}`, undefined, dayOf2020(i + 1)),
        '2020-12',
      ]);
      const view = franchiseView(
        weigh([released('balle-perdue-1', '2020-06-19'), '2020-07'], [high, '2020-07'], ...lower),
      );

      const [conflict] = view.conflicts;
      expect(conflict.values).toHaveLength(MAX_CONFLICT_VALUES);
      expect(conflict.values.slice(0, 2).map((v) => v.value)).toEqual([30_000_000, 100_000_000]);
      expect(conflict.valuesOmitted).toBe(31 - MAX_CONFLICT_VALUES);
    });

    it('is null when no view count was reported', () => {
      const view = franchiseView(weigh([released('balle-perdue-1', '2020-06-19'), '2020-07']));

      expect(film(view, 'balle-perdue-1')?.peakViews).toBeNull();
    });
  });

  describe('view counts over different windows', () => {
    const counts = (view: ReturnType<typeof franchiseView>) =>
      view.viewCounts.map((v) => [v.filmId, v.counts.map((c) => [c.window, c.value, c.supportedBy]), v.consistent]);

    it('lists a film’s counts side by side, shortest window first and the total last, and says why they are no conflict', () => {
      const view = franchiseView(
        weigh(
          [views('balle-perdue-1', 37_000_000, 'article-000', 'P1M'), '2020-08'],
          [views('balle-perdue-1', 37_000_000, 'article-002'), '2020-07'],
          [views('balle-perdue-1', 37_000, 'article-003', 'P28D'), '2022-10'],
        ),
      );

      expect(counts(view)).toEqual([
        [
          'balle-perdue-1',
          [
            ['P28D', 37_000, ['article-003']],
            ['P1M', 37_000_000, ['article-000']],
            [null, 37_000_000, ['article-002']],
          ],
          true,
        ],
      ]);
      expect(view.viewCounts[0]).not.toHaveProperty('contradiction');
      expect(view.viewCounts[0]).not.toHaveProperty('unordered');
      expect(view.conflicts).toEqual([]);
    });

    it('calls a higher count over a window certainly no longer than another’s inconsistent, a month being 28 days at least', () => {
      const view = franchiseView(
        weigh(
          [views('balle-perdue-1', 40_000_000, 'article-000', 'P28D'), '2020-08'],
          [views('balle-perdue-1', 37_000_000, 'article-001', 'P1M'), '2020-08'],
        ),
      );

      expect(view.viewCounts[0]).toMatchObject({
        consistent: false,
        contradiction: { shorter: 'P28D', longer: 'P1M' },
      });
    });

    it.each([
      ['P4W', 'P1M'],
      ['P11M', 'P12M'],
      ['P12M', 'P1Y'],
      ['P59D', 'P2M'],
    ])('calls a higher count over %s than over %s inconsistent', (shorter, longer) => {
      const view = franchiseView(
        weigh(
          [views('balle-perdue-1', 50_000_000, 'article-000', shorter), '2022-08'],
          [views('balle-perdue-1', 40_000_000, 'article-001', longer), '2022-08'],
        ),
      );

      expect(view.viewCounts[0]).toMatchObject({ consistent: false, contradiction: { shorter, longer } });
      expect(view.viewCounts[0].counts.map((c) => c.window)).toEqual([shorter, longer]);
    });

    it('does not order two windows when either may be the longer: 30 days against a month', () => {
      const view = franchiseView(
        weigh(
          [views('balle-perdue-1', 40_000_000, 'article-000', 'P30D'), '2020-08'],
          [views('balle-perdue-1', 37_000_000, 'article-001', 'P1M'), '2020-08'],
        ),
      );

      expect(view.viewCounts[0]).toMatchObject({ consistent: true, unordered: ['P1M', 'P30D'] });
    });

    it('lists nothing for a film whose counts all agree, or that has one count', () => {
      const view = franchiseView(
        weigh(
          [views('balle-perdue-1', 37_000_000, 'article-000', 'P1M'), '2020-08'],
          [views('balle-perdue-1', 37_000_000, 'article-002'), '2020-07'],
          [views('tyler-rake-1', 95_000_000, 'article-001', 'P1M'), '2020-08'],
        ),
      );

      expect(view.viewCounts).toEqual([]);
    });
  });

  describe('sequel and trilogy', () => {
    it('says a sequel was announced once any sequel announcement is among the claims', () => {
      const view = franchiseView(
        weigh([
          claim('SequelAnnounced', { filmId: 'balle-perdue-2', announcedOn: '2020-07' }, 'article-002'),
          '2020-07',
        ]),
      );

      expect(view).toMatchObject({ sequelAnnounced: true, trilogyConfirmed: false });
    });

    it('says the trilogy is confirmed once a confirmation is among the claims', () => {
      const view = franchiseView(
        weigh([claim('TrilogyConfirmed', { confirmedOn: '2022-10' }, 'article-003'), '2022-10']),
      );

      expect(view).toMatchObject({ sequelAnnounced: false, trilogyConfirmed: true, films: [] });
    });

    it('says neither when only releases are among the claims', () => {
      const view = franchiseView(weigh([released('balle-perdue-1', '2020-06-19'), '2020-07']));

      expect(view).toMatchObject({ sequelAnnounced: false, trilogyConfirmed: false });
    });
  });

  describe('conflicts', () => {
    it('lists every value claimed for a disputed fact, with its sources and events', () => {
      const early = released('balle-perdue-1', '2020-06-19', 'article-000');
      const late = released('balle-perdue-1', '2020-06-26', 'article-001');
      const again = released('balle-perdue-1', '2020-06-19', 'article-002');

      const view = franchiseView(weigh([early, '2020-08'], [late, '2020-07'], [again, '2020-07']));

      expect(view.conflicts).toEqual([
        {
          filmId: 'balle-perdue-1',
          field: 'releasedOn',
          resolved: '2020-06-19',
          policy: 'majority',
          values: [
            {
              value: '2020-06-19',
              sourceIds: ['article-000', 'article-002'],
              origins: ['article-000', 'article-002'],
              eventIds: [early.eventId, again.eventId],
            },
            {
              value: '2020-06-26',
              sourceIds: ['article-001'],
              origins: ['article-001'],
              eventIds: [late.eventId],
            },
          ],
        },
      ]);
      expect(film(view, 'balle-perdue-1')?.releasedOn).toBe('2020-06-19');
    });

    it('names the counting window of a disputed view count', () => {
      const view = franchiseView(
        weigh(
          [released('balle-perdue-1', '2020-06-19'), '2020-07'],
          [views('balle-perdue-1', 37_000_000, 'article-000', 'P28D'), '2020-08'],
          [views('balle-perdue-1', 40_000_000, 'article-002', 'P28D'), '2020-07'],
        ),
      );

      expect(view.conflicts).toHaveLength(1);
      expect(view.conflicts[0]).toMatchObject({
        filmId: 'balle-perdue-1',
        field: 'views',
        window: 'P28D',
        resolved: 37_000_000,
      });
    });

    it('does not mix view counts over different windows', () => {
      const view = franchiseView(
        weigh(
          [released('balle-perdue-1', '2020-06-19'), '2020-07'],
          [views('balle-perdue-1', 37_000_000, 'article-000', 'P28D'), '2020-08'],
          [views('balle-perdue-1', 40_000_000, 'article-002', 'P91D'), '2020-07'],
        ),
      );

      expect(view.conflicts).toEqual([]);
    });

    it('reports a disputed trilogy confirmation under no film', () => {
      const view = franchiseView(
        weigh(
          [claim('TrilogyConfirmed', { confirmedOn: '2022-10' }, 'article-003'), '2022-10'],
          [claim('TrilogyConfirmed', { confirmedOn: '2022-11' }, 'article-004'), '2022-11'],
        ),
      );

      expect(view.conflicts).toEqual([
        expect.objectContaining({ filmId: null, field: 'confirmedOn', resolved: '2022-11' }),
      ]);
      expect(view.conflicts[0]).not.toHaveProperty('window');
    });

    it('lists no conflict for dates that only differ in precision', () => {
      const view = franchiseView(
        weigh(
          [released('balle-perdue-1', '2020-06', 'article-002'), '2020-07'],
          [released('balle-perdue-1', '2020-06-19'), '2020-08'],
        ),
      );

      expect(view.conflicts).toEqual([]);
      expect(film(view, 'balle-perdue-1')?.releasedOn).toBe('2020-06-19');
    });
  });

  describe('titles', () => {
    it('names a film after its id when no claim gives a title', () => {
      const view = franchiseView(weigh([released('balle-perdue-1', '2020-06-19'), '2020-07']));

      expect(film(view, 'balle-perdue-1')?.title).toBe('balle-perdue-1');
    });

    it('names a film after the latest recorded claim that gives a title, whatever the order given', () => {
      const announced = claim(
        'SequelAnnounced',
        { filmId: 'balle-perdue-2', title: 'Balle perdue II', announcedOn: '2020-07' },
        'article-002',
      );
      const schedule = scheduled('balle-perdue-2', '2022-11-10', 'article-003', 'Balle perdue 2');
      const untitled = released('balle-perdue-2', '2022-11-10', 'article-004');
      const claims: WeighedClaim[] = [
        { claim: untitled, publishedOn: EdtfDate.parse('2022-11'), sequence: 3 },
        { claim: schedule, publishedOn: EdtfDate.parse('2022-10'), sequence: 2 },
        { claim: announced, publishedOn: EdtfDate.parse('2020-07'), sequence: 1 },
      ];

      expect(film(franchiseView(claims), 'balle-perdue-2')?.title).toBe('Balle perdue 2');
    });

    it('goes by recording order, not publication, to pick the latest title', () => {
      const recent = claim(
        'SequelAnnounced',
        { filmId: 'balle-perdue-2', title: 'Balle perdue 2', announcedOn: '2022-10' },
        'article-003',
      );
      const old = claim(
        'SequelAnnounced',
        { filmId: 'balle-perdue-2', title: 'Balle perdue II', announcedOn: '2020-07' },
        'article-002',
      );

      const view = franchiseView(weigh([recent, '2022-10'], [old, '2020-07']));

      expect(film(view, 'balle-perdue-2')?.title).toBe('Balle perdue II');
    });
  });
});

describe('resolveFacts', () => {
  it('resolves one fact per film, field and window', () => {
    const facts = resolveFacts(
      weigh(
        [released('balle-perdue-1', '2020-06-19'), '2020-07'],
        [released('balle-perdue-1', '2020-06-19', 'article-001'), '2020-07'],
        [views('balle-perdue-1', 37_000_000, 'article-000', 'P28D'), '2020-08'],
        [views('balle-perdue-1', 37_000_000, 'article-000'), '2020-08'],
        [
          claim(
            'ChartRankingReached',
            { filmId: 'balle-perdue-1', chart: 'netflix-top-10-films', rank: 1, rankedOn: '2020-06' },
            'article-000',
          ),
          '2020-08',
        ],
      ),
    );

    expect(facts.map((f) => [f.key.field, f.key.window, f.resolution.supportedBy])).toEqual([
      ['releasedOn', undefined, ['article-000', 'article-001']],
      ['views', 'P28D', ['article-000']],
      ['views', undefined, ['article-000']],
    ]);
  });
});
