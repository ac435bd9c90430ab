import { IdentityConflictError, InvalidDateError, RuleViolationError } from '../errors/domain-errors';
import { RECORDED_AT, RECORDED_BY, sourceRegistered } from '../events/timeline-events.fixtures';
import { SourceRegisteredData } from '../events/timeline-events';
import { RegisterSource, foldSource, registerSource, sourceFacts } from './source.aggregate';

const registered = sourceRegistered('article-000', '2020-08', { url: 'https://example.org/a', language: 'fr' });

function register(data: SourceRegisteredData, eventId = registered.eventId): RegisterSource {
  return { eventId, recordedAt: RECORDED_AT, recordedBy: RECORDED_BY, data };
}

describe('source aggregate', () => {
  describe('registerSource', () => {
    it('registers a source that is not registered yet', () => {
      const decision = registerSource(foldSource([]), register(registered.data));

      expect(decision).toEqual({ kind: 'append', events: [registered] });
    });

    it('stamps the registration with who recorded it, when, and schema version 1, and no citing source', () => {
      const decision = registerSource(foldSource([]), {
        ...register(registered.data, 'e-1'),
        recordedAt: '2024-06-02T08:30:00.000Z',
        recordedBy: 'importer',
      });

      expect(decision).toEqual({
        kind: 'append',
        events: [
          {
            type: 'SourceRegistered',
            eventId: 'e-1',
            data: registered.data,
            meta: { recordedAt: '2024-06-02T08:30:00.000Z', recordedBy: 'importer', schemaVersion: 1 },
          },
        ],
      });
    });

    it.each(['9999', '2024-05-02', '2024-06', '2025~'])(
      'refuses a source published (%s) after the moment it is registered, naming publishedOn',
      (publishedOn) => {
        expect(() => registerSource(foldSource([]), register({ ...registered.data, publishedOn }))).toThrow(
          expect.objectContaining({ constructor: RuleViolationError, field: 'publishedOn' }),
        );
      },
    );

    it.each(['2024-05-01', '2024-05', '2024', '2020/..'])(
      'accepts a source that may have been published by the day it is registered (%s)',
      (publishedOn) => {
        const decision = registerSource(foldSource([]), register({ ...registered.data, publishedOn }));

        expect(decision).toMatchObject({ kind: 'append' });
      },
    );

    it('answers a repeated registration with the same details as already recorded, naming the original event', () => {
      const decision = registerSource(foldSource([registered]), register({ ...registered.data }, 'another-id'));

      expect(decision).toEqual({ kind: 'alreadyRecorded', eventId: registered.eventId });
    });

    it('treats details given in another key order as the same details', () => {
      const { sourceId, name, publishedOn, url, language } = registered.data;
      const reordered = { language, url, publishedOn, name, sourceId };

      expect(registerSource(foldSource([registered]), register(reordered))).toEqual({
        kind: 'alreadyRecorded',
        eventId: registered.eventId,
      });
    });

    it.each<[string, Partial<SourceRegisteredData>]>([
      ['another name', { name: 'Another article' }],
      ['another publication date', { publishedOn: '2020-07' }],
      ['another url', { url: 'https://example.org/b' }],
      ['notes added', { notes: 'dated from the header' }],
    ])('refuses to register the source again with %s', (_, change) => {
      expect(() => registerSource(foldSource([registered]), register({ ...registered.data, ...change }))).toThrow(
        IdentityConflictError,
      );
      expect(() => registerSource(foldSource([registered]), register({ ...registered.data, ...change }))).toThrow(
        expect.objectContaining({ field: 'id' }),
      );
    });

    it.each(['2021-02-29', '2020-13', '20-08', 'August 2020', ''])(
      'refuses the impossible publication date %j',
      (publishedOn) => {
        const attempt = () => registerSource(foldSource([]), register({ ...registered.data, publishedOn }));

        expect(attempt).toThrow(InvalidDateError);
        expect(attempt).toThrow(expect.objectContaining({ field: 'publishedOn' }));
      },
    );

    it('refuses an impossible publication date even for a source already registered', () => {
      expect(() =>
        registerSource(foldSource([registered]), register({ ...registered.data, publishedOn: '2020-02-30' })),
      ).toThrow(InvalidDateError);
    });

    it.each(['2020', '2020-08', '2020-08-14'])('accepts a publication date as precise as %s', (publishedOn) => {
      const decision = registerSource(foldSource([]), register({ ...registered.data, publishedOn }));

      expect(decision.kind).toBe('append');
    });
  });

  describe('sourceFacts', () => {
    it('knows nothing of a source that is not registered', () => {
      expect(sourceFacts(foldSource([]))).toBeUndefined();
    });

    it('gives a registered source’s id and publication date as a range of days', () => {
      const facts = sourceFacts(foldSource([registered]));

      expect(facts?.sourceId).toBe('article-000');
      expect(facts?.publishedOn.value).toBe('2020-08');
      expect([facts?.publishedOn.earliest, facts?.publishedOn.latest]).toEqual(['2020-08-01', '2020-08-31']);
      expect(facts?.publishedBy).toBe('2020-08-31');
    });

    it.each(['2020/..', 'XXXX', '../..', '2020-06/', '2024-05'])(
      'ends a publication date of %s no later than the day the source was registered',
      (publishedOn) => {
        const facts = sourceFacts(foldSource([sourceRegistered('article-000', publishedOn)]));

        expect(facts?.publishedBy).toBe('2024-05-01');
      },
    );
  });
});
