import { FixedClock, UnknownSourceError } from '@app/domain';
import { collect } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite/sqlite-event-store';
import { CommandBus } from '@nestjs/cqrs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordClaimCommand } from '../claims/record-claim.command';
import { RecordClaimHandler } from '../claims/record-claim.handler';
import { CommandContext } from '../command-context';
import { CreateFranchiseCommand } from '../commands/create-franchise/create-franchise.command';
import { CreateFranchiseHandler } from '../commands/create-franchise/create-franchise.handler';
import { RegisterSourceCommand } from '../commands/register-source/register-source.command';
import { RegisterSourceHandler } from '../commands/register-source/register-source.handler';
import { SqliteDecisionIndex } from '../decision-index/sqlite-decision-index';
import { StreamWriter } from '../stream-writer';
import { IMPORT_CONCURRENCY, ImportLineError, ImportProgress, NdjsonImporter } from './ndjson-importer';

const SEED = readFileSync(join(__dirname, '../../../../data/seed.ndjson'), 'utf8').trimEnd().split('\n');

const franchise = (id: string) => JSON.stringify({ command: 'create-franchise', id, title: id });
const source = (id: string) => JSON.stringify({ command: 'register-source', id, name: id, publishedOn: '2021' });
const release = (franchiseId: string, sourceId: string, filmId = `${franchiseId}-1`) =>
  JSON.stringify({ command: 'record-release', franchiseId, filmId, releasedOn: '2020', sourceId });

/**
 * A command bus that holds each command for a few turns of the event loop (`turns(line)`, one by
 * default) and logs when each line starts and ends; `fails(line)` makes a line's command throw.
 */
class FakeBus {
  readonly log: string[] = [];
  maxInFlight = 0;
  private inFlight = 0;

  constructor(
    private readonly fails: (line: number) => boolean = () => false,
    private readonly turns: (line: number) => number = () => 1,
  ) {}

  async execute(command: { context: CommandContext }) {
    const line = Number(/line-(\d+)$/.exec(command.context.causationId!)![1]);
    this.log.push(`start ${line}`);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    for (let turn = 0; turn < this.turns(line); turn++) await new Promise(setImmediate);
    this.inFlight -= 1;
    this.log.push(`end ${line}`);
    if (this.fails(line)) throw new UnknownSourceError('nowhere');
    return { created: true };
  }

  /** Line `a` ended before line `b` started. */
  ranBefore(a: number, b: number): boolean {
    const end = this.log.indexOf(`end ${a}`);
    return end >= 0 && end < this.log.indexOf(`start ${b}`);
  }
}

const importWith = (bus: FakeBus | CommandBus, lines: string[], onProgress?: (p: ImportProgress) => void) =>
  new NdjsonImporter(bus as CommandBus).run(lines, { recordedBy: 'test', correlationId: 'test' }, onProgress);

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => Promise.reject(new Error('the import succeeded')),
    (error: unknown) => error as ImportLineError,
  );

