import { EdtfDate } from '../dates/edtf-date';
import {
  DomainError,
  FranchiseNotFoundError,
  IdentityConflictError,
  InvalidDateError,
  RuleViolationError,
  UnknownSourceError,
} from '../errors/domain-errors';
import {
  ClaimInput,
  FRANCHISE_ID,
  RECORDED_AT,
  RECORDED_BY,
  claim,
  franchiseCreated,
  sourceRegistered,
} from '../events/timeline-events.fixtures';
import { ClaimEvent, claimDefinition, ClaimType, FranchiseEvent } from '../events/timeline-events';
import { SourceFacts, foldSource, sourceFacts } from '../sources/source.aggregate';
import { Decision, keyedFactsOf } from '../decision';
import {
  CreateFranchise,
  RecordClaim,
  createFranchise,
  foldFranchise,
  franchiseFold,
  recordClaim,
} from './franchise.aggregate';

/*
 * Given events / when command / then events or error, with no I/O: the decider is a pure
 * function of the folded history and the command.
 */

type Command = { name: 'CreateFranchise'; body: CreateFranchise } | { name: 'RecordClaim'; body: RecordClaim };
type ErrorClass = abstract new (...args: never[]) => DomainError;
type Expected = FranchiseEvent[] | Decision<FranchiseEvent> | ErrorClass;

function decide(history: FranchiseEvent[], command: Command): Decision<FranchiseEvent> {
  const state = foldFranchise(history);
  return command.name === 'CreateFranchise' ? createFranchise(state, command.body) : recordClaim(state, command.body);
}

