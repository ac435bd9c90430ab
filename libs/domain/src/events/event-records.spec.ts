import { UnknownEventTypeError, UnknownSchemaVersionError } from '../errors/domain-errors';
import { EventRecord, franchiseStream, fromRecord, sourceStream, toRecord } from './event-records';
import { claim, franchiseCreated, sourceRegistered } from './timeline-events.fixtures';
import { TimelineEvent } from './timeline-events';

const release = claim(
  'FilmReleased',
  { filmId: 'balle-perdue-1', title: 'Balle perdue', releasedOn: '2020-06-19', platform: 'Netflix' },
  'article-000',
);
const milestone = claim(
  'ViewershipMilestoneReached',
  { filmId: 'balle-perdue-1', views: 37_000_000, reachedOn: '2020-07', window: 'P28D' },
  'article-000',
);

/** As a store keeps it: through JSON. */
const stored = (record: EventRecord): EventRecord => JSON.parse(JSON.stringify(record));

describe('event records', () => {
  describe('toRecord', () => {
    it('lays the payload out as data and the provenance as metadata', () => {
      expect(toRecord(release)).toEqual({
        id: release.eventId,
        type: 'FilmReleased',
        data: release.data,
        metadata: {
          recordedAt: release.meta.recordedAt,
          recordedBy: release.meta.recordedBy,
          schemaVersion: 1,
          sourceId: 'article-000',
        },
      });
    });

    it('carries correlation and causation ids in metadata under the names EventStoreDB expects', () => {
      const record = toRecord(release, { correlationId: 'request-42', causationId: 'command-7' });

      expect(record.metadata).toMatchObject({ $correlationId: 'request-42', $causationId: 'command-7' });
    });

    it('adds no correlation keys when there is no correlation', () => {
      expect(Object.keys(toRecord(release).metadata).sort()).toEqual([
        'recordedAt',
        'recordedBy',
        'schemaVersion',
        'sourceId',
      ]);
      expect(Object.keys(toRecord(release, { correlationId: 'request-42' }).metadata)).not.toContain('$causationId');
    });

    it('copies the payload, so that changing the record leaves the event alone', () => {
      const record = toRecord(release);
      record.data.releasedOn = '1999-01-01';
      record.metadata.recordedBy = 'someone else';

      expect(release.data.releasedOn).toBe('2020-06-19');
      expect(release.meta.recordedBy).not.toBe('someone else');
    });
  });

  describe('fromRecord', () => {
    it.each<[string, TimelineEvent]>([
      ['a franchise creation', franchiseCreated('tyler-rake', 'Tyler Rake', ['Extraction'])],
      [
        'a source registration',
        sourceRegistered('article-000', '2020-08', { url: 'https://example.org', notes: 'header' }),
      ],
      ['a release', release],
      ['a viewership milestone', milestone],
      ['a trilogy confirmation', claim('TrilogyConfirmed', { confirmedOn: '2022-10' }, 'article-003')],
    ])('reads %s back as it was, through JSON', (_, event) => {
      expect(fromRecord(stored(toRecord(event)))).toStrictEqual(event);
    });

    it('reads an event back as it was when correlation ids were stored with it', () => {
      const record = stored(toRecord(milestone, { correlationId: 'request-42', causationId: 'command-7' }));

      expect(record.metadata.$correlationId).toBe('request-42');
      expect(fromRecord(record)).toStrictEqual(milestone);
    });

    it('gives no sourceId to an event recorded without one', () => {
      expect(fromRecord(stored(toRecord(franchiseCreated()))).meta).not.toHaveProperty('sourceId');
    });

    it('reads a record without schemaVersion as version 1', () => {
      const record = stored(toRecord(release));
      delete record.metadata.schemaVersion;

      expect(fromRecord(record).meta.schemaVersion).toBe(1);
    });
  });

  describe('schema versions', () => {
    const v1Wrap = (data: Record<string, unknown>, metadata: Record<string, unknown> = { schemaVersion: 1 }) =>
      fromRecord({
        id: 'e-1',
        type: 'ProductionWrapped',
        data: { franchiseId: 'balle-perdue', filmId: 'balle-perdue-2', wrappedOn: '2022', ...data },
        metadata: { recordedAt: '2024-01-01T00:00:00.000Z', recordedBy: 'seed', sourceId: 'article-004', ...metadata },
      });

    it('reads a production wrap stored at version 1 in version 2’s shape: the shoot as an ISO 8601 duration', () => {
      const event = v1Wrap({ shootingWeeks: 6 });

      expect(event.data).toStrictEqual({
        franchiseId: 'balle-perdue',
        filmId: 'balle-perdue-2',
        wrappedOn: '2022',
        shootingDuration: 'P6W',
      });
      expect(event.meta.schemaVersion).toBe(2);
    });

    it('reads a version-1 wrap that gave no length without one', () => {
      expect(v1Wrap({}).data).not.toHaveProperty('shootingDuration');
    });

    it('takes a record without a version for version 1, and upcasts it', () => {
      expect(v1Wrap({ shootingWeeks: 1 }, {}).data).toMatchObject({ shootingDuration: 'P1W' });
    });

    it('reads a version-2 wrap as it was written', () => {
      const wrap = claim('ProductionWrapped', { filmId: 'f', wrappedOn: '2022', shootingDuration: 'P6W' }, 's');

      expect(fromRecord(stored(toRecord(wrap)))).toStrictEqual(wrap);
    });

    it('refuses an event type it does not know, naming it', () => {
      expect(() => fromRecord({ ...stored(toRecord(release)), type: 'FilmRemastered' })).toThrow(UnknownEventTypeError);
    });

    it('refuses a version it does not know (written by a newer service) rather than misread it', () => {
      expect(() => v1Wrap({ shootingDuration: 'P6W' }, { schemaVersion: 3 })).toThrow(UnknownSchemaVersionError);
      expect(() => fromRecord({ ...stored(toRecord(release)), metadata: { schemaVersion: 2 } })).toThrow(
        UnknownSchemaVersionError,
      );
    });
  });

  describe('stream names', () => {
    it('names a franchise stream and a source stream after their ids', () => {
      expect(franchiseStream('balle-perdue')).toBe('franchise-balle-perdue');
      expect(sourceStream('article-000')).toBe('source-article-000');
    });
  });
});
