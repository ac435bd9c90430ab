import { CLAIM_TYPES, ClaimType } from '@app/domain';
import { validateInput } from '@app/validation';
import { CLAIM_KINDS, CLAIM_KIND_LIST } from './claim-kinds';

const RETRACTED = '11111111-1111-4111-8111-111111111111';
const SUPERSEDED = '22222222-2222-4222-8222-222222222222';

/** For each kind, a body using every field it has, and the payload it must record: the mapping is the contract. */
const EXAMPLES: { [T in ClaimType]: [Record<string, unknown>, Record<string, unknown>] } = {
  FilmReleased: [
    { filmId: 'f-1', title: 'F', releasedOn: '2020-06-19', platform: 'Netflix' },
    { filmId: 'f-1', title: 'F', releasedOn: '2020-06-19', platform: 'Netflix' },
  ],
  ReleaseScheduled: [
    { filmId: 'f-2', title: 'F 2', announcedOn: '2022-10', scheduledFor: '2022-11-10', platform: 'Netflix' },
    { filmId: 'f-2', title: 'F 2', announcedOn: '2022-10', scheduledFor: '2022-11-10', platform: 'Netflix' },
  ],
  ViewershipMilestoneReached: [
    { filmId: 'f-1', views: 37_000_000, reachedOn: '2020-07', window: 'P28D' },
    { filmId: 'f-1', views: 37_000_000, reachedOn: '2020-07', window: 'P28D' },
  ],
  SequelAnnounced: [
    { filmId: 'f-2', title: 'F 2', announcedOn: '2021' },
    { filmId: 'f-2', title: 'F 2', announcedOn: '2021' },
  ],
  TrilogyConfirmed: [{ confirmedOn: '2022' }, { confirmedOn: '2022' }],
  ProductionGreenlit: [
    { filmId: 'f-2', title: 'F 2', greenlitOn: '2021', by: 'Netflix' },
    { filmId: 'f-2', title: 'F 2', greenlitOn: '2021', by: 'Netflix' },
  ],
  ProductionWrapped: [
    { filmId: 'f-2', wrappedOn: '2022', shootingWeeks: 6 },
    { filmId: 'f-2', wrappedOn: '2022', shootingDuration: 'P6W' },
  ],
  ChartRankingReached: [
    { filmId: 'f-1', chart: 'top-10', rank: 1, rankedOn: '2020-07', territory: 'BR', territoryCount: 3, weeks: 2 },
    { filmId: 'f-1', chart: 'top-10', rank: 1, rankedOn: '2020-07', territory: 'BR', territoryCount: 3, weeks: 2 },
  ],
  ClaimRetracted: [
    { eventId: RETRACTED, reason: 'misreported', retractedOn: '2022-03' },
    { retractedEventId: RETRACTED, reason: 'misreported', retractedOn: '2022-03' },
  ],
};

describe('the claim-kind table', () => {
  it('has one row per claim event of the domain catalogue, keyed by its event type', () => {
    expect(Object.keys(CLAIM_KINDS).sort()).toEqual([...CLAIM_TYPES].sort());
    for (const [type, kind] of Object.entries(CLAIM_KINDS)) expect(kind.eventType).toBe(type);
  });

  it('gives every kind its own route and its own import command', () => {
    const routes = CLAIM_KIND_LIST.map((k) => k.route);
    const commands = CLAIM_KIND_LIST.map((k) => k.importCommand);
    expect(new Set(routes).size).toBe(routes.length);
    expect(new Set(commands).size).toBe(commands.length);
  });

  it.each([
    ['a counting window of no time', 'ViewershipMilestoneReached', { window: 'P0D' }, 'window'],
    ['a shoot too long to count', 'ProductionWrapped', { shootingWeeks: 2 ** 53 }, 'shootingWeeks'],
  ] as const)('refuses %s in the body, naming the field sent', (_, type, over, field) => {
    const [stated] = EXAMPLES[type];
    const attempt = () => validateInput(CLAIM_KINDS[type].body, { ...stated, ...over, sourceId: 's' });

    expect(attempt).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field })] }));
  });

  describe.each(CLAIM_TYPES)('%s', (type) => {
    const kind = CLAIM_KINDS[type];
    const [stated, payload] = EXAMPLES[type];

    it('maps a body with every field to exactly its payload, under the franchise of the path', () => {
      const body = validateInput(kind.body, { ...stated, sourceId: 'article-000' });

      // toEqual: a field left undefined is left out of the stored payload.
      expect(kind.toData(body, 'balle-perdue')).toEqual({ franchiseId: 'balle-perdue', ...payload });
    });

    it('carries a correction’s supersedes into the payload, or has no such field', () => {
      if (type === 'ClaimRetracted') {
        expect(() => validateInput(kind.body, { ...stated, sourceId: 's', supersedes: SUPERSEDED })).toThrow();
        return;
      }
      const body = validateInput(kind.body, { ...stated, sourceId: 'article-000', supersedes: SUPERSEDED });

      expect(kind.toData(body, 'balle-perdue')).toMatchObject({ supersedes: SUPERSEDED });
    });
  });
});