function given(...history: FranchiseEvent[]) {
  return {
    when(command: Command) {
      return {
        /** Events to append, a whole decision (`alreadyRecorded`), or the error class and the field it names. */
        then(expected: Expected, field?: string): void {
          if (typeof expected === 'function') {
            let thrown: unknown;
            try {
              decide(history, command);
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(expected);
            if (field !== undefined) expect(thrown).toMatchObject({ field });
            return;
          }
          const decision = decide(history, command);
          expect(decision).toEqual(Array.isArray(expected) ? { kind: 'append', events: expected } : expected);
        },
      };
    },
  };
}

const alreadyRecorded = (eventId: string): Decision<FranchiseEvent> => ({ kind: 'alreadyRecorded', eventId });

/** A source as the write side knows it once registered (on RECORDED_AT's day). */
function source(publishedOn: string, sourceId = 'article-000'): SourceFacts {
  return sourceFacts(foldSource([sourceRegistered(sourceId, publishedOn)]))!;
}

function create(franchiseId = FRANCHISE_ID, title = 'Balle perdue', aliases: string[] = []): Command {
  const expected = franchiseCreated(franchiseId, title, aliases);
  return {
    name: 'CreateFranchise',
    body: { eventId: expected.eventId, recordedAt: RECORDED_AT, recordedBy: RECORDED_BY, franchiseId, title, aliases },
  };
}

/** The command that records exactly `event`, citing `cited` (a registered source, or undefined), based on `origin`. */
function record(event: ClaimEvent, cited: SourceFacts | undefined, origin?: SourceFacts): Command {
  return {
    name: 'RecordClaim',
    body: {
      type: event.type,
      data: event.data,
      eventId: event.eventId,
      recordedAt: event.meta.recordedAt,
      recordedBy: event.meta.recordedBy,
      sourceId: event.meta.sourceId!,
      source: cited,
      origin,
    } as RecordClaim,
  };
}

const created = franchiseCreated();
const published2022 = source('2022-10');

const releaseOf1 = claim(
  'FilmReleased',
  { filmId: 'balle-perdue-1', title: 'Balle perdue', releasedOn: '2020-06-19', platform: 'Netflix' },
  'article-000',
);

/** Makes film 1 known without being one of the claims below. */
const film1Greenlit = claim('ProductionGreenlit', { filmId: 'balle-perdue-1', greenlitOn: '2019' }, 'article-000');

/** One valid claim of each kind, from a source published in October 2022, once film 1 is known. */
const validClaims: { [T in ClaimType]: ClaimEvent & { type: T } } = {
  FilmReleased: releaseOf1,
  ReleaseScheduled: claim(
    'ReleaseScheduled',
    {
      filmId: 'balle-perdue-2',
      title: 'Balle perdue 2',
      announcedOn: '2022-10',
      scheduledFor: '2022-11-10',
      platform: 'Netflix',
    },
    'article-000',
  ),
  ViewershipMilestoneReached: claim(
    'ViewershipMilestoneReached',
    { filmId: 'balle-perdue-1', views: 37_000_000, reachedOn: '2020-07', window: 'P28D' },
    'article-000',
  ),
  SequelAnnounced: claim(
    'SequelAnnounced',
    { filmId: 'balle-perdue-2', title: 'Balle perdue 2', announcedOn: '2020-07' },
    'article-000',
  ),
  TrilogyConfirmed: claim('TrilogyConfirmed', { confirmedOn: '2022-10' }, 'article-000'),
  ProductionGreenlit: claim(
    'ProductionGreenlit',
    { filmId: 'balle-perdue-3', greenlitOn: '2022', by: 'Netflix' },
    'article-000',
  ),
  ProductionWrapped: claim(
    'ProductionWrapped',
    { filmId: 'balle-perdue-1', wrappedOn: '2019', shootingDuration: 'P8W' },
    'article-000',
  ),
  ChartRankingReached: claim(
    'ChartRankingReached',
    {
      filmId: 'balle-perdue-1',
      chart: 'netflix-top-10-films',
      rank: 1,
      rankedOn: '2020-06',
      territory: 'FR',
      weeks: 2,
    },
    'article-000',
  ),
  ClaimRetracted: claim(
    'ClaimRetracted',
    { retractedEventId: film1Greenlit.eventId, reason: 'the greenlight came later', retractedOn: '2022-10' },
    'article-000',
  ),
};

describe('franchise aggregate', () => {
  describe('createFranchise', () => {
    it('creates a franchise that does not exist yet', () => {
      given().when(create()).then([created]);
    });

    it('stamps the creation with who recorded it, when, and schema version 1', () => {
      const decision = decide([], create());

      expect(decision).toMatchObject({
        kind: 'append',
        events: [{ meta: { recordedAt: RECORDED_AT, recordedBy: RECORDED_BY, schemaVersion: 1 } }],
      });
    });

    it('answers a repeated creation with the same details as already recorded, naming the original event', () => {
      given(created).when(create()).then(alreadyRecorded(created.eventId));
    });

    it('refuses to create a franchise again with another title', () => {
      given(created).when(create(FRANCHISE_ID, 'Lost Bullet')).then(IdentityConflictError, 'id');
    });

    it('refuses to create a franchise again with other aliases', () => {
      given(created)
        .when(create(FRANCHISE_ID, 'Balle perdue', ['Lost Bullet']))
        .then(IdentityConflictError, 'id');
    });
  });

  describe('recordClaim', () => {
    it('refuses a claim about a franchise that was never created', () => {
      given().when(record(releaseOf1, published2022)).then(FranchiseNotFoundError, 'franchiseId');
    });

    it('names the missing franchise', () => {
      expect(() => decide([], record(releaseOf1, published2022))).toThrow(/balle-perdue/);
    });

    it('refuses a claim citing a source that is not registered', () => {
      given(created).when(record(releaseOf1, undefined)).then(UnknownSourceError, 'sourceId');
    });

    it('treats an unknown source as a rule violation', () => {
      given(created).when(record(releaseOf1, undefined)).then(RuleViolationError, 'sourceId');
    });

    describe('retractions', () => {
      const retraction = (retractedEventId: string, extra: Record<string, unknown> = {}) =>
        // Without `retractedOn`, as a client may send it.
        claim(
          'ClaimRetracted',
          { retractedEventId, reason: 'misreported', ...extra } as ClaimInput<'ClaimRetracted'>,
          'article-000',
        );

      it('dates a retraction by its source when no date is given', () => {
        const decision = decide([created, releaseOf1], record(retraction(releaseOf1.eventId), published2022));
        expect(decision).toMatchObject({ kind: 'append', events: [{ data: { retractedOn: '2022-10' } }] });
      });

      it('answers a retried retraction as already recorded', () => {
        const first = decide([created, releaseOf1], record(retraction(releaseOf1.eventId), published2022));
        const recorded = (first as { events: ClaimEvent[] }).events[0];
        given(created, releaseOf1, recorded)
          .when(record(retraction(releaseOf1.eventId), published2022))
          .then(alreadyRecorded(recorded.eventId));
      });

      it('refuses to retract a claim the franchise does not have, naming eventId', () => {
        given(created)
          .when(record(retraction('00000000-0000-4000-8000-000000000000'), published2022))
          .then(RuleViolationError, 'eventId');
      });

      it('refuses to retract the same claim twice', () => {
        const first = retraction(releaseOf1.eventId, { retractedOn: '2022-10' });
        const second = retraction(releaseOf1.eventId, { retractedOn: '2022-10', reason: 'still wrong' });
        given(created, releaseOf1, first).when(record(second, published2022)).then(RuleViolationError, 'eventId');
      });

      it('refuses to retract a retraction', () => {
        const first = retraction(releaseOf1.eventId, { retractedOn: '2022-10' });
        given(created, releaseOf1, first)
          .when(record(retraction(first.eventId), published2022))
          .then(RuleViolationError, 'eventId');
      });

      it('refuses to let one source retract another’s claim, naming sourceId', () => {
        const byAnother = claim(
          'ClaimRetracted',
          { retractedEventId: releaseOf1.eventId, reason: 'we disagree' } as ClaimInput<'ClaimRetracted'>,
          'article-003',
        );
        given(created, releaseOf1)
          .when(record(byAnother, source('2022-10', 'article-003')))
          .then(RuleViolationError, 'sourceId');
      });

      it('refuses a retraction dated before its claim was published, naming retractedOn', () => {
        given(created, releaseOf1)
          .when(record(retraction(releaseOf1.eventId, { retractedOn: '1900' }), published2022))
          .then(RuleViolationError, 'retractedOn');
      });

      it('accepts a retraction made after its claim was published, up to the day it is recorded', () => {
        const later = retraction(releaseOf1.eventId, { retractedOn: RECORDED_AT.slice(0, 10) });
        given(created, releaseOf1).when(record(later, published2022)).then([later]);
      });

      it('refuses a retraction dated after the day it is recorded, naming retractedOn', () => {
        given(created, releaseOf1)
          .when(record(retraction(releaseOf1.eventId, { retractedOn: '2099' }), published2022))
          .then(RuleViolationError, 'retractedOn');
      });

      it('accepts a retraction dated within the month its claim was published', () => {
        const withinMonth = retraction(releaseOf1.eventId, { retractedOn: '2022-10-15' });
        given(created, releaseOf1).when(record(withinMonth, published2022)).then([withinMonth]);
      });

      it.each(['../..', '2022-10/..', '../2023', 'XXXX'])(
        'refuses a retraction date with an open or unknown end (%s), naming retractedOn',
        (retractedOn) => {
          given(created, releaseOf1)
            .when(record(retraction(releaseOf1.eventId, { retractedOn }), published2022))
            .then(RuleViolationError, 'retractedOn');
        },
      );

      it('refuses to retract the franchise itself', () => {
        given(created)
          .when(record(retraction(created.eventId), published2022))
          .then(RuleViolationError, 'eventId');
      });
    });

    describe('corrections (supersedes)', () => {
      const correction = (supersedes: string, sourceId = 'article-000') =>
        claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-06-26', supersedes }, sourceId);

      it('lets a source correct its own claim', () => {
        const own = correction(releaseOf1.eventId);
        given(created, releaseOf1).when(record(own, published2022)).then([own]);
      });

      it('refuses to let one source correct another’s claim, naming supersedes', () => {
        given(created, releaseOf1)
          .when(record(correction(releaseOf1.eventId, 'article-003'), source('2022-10', 'article-003')))
          .then(RuleViolationError, 'supersedes');
      });

      it('refuses a correction recorded by another principal, naming supersedes, unless an administrator records it', () => {
        const byAnother = claim(
          'FilmReleased',
          { filmId: 'balle-perdue-1', releasedOn: '2020-06-26', supersedes: releaseOf1.eventId },
          'article-000',
          { recordedBy: 'another-newsroom' },
        );
        const asAdministrator = record(byAnother, published2022);
        if (asAdministrator.name !== 'RecordClaim') throw new Error('unreachable');
        asAdministrator.body = { ...asAdministrator.body, administers: true };

        given(created, releaseOf1).when(record(byAnother, published2022)).then(RuleViolationError, 'supersedes');
        given(created, releaseOf1).when(asAdministrator).then([byAnother]);
      });

      it('refuses to correct a claim of another kind, naming supersedes', () => {
        given(created, film1Greenlit)
          .when(record(correction(film1Greenlit.eventId), published2022))
          .then(RuleViolationError, 'supersedes');
      });

      it('refuses to correct a claim already corrected, naming supersedes', () => {
        const first = correction(releaseOf1.eventId);
        const second = claim(
          'FilmReleased',
          { filmId: 'balle-perdue-1', releasedOn: '2020-06-27', supersedes: releaseOf1.eventId },
          'article-000',
        );
        given(created, releaseOf1, first).when(record(second, published2022)).then(RuleViolationError, 'supersedes');
      });
    });

    describe('accepts each kind of claim', () => {
      it.each(Object.keys(validClaims) as ClaimType[])('accepts a valid %s claim', (type) => {
        given(created, film1Greenlit).when(record(validClaims[type], published2022)).then([validClaims[type]]);
      });

      it.each(Object.keys(validClaims) as ClaimType[])(
        'stamps a %s with recordedAt, recordedBy, the citing source and its type’s schema version',
        (type) => {
          const command = record(validClaims[type], published2022);
          if (command.name !== 'RecordClaim') throw new Error('unreachable');
          command.body = {
            ...command.body,
            recordedAt: '2024-06-02T08:30:00.000Z',
            recordedBy: 'importer',
            eventId: 'e-1',
          };

          const decision = decide([created, film1Greenlit], command);

          expect(decision).toEqual({
            kind: 'append',
            events: [
              {
                type,
                eventId: 'e-1',
                data: validClaims[type].data,
                meta: {
                  recordedAt: '2024-06-02T08:30:00.000Z',
                  recordedBy: 'importer',
                  sourceId: 'article-000',
                  schemaVersion: type === 'ProductionWrapped' ? 2 : 1,
                },
              },
            ],
          });
        },
      );
    });

    describe('films must be known or introduced', () => {
      it.each(['ViewershipMilestoneReached', 'ProductionWrapped', 'ChartRankingReached'] as const)(
        'refuses a %s for a film the franchise does not know',
        (type) => {
          given(created).when(record(validClaims[type], published2022)).then(RuleViolationError, 'filmId');
        },
      );

      it('refuses a viewership milestone for a film the franchise does not know, naming the film', () => {
        expect(() => decide([created], record(validClaims.ViewershipMilestoneReached, published2022))).toThrow(
          /balle-perdue-1/,
        );
      });

      it.each(['FilmReleased', 'ReleaseScheduled', 'SequelAnnounced', 'ProductionGreenlit'] as const)(
        'lets a %s introduce a film the franchise does not know yet',
        (type) => {
          given(created).when(record(validClaims[type], published2022)).then([validClaims[type]]);
        },
      );

      it('lets a viewership milestone introduce a film when it names the film’s title', () => {
        const titled = claim(
          'ViewershipMilestoneReached',
          { filmId: 'tyler-rake-1', title: 'Tyler Rake', views: 95_000_000, reachedOn: '../2020-08', window: 'P1M' },
          'article-001',
        );

        given(created).when(record(titled, published2022)).then([titled]);
      });

      it('accepts a trilogy confirmation, which is about no film, on a franchise with no films', () => {
        given(created).when(record(validClaims.TrilogyConfirmed, published2022)).then([validClaims.TrilogyConfirmed]);
      });

      it('knows a film once any introducing claim mentioned it', () => {
        const greenlight = validClaims.ProductionGreenlit;
        const wrap = claim('ProductionWrapped', { filmId: 'balle-perdue-3', wrappedOn: '2022-10' }, 'article-000');

        given(created, greenlight).when(record(wrap, published2022)).then([wrap]);
      });
    });

    describe('dates against the source’s publication', () => {
      it('refuses a release dated after the day the source was last possibly published', () => {
        const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-09-01' }, 'article-000');

        given(created)
          .when(record(release, source('2020-08')))
          .then(RuleViolationError, 'releasedOn');
      });

      it('suggests a scheduled release when a release is dated after the source', () => {
        const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-09-01' }, 'article-000');

        expect(() => decide([created], record(release, source('2020-08')))).toThrow(/scheduled release/);
      });

      it('accepts a release in the same month as a source published that month', () => {
        const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-08' }, 'article-000');

        given(created)
          .when(record(release, source('2020-08')))
          .then([release]);
      });

      it('accepts a release on the last day of the year from a source known only by its year', () => {
        const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-12-31' }, 'article-000');

        given(created)
          .when(record(release, source('2020')))
          .then([release]);
      });

      it('accepts a coarse date that starts before the source even if it ends after it', () => {
        const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020' }, 'article-000');

        given(created)
          .when(record(release, source('2020-06-20')))
          .then([release]);
      });

      it.each(['2020/..', 'XXXX', '../..', '2020-06/'])(
        'refuses a release after the day a source published %s was registered',
        (publishedOn) => {
          const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2099-05-05' }, 'article-000');

          given(created)
            .when(record(release, source(publishedOn)))
            .then(RuleViolationError, 'releasedOn');
        },
      );

      it('accepts a release up to the day a source with an open publication date was registered', () => {
        const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2024-05-01' }, 'article-000');

        given(created)
          .when(record(release, source('2020/..')))
          .then([release]);
      });

      it('refuses the first day of the following year from a source known only by its year', () => {
        const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2021-01-01' }, 'article-000');

        given(created)
          .when(record(release, source('2020')))
          .then(RuleViolationError, 'releasedOn');
      });

      it.each((Object.keys(validClaims) as ClaimType[]).filter((type) => type !== 'ClaimRetracted'))(
        'refuses a %s dated after its source, naming its date field',
        (type) => {
          const valid = validClaims[type];
          const dateField = claimDefinition(type).dateField as string;
          const data = { ...valid.data, [dateField]: '2023-01-01' } as typeof valid.data;
          if (type === 'ReleaseScheduled') Object.assign(data, { scheduledFor: '2023-06' });
          const late = { ...valid, data } as ClaimEvent;

          given(created, film1Greenlit).when(record(late, published2022)).then(RuleViolationError, dateField);
        },
      );

      it('refuses a date that is not a calendar date, naming the field', () => {
        const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-02-30' }, 'article-000');

        given(created).when(record(release, published2022)).then(InvalidDateError, 'releasedOn');
      });
    });

    describe('scheduled releases', () => {
      const schedule = (announcedOn: string, scheduledFor: string) =>
        claim('ReleaseScheduled', { filmId: 'balle-perdue-2', announcedOn, scheduledFor }, 'article-003');

      it('accepts a release scheduled for a day after the source was published', () => {
        const scheduled = schedule('2022-10', '2022-11-10');

        given(created)
          .when(record(scheduled, source('2022-10')))
          .then([scheduled]);
      });

      it('accepts a release scheduled for the very day it was announced', () => {
        const scheduled = schedule('2022-10-14', '2022-10-14');

        given(created)
          .when(record(scheduled, source('2022-10')))
          .then([scheduled]);
      });

      it('accepts a schedule for a month that contains the announcement day', () => {
        const scheduled = schedule('2022-10-14', '2022-10');

        given(created)
          .when(record(scheduled, source('2022-10')))
          .then([scheduled]);
      });

      it('refuses a release scheduled for before it was announced', () => {
        const scheduled = schedule('2022-10-14', '2022-09-30');

        given(created)
          .when(record(scheduled, source('2022-10')))
          .then(RuleViolationError, 'scheduledFor');
      });

      it('refuses an announcement after the source was published even when the scheduled day is later still', () => {
        const scheduled = schedule('2022-11-02', '2022-11-10');

        given(created)
          .when(record(scheduled, source('2022-10')))
          .then(RuleViolationError, 'announcedOn');
      });

      it('refuses a scheduledFor that is not a calendar date', () => {
        const scheduled = schedule('2022-10', '2022-11-31');

        given(created)
          .when(record(scheduled, source('2022-10')))
          .then(InvalidDateError, 'scheduledFor');
      });
    });

    describe('counts', () => {
      it.each([
        ['views', 0],
        ['views', -5],
        ['views', 1.5],
      ])('refuses %s of %p', (field, value) => {
        const milestone = claim(
          'ViewershipMilestoneReached',
          { filmId: 'balle-perdue-1', views: value, reachedOn: '2020-07' },
          'article-000',
        );

        given(created, releaseOf1).when(record(milestone, published2022)).then(RuleViolationError, field);
      });

      it.each([
        ['rank', { rank: 0 }],
        ['territoryCount', { territoryCount: -5 }],
        ['weeks', { weeks: 1.5 }],
      ])('refuses a chart ranking whose %s is not a positive integer', (field, counts) => {
        const ranking = claim(
          'ChartRankingReached',
          { filmId: 'balle-perdue-1', chart: 'netflix-top-10-films', rank: 3, rankedOn: '2020-06', ...counts },
          'article-000',
        );

        given(created, releaseOf1).when(record(ranking, published2022)).then(RuleViolationError, field);
      });

      it.each([
        ['a shoot of no time', 'shootingDuration', 'P0W'],
        ['a shoot in hours', 'shootingDuration', 'PT6H'],
        ['an empty counting window', 'window', 'P0D'],
      ])('refuses %s, naming the field', (_, field, value) => {
        const data = { filmId: 'balle-perdue-1', wrappedOn: '2019', reachedOn: '2020', views: 5 };
        const wrap =
          field === 'window'
            ? claim('ViewershipMilestoneReached', { ...data, [field]: value }, 'article-000')
            : claim('ProductionWrapped', { ...data, [field]: value }, 'article-000');

        given(created, releaseOf1).when(record(wrap, published2022)).then(RuleViolationError, field);
      });

      it('refuses a count beyond the safe integers', () => {
        const milestone = claim(
          'ViewershipMilestoneReached',
          { filmId: 'balle-perdue-1', views: 2 ** 53, reachedOn: '2020-07' },
          'article-000',
        );

        given(created, releaseOf1).when(record(milestone, published2022)).then(RuleViolationError, 'views');
      });

      it('accepts a count of 1', () => {
        const ranking = claim(
          'ChartRankingReached',
          {
            filmId: 'balle-perdue-1',
            chart: 'netflix-top-10-films',
            rank: 1,
            rankedOn: '2020-06',
            weeks: 1,
            territoryCount: 1,
          },
          'article-000',
        );

        given(created, releaseOf1).when(record(ranking, published2022)).then([ranking]);
      });
    });

    describe('event ids', () => {
      it('answers a claim recorded again with the same id and content as already recorded', () => {
        given(created, releaseOf1).when(record(releaseOf1, published2022)).then(alreadyRecorded(releaseOf1.eventId));
      });

      it('answers a retry recorded later and by someone else as already recorded', () => {
        const retry = {
          ...releaseOf1,
          meta: { ...releaseOf1.meta, recordedAt: '2025-01-01T00:00:00.000Z', recordedBy: 'other' },
        };

        given(created, releaseOf1).when(record(retry, published2022)).then(alreadyRecorded(releaseOf1.eventId));
      });

      it('answers a retry as already recorded even when the source is not known any more', () => {
        given(created, releaseOf1).when(record(releaseOf1, undefined)).then(alreadyRecorded(releaseOf1.eventId));
      });

      it('refuses an event id already used for a claim with other content', () => {
        const other = { ...releaseOf1, data: { ...releaseOf1.data, releasedOn: '2020-06-26' } };

        given(created, releaseOf1).when(record(other, published2022)).then(IdentityConflictError, 'eventId');
      });

      it('refuses an event id already used for the same claim from another source', () => {
        const other = { ...releaseOf1, meta: { ...releaseOf1.meta, sourceId: 'article-001' } };

        given(created, releaseOf1)
          .when(record(other, source('2022-10', 'article-001')))
          .then(IdentityConflictError, 'eventId');
      });

      it('refuses an event id already used for another kind of claim', () => {
        const sequel = claim(
          'SequelAnnounced',
          { filmId: 'balle-perdue-1', announcedOn: '2020-06-19' },
          'article-000',
          { eventId: releaseOf1.eventId },
        );

        given(created, releaseOf1).when(record(sequel, published2022)).then(IdentityConflictError, 'eventId');
      });

      it('refuses a claim reusing the id of the franchise creation', () => {
        const reused = claim('TrilogyConfirmed', { confirmedOn: '2022' }, 'article-000', { eventId: created.eventId });

        given(created).when(record(reused, published2022)).then(IdentityConflictError, 'eventId');
      });
    });
  });

  describe('recordClaim based on an origin', () => {
    const relayed = claim(
      'ViewershipMilestoneReached',
      { filmId: 'balle-perdue-1', views: 37_000_000, reachedOn: '2020-07', basedOn: 'netflix-post' },
      'article-000',
    );
    const article = source('2020-08');

    it('records the origin the article names, published before it', () => {
      given(created, film1Greenlit)
        .when(record(relayed, article, source('2020-07', 'netflix-post')))
        .then([relayed]);
    });

    it('refuses an origin that is not registered', () => {
      given(created, film1Greenlit)
        .when(record(relayed, article, undefined))
        .then(RuleViolationError, 'basedOn');
    });

    it('refuses an origin published after the article relying on it', () => {
      given(created, film1Greenlit)
        .when(record(relayed, article, source('2021-01', 'netflix-post')))
        .then(RuleViolationError, 'basedOn');
    });

    it('refuses a claim based on its own source', () => {
      const self = claim(
        'ViewershipMilestoneReached',
        { filmId: 'balle-perdue-1', views: 37_000_000, reachedOn: '2020-07', basedOn: 'article-000' },
        'article-000',
      );
      given(created, film1Greenlit)
        .when(record(self, article, article))
        .then(RuleViolationError, 'basedOn');
    });
  });

  describe('foldFranchise', () => {
    it('knows the creation and every film mentioned', () => {
      const state = foldFranchise([created, releaseOf1, validClaims.ProductionGreenlit, validClaims.TrilogyConfirmed]);

      expect(state.created).toEqual(created);
      expect(state.hasFilm('balle-perdue-1')).toBe(true);
      expect(state.hasFilm('balle-perdue-3')).toBe(true);
      expect(state.hasFilm('balle-perdue-2')).toBe(false);
      expect(state.claim(validClaims.ProductionGreenlit.eventId)).toMatchObject({ type: 'ProductionGreenlit' });
      expect(state.claim(created.eventId)).toBeUndefined();
    });

    it('starts from an empty state', () => {
      const state = foldFranchise([]);

      expect(state.created).toBeUndefined();
      expect(state.hasFilm('balle-perdue-1')).toBe(false);
    });

    it('keeps each fact as the first event to establish it', () => {
      const facts = keyedFactsOf(franchiseFold, [created, releaseOf1, validClaims.ProductionGreenlit]);

      expect(facts.get(`film:balle-perdue-1`)).toEqual({ value: releaseOf1.eventId, revision: 1 });
      expect(facts.get(validClaims.ProductionGreenlit.eventId)?.revision).toBe(2);
    });
  });
});
