import {
  Decision,
  FixedClock,
  FranchiseEvent,
  RecordClaim,
  SourceFacts,
  TimelineEvent,
  createFranchise,
  foldFranchise,
  foldSource,
  franchiseFold,
  franchiseStream,
  fromRecord,
  recordClaim,
  sourceFacts,
} from '@app/domain';
import { franchiseCreated, sourceRegistered } from '@app/domain/events/timeline-events.fixtures';
import { collect } from '@app/event-store';
import fc from 'fast-check';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { Stamp, StreamWriter } from '../stream-writer';
import { SqliteDecisionIndex } from './sqlite-decision-index';

/*
 * The index is an optimisation of the fold: on any sequence of commands, deciding on its facts
 * (through the writer, its index built along the way and read back from the store) gives the
 * same decisions, refusals and answers to retries as folding the whole history in memory.
 */

const NOW = new Date('2024-05-01T10:00:00Z');
const STREAM = franchiseStream('balle-perdue');
const IDS = [1, 2, 3, 4, 5, 6].map(
  (n) => `0b6c1f1a-${n}${n}${n}${n}-4${n}${n}${n}-8${n}${n}${n}-${String(n).repeat(12)}`,
);
const source = (id: string): SourceFacts => sourceFacts(foldSource([sourceRegistered(id, '2021-06-01')]))!;
const SOURCES = { a: source('a'), b: source('b') };

const claimCommand = fc.record({
  kind: fc.constantFrom('FilmReleased', 'ViewershipMilestoneReached', 'ClaimRetracted'),
  eventId: fc.constantFrom(...IDS),
  target: fc.constantFrom(...IDS),
  filmId: fc.constantFrom('film-1', 'film-2'),
  year: fc.constantFrom('2020', '2021'),
  supersedes: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  sourceId: fc.constantFrom<keyof typeof SOURCES>('a', 'b'),
  recordedBy: fc.constantFrom('alice', 'bob'),
  administers: fc.boolean(),
});
type Step = { create: true } | (typeof claimCommand extends fc.Arbitrary<infer C> ? C : never);

function command(step: Exclude<Step, { create: true }>, stamp: Stamp): RecordClaim {
  const franchiseId = 'balle-perdue';
  const supersedes = step.supersedes ? { supersedes: step.target } : {};
  const data =
    step.kind === 'FilmReleased'
      ? { franchiseId, filmId: step.filmId, releasedOn: step.year, ...supersedes }
      : step.kind === 'ViewershipMilestoneReached'
        ? { franchiseId, filmId: step.filmId, views: 1000, reachedOn: step.year, ...supersedes }
        : { franchiseId, retractedEventId: step.target, reason: 'wrong', retractedOn: '2021-07-01' };
  return {
    type: step.kind,
    eventId: step.eventId,
    data,
    sourceId: step.sourceId,
    source: SOURCES[step.sourceId],
    administers: step.administers,
    ...stamp,
    recordedBy: step.recordedBy,
  } as RecordClaim;
}

function decider(step: Step) {
  return (state: ReturnType<typeof foldFranchise>, stamp: Stamp): Decision<TimelineEvent> =>
    'create' in step
      ? createFranchise(state, {
          franchiseId: 'balle-perdue',
          title: 'Balle perdue',
          aliases: [],
          eventId: franchiseCreated().eventId,
          ...stamp,
        })
      : recordClaim(state, command(step, stamp));
}

/** What a decision came to, comparable across the two ways. */
function outcome(run: () => Decision<TimelineEvent> | { eventId: string; created: boolean }): string {
  try {
    const result = run();
    if ('kind' in result)
      return result.kind === 'append' ? `append ${result.events[0].eventId}` : `already ${result.eventId}`;
    return result.created ? `append ${result.eventId}` : `already ${result.eventId}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

async function outcomeOf(promise: Promise<{ eventId: string; created: boolean }>): Promise<string> {
  try {
    const result = await promise;
    return outcome(() => result);
  } catch (error) {
    return outcome(() => {
      throw error;
    });
  }
}

/** Steps during which the index cannot be written: none, some, or every one. */
const failures = fc.record({ from: fc.integer({ min: 0, max: 40 }), steps: fc.integer({ min: 0, max: 40 }) });

/** The index, whose writes fail while `fail(true)` holds, as on a full disk. */
function failing(inner: SqliteDecisionIndex) {
  let down = false;
  const index = new Proxy(inner, {
    get: (target, property) =>
      property === 'add' && down
        ? () => {
            throw new Error('SQLITE_FULL: database or disk is full');
          }
        : Reflect.get(target, property).bind(target),
  });
  return { index, fail: (now: boolean) => (down = now) };
}

describe('the decision index', () => {
  it('decides every command as a fold of the whole history in memory does, also while the index cannot be written', async () => {
    // A created franchise, then mostly claims on few ids and films, so that retries, reused ids,
    // corrections and withdrawals of withdrawn claims come up often.
    const steps = fc
      .array(
        fc.oneof({ arbitrary: fc.constant<Step>({ create: true }), weight: 1 }, { arbitrary: claimCommand, weight: 9 }),
        {
          maxLength: 40,
        },
      )
      .map((rest): Step[] => [{ create: true }, ...rest]);
    await fc.assert(
      fc.asyncProperty(steps, fc.integer({ min: 0, max: 40 }), failures, async (sequence, restartAt, down) => {
        const store = new SqliteEventStore({ file: ':memory:' });
        const { index, fail } = failing(SqliteDecisionIndex.inMemory());
        const clock = new FixedClock(NOW);
        let writer = new StreamWriter(store, clock, index);
        const history: FranchiseEvent[] = [];
        const stamp = { recordedAt: NOW.toISOString(), recordedBy: 'test' };
        try {
          for (const [n, step] of sequence.entries()) {
            // A new writer over the same index, as after a restart: it goes on from the index's head.
            if (n === restartAt) writer = new StreamWriter(store, clock, index);
            // The index cannot be written for a while (its disk full), then can again, later than the writer retries.
            fail(n >= down.from && n < down.from + down.steps);
            clock.advance(3_000);
            const recordedBy = 'create' in step ? 'test' : step.recordedBy;
            const expected = outcome(() => decider(step)(foldFranchise(history), { ...stamp, recordedBy }));
            const actual = await outcomeOf(
              writer.write(STREAM, franchiseFold, decider(step), {
                recordedBy,
                administers: !('create' in step) && step.administers,
              }),
            );
            expect(actual).toBe(expected);
            history.splice(
              0,
              history.length,
              ...(await collect(store.readStream(STREAM))).map((e) => fromRecord(e) as FranchiseEvent),
            );
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});
