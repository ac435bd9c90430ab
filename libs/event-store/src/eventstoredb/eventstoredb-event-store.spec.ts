import { randomBytes, randomUUID } from 'node:crypto';
import { firstValueFrom, filter, take, timeout, toArray } from 'rxjs';
import { startEsdbEmulator } from '../../../../test/esdb-emulator/emulator';
import { collect } from '../collect';
import { describeEventStoreContract } from '../event-store.contract';
import { EventStoreUnavailableError } from '../event-store.errors';
import { EventToAppend } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { comparePositions, decodePosition, encodePosition } from './eventstoredb-positions';

/**
 * The real client over real gRPC: against the server named by EVENTSTORE_CONNECTION_STRING
 * when set (each test in a namespace of its own), else against the in-process emulator.
 */
async function server(): Promise<{ connectionString: string; namespace?: string; stop(): Promise<void> }> {
  const real = process.env.EVENTSTORE_CONNECTION_STRING;
  if (real)
    return { connectionString: real, namespace: `t${randomBytes(6).toString('hex')}`, stop: async () => undefined };
  const emulator = await startEsdbEmulator({ port: 0 });
  return { connectionString: emulator.connectionString, stop: () => emulator.stop() };
}

describeEventStoreContract(
  'EventStoreDB',
  async () => {
    const { connectionString, namespace, stop } = await server();
    const stores: EventStoreDbEventStore[] = [];
    const open = async () => {
      const store = await EventStoreDbEventStore.connect({ connectionString, namespace });
      stores.push(store);
      return store;
    };
    return {
      store: await open(),
      reopen: open,
      dispose: async () => {
        for (const store of stores) await store.close();
        await stop();
      },
    };
  },
  // EventStoreDB keeps event ids unique per stream only: the same id in another stream is another event.
  { uniqueEventIdsAcrossStreams: false },
);

const event = (type = 'Happened'): EventToAppend => ({ id: randomUUID(), type, data: { n: 1 }, metadata: {} });

describe('EventStoreDbEventStore', () => {
  it('fails start-up with EventStoreUnavailableError naming the address when no server answers', async () => {
    const attempt = EventStoreDbEventStore.connect({
      connectionString: 'esdb://127.0.0.1:1?tls=false',
      connectTimeoutMs: 2_000,
    });
    await expect(attempt).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(attempt).rejects.toThrow(/cannot reach EventStoreDB at esdb:\/\/127\.0\.0\.1:1/);
  });

  it('never shows credentials from the connection string in its errors', async () => {
    const attempt = EventStoreDbEventStore.connect({
      connectionString: 'esdb://admin:secret@127.0.0.1:1?tls=false',
      connectTimeoutMs: 2_000,
    });
    await expect(attempt).rejects.toThrow(/esdb:\/\/\*\*\*@127\.0\.0\.1:1/);
    await expect(attempt).rejects.not.toThrow(/secret/);
  });

  describe('on a server', () => {
    let target: Awaited<ReturnType<typeof server>>;
    const opened: EventStoreDbEventStore[] = [];
    const open = async (options: { namespace?: string; categories?: string[] } = {}) => {
      const store = await EventStoreDbEventStore.connect({
        connectionString: target.connectionString,
        namespace: options.namespace ?? target.namespace,
        categories: options.categories,
      });
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      target = await server();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await target.stop();
    });

    it('subscribes only to the configured categories, server-side', async () => {
      const store = await open({ categories: ['franchise'] });
      const ours = `franchise-${randomUUID()}`;
      await store.append(`source-${randomUUID()}`, [event('Other')], 'no_stream');
      await store.append(ours, [event('Ours')], 'no_stream');
      const seen = await firstValueFrom(
        store.subscribeToAll().pipe(
          filter((m) => m.kind === 'caughtUp' || m.event.streamId === ours || m.event.type === 'Other'),
          take(2),
          toArray(),
          timeout(5_000),
        ),
      );
      expect(seen.map((m) => (m.kind === 'event' ? m.event.streamId : m.kind))).toEqual([ours, 'caughtUp']);
    });

    it('keeps namespaces apart: one sees nothing of the other’s streams', async () => {
      const a = await open({ namespace: `a${randomBytes(4).toString('hex')}` });
      const b = await open({ namespace: `b${randomBytes(4).toString('hex')}` });
      await a.append('franchise-x', [event()], 'no_stream');
      expect(await collect(b.readStream('franchise-x'))).toEqual([]);
      await b.append('franchise-x', [event()], 'no_stream');
      const [fromA] = await collect(a.readStream('franchise-x'));
      expect(fromA.streamId).toBe('franchise-x');
      expect((await collect(a.readAll())).map((e) => e.streamId)).toEqual(['franchise-x']);
    });

    it('leaves system events out of reads of the global log', async () => {
      const store = await open();
      await store.append(`franchise-${randomUUID()}`, [event()], 'no_stream');
      const all = await collect(store.readAll());
      expect(all.length).toBeGreaterThan(0);
      expect(all.every((e) => !e.type.startsWith('$') && !e.streamId.startsWith('$'))).toBe(true);
    });
  });
});

describe('EventStoreDB positions', () => {
  it('round-trip as commit:prepare tokens and order by commit, then prepare', () => {
    const position = { commit: 18446744073709551615n, prepare: 12n };
    expect(decodePosition(encodePosition(position))).toEqual(position);
    expect(comparePositions('10:5', '10:7')).toBeLessThan(0);
    expect(comparePositions('11:0', '10:7')).toBeGreaterThan(0);
    expect(comparePositions('10:7', '10:7')).toBe(0);
    expect(() => decodePosition('42')).toThrow(/not an EventStoreDB position/);
  });
});