describe('NdjsonImporter', () => {
  it('keeps lines on different streams in flight together', async () => {
    const bus = new FakeBus();
    await importWith(bus, ['a', 'b', 'c', 'd'].map(franchise));
    expect(bus.maxInFlight).toBe(4);
  });

  it(`keeps at most ${IMPORT_CONCURRENCY} lines in flight`, async () => {
    const bus = new FakeBus();
    await importWith(
      bus,
      Array.from({ length: IMPORT_CONCURRENCY * 2 }, (_, i) => franchise(`f-${i}`)),
    );
    expect(bus.maxInFlight).toBe(IMPORT_CONCURRENCY);
  });

  it('runs lines touching the same stream one after another, in file order; claims citing one source together', async () => {
    const bus = new FakeBus();
    const lines = [
      source('s'),
      franchise('a'),
      franchise('b'),
      release('a', 's'),
      release('b', 's'),
      release('a', 's', 'a-2'),
      source('s'),
    ];
    const progress = await importWith(bus, lines);

    expect(progress).toEqual({ line: 7, created: 7, alreadyRecorded: 0 });
    // The source's registration and the franchise's creation before each claim; a franchise's claims in order.
    for (const [a, b] of [
      [1, 4],
      [2, 4],
      [1, 5],
      [3, 5],
      [4, 6],
      [1, 6],
    ])
      expect(bus.ranBefore(a, b)).toBe(true);
    // Claims only read their source: two on other franchises run together, but a write to it waits for them.
    expect(bus.ranBefore(4, 5)).toBe(false);
    for (const a of [4, 5, 6]) expect(bus.ranBefore(a, 7)).toBe(true);
  });

  it('keeps two lines naming the same event id in different franchises in file order', async () => {
    const bus = new FakeBus();
    const named = (franchiseId: string) =>
      JSON.stringify({ ...JSON.parse(release(franchiseId, 's')), eventId: '0b7e6f3c-5f1e-4b8a-9d2c-3a1f6e7d8c90' });
    await importWith(bus, [named('a'), named('b')]);
    expect(bus.ranBefore(1, 2)).toBe(true);
  });

  it('reports progress in line order, blank lines counted but not reported', async () => {
    // Line 1 takes longest, so later lines end first.
    const bus = new FakeBus(undefined, (line) => 6 - line);
    const reported: ImportProgress[] = [];
    await importWith(bus, [franchise('a'), franchise('b'), '', franchise('c'), franchise('d')], (p) =>
      reported.push(p),
    );
    expect(reported.map((p) => [p.line, p.created])).toEqual([
      [1, 1],
      [2, 2],
      [4, 3],
      [5, 4],
    ]);
  });

  it('stops at a line refused by a rule: reports it with the lines before it, starts no later line on its streams', async () => {
    const bus = new FakeBus((line) => line === 4);
    const lines = [
      franchise('a'),
      franchise('b'),
      source('s'),
      release('a', 's'),
      release('b', 's'),
      release('a', 's', 'a-2'),
    ];
    const reported: number[] = [];
    const error = await failure(importWith(bus, [...lines, ...lines], (p) => reported.push(p.line)));

    expect(error).toBeInstanceOf(ImportLineError);
    expect(error.line).toBe(4);
    expect(error.errors).toEqual([{ field: 'sourceId', message: expect.stringContaining('"nowhere"') }]);
    expect(error.progress).toEqual({ line: 4, created: 3, alreadyRecorded: 0 });
    expect(reported).toEqual([1, 2, 3]);
    // Line 5 was in flight beside it and settled; line 6 waited for it and never started, nor anything later.
    expect(bus.log).toContain('end 5');
    expect(bus.log.filter((entry) => entry.startsWith('start')).sort()).toEqual([
      'start 1',
      'start 2',
      'start 3',
      'start 4',
      'start 5',
    ]);
  });

  it('reports the first failing line, though a later one failed first', async () => {
    const bus = new FakeBus(
      (line) => line !== 2,
      (line) => (line === 1 ? 5 : 1),
    );
    const error = await failure(importWith(bus, [franchise('a'), franchise('b'), franchise('c')]));
    expect(error.line).toBe(1);
    expect(error.progress).toEqual({ line: 1, created: 0, alreadyRecorded: 0 });
  });

  it('starts no line waiting behind the first failure, though a later line failed after it', async () => {
    const turns = [0, 3, 1, 1, 2];
    const bus = new FakeBus(
      (line) => line === 2 || line === 4,
      (line) => turns[line],
    );
    const error = await failure(importWith(bus, [franchise('c'), franchise('a'), franchise('c'), franchise('b')]));
    expect(error.line).toBe(2);
    expect(bus.log).not.toContain('start 3');
  });

  it('reports a later failing line once the earlier lines in flight succeeded', async () => {
    const bus = new FakeBus(
      (line) => line === 2,
      (line) => (line === 1 ? 5 : 1),
    );
    const error = await failure(importWith(bus, [franchise('a'), franchise('b'), franchise('c')]));
    expect(error.line).toBe(2);
    expect(error.progress).toEqual({ line: 2, created: 1, alreadyRecorded: 0 });
  });

  it('stops at a badly shaped line with the lines before it settled and nothing after it started', async () => {
    const bus = new FakeBus();
    const error = await failure(importWith(bus, [franchise('a'), franchise('b'), '{"command":', franchise('c')]));
    expect(error.line).toBe(3);
    expect(error.errors).toEqual([{ field: '(line)', message: 'is not valid JSON' }]);
    expect(error.progress).toEqual({ line: 3, created: 2, alreadyRecorded: 0 });
    expect(bus.log).toEqual(['start 1', 'start 2', 'end 1', 'end 2']);
  });

  describe('on the seed file, through the real handlers and SQLite store', () => {
    const stores: SqliteEventStore[] = [];
    afterEach(() => stores.splice(0).forEach((store) => store.close()));

    /** The command bus of the service, reduced to the handlers an import line reaches. */
    const busOn = (store: SqliteEventStore) => {
      const writer = new StreamWriter(
        store,
        new FixedClock(new Date('2026-11-23T10:00:00Z')),
        SqliteDecisionIndex.inMemory(),
      );
      const handlers = new Map<Function, { execute(command: object): Promise<unknown> }>([
        [CreateFranchiseCommand, new CreateFranchiseHandler(writer)],
        [RegisterSourceCommand, new RegisterSourceHandler(writer)],
        [RecordClaimCommand, new RecordClaimHandler(writer)],
      ]);
      return { execute: (command: object) => handlers.get(command.constructor)!.execute(command) } as CommandBus;
    };
    const storeWith = () => {
      const store = new SqliteEventStore({ file: ':memory:' });
      stores.push(store);
      return store;
    };
    /** Each stream's events as recorded; the global order of lines on different streams may differ. */
    const recorded = async (store: SqliteEventStore) =>
      (await collect(store.readAll()))
        .map(({ streamId, revision, id, type, data }) => ({ streamId, revision, id, type, data }))
        .sort((a, b) => a.streamId.localeCompare(b.streamId) || a.revision - b.revision);

    it('records the same events, with the same ids and revisions, as importing one line at a time', async () => {
      const pipelined = storeWith();
      const progress = await importWith(busOn(pipelined), SEED);

      const oneByOne = storeWith();
      const bus = busOn(oneByOne);
      for (const line of SEED) await importWith(bus, [line]);

      expect(progress).toEqual({ line: SEED.length, created: SEED.length, alreadyRecorded: 0 });
      expect(await recorded(pipelined)).toEqual(await recorded(oneByOne));
      expect(await importWith(busOn(pipelined), SEED)).toEqual({
        line: SEED.length,
        created: 0,
        alreadyRecorded: SEED.length,
      });
    });
  });
});
