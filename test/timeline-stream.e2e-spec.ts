import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

interface ServerSentEvent {
  id?: string;
  event?: string;
  data: string;
}

/** An open Server-Sent Events stream: the events received so far, and a way to wait for more. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const received: ServerSentEvent[] = [];
  let buffer = '';
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = { data: '' };
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') event.data += value;
          }
          received.push(event);
        }
      }
    } catch {
      // Aborted by `close`.
    }
  })();
  const entries = () => received.filter((e) => e.event === 'entry').map((e) => ({ id: e.id!, ...JSON.parse(e.data) }));
  return {
    response,
    entries,
    ended: reading,
    /** Waits until `count` entries have arrived; fails after a few seconds rather than hanging. */
    async waitForEntries(count: number) {
      const deadline = Date.now() + 10_000;
      while (entries().length < count) {
        if (Date.now() > deadline) throw new Error(`${entries().length} entries of ${count} within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return entries();
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

describe.each(STORE_KINDS)('the live timeline stream (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const streamUrl = () => `${running.url}/franchises/balle-perdue/timeline/stream`;
  let wraps = 0;
  /** A new claim each time: a production wrap of film 2, a year apart. */
  const recordWrap = async () => {
    wraps += 1;
    const answer = await http.post('/franchises/balle-perdue/production-wraps', {
      filmId: 'balle-perdue-2',
      wrappedOn: String(2000 + wraps),
      shootingWeeks: wraps,
      sourceId: 'article-004',
    });
    expect(answer.status).toBe(201);
    return answer.body.eventId as string;
  };

  beforeAll(async () => {
    running = await startApp({ kind });
  });
  afterAll(() => running.dispose());

  it('sends each entry as it is recorded, numbered in recording order, as the timeline words it', async () => {
    const stream = await openStream(streamUrl());
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
      // Written straight to the socket, the stream still carries the headers every answer has.
      expect(stream.response.headers.get('content-security-policy')).toContain("script-src 'self'");

      const first = await recordWrap();
      const second = await recordWrap();
      const [one, two] = await stream.waitForEntries(2);

      expect([one.eventId, two.eventId]).toEqual([first, second]);
      expect(Number(two.id)).toBeGreaterThan(Number(one.id));
      expect(one.sequence).toBe(Number(one.id));
      const timeline = (await http.get('/franchises/balle-perdue/timeline')).body.entries;
      const { sequence: _, id: __, ...asStreamed } = one;
      expect(timeline).toContainEqual(asStreamed);
    } finally {
      await stream.close();
    }
  });

  it('sends nothing recorded before it was opened, without Last-Event-ID', async () => {
    await recordWrap();
    const stream = await openStream(streamUrl());
    try {
      const next = await recordWrap();

      expect((await stream.waitForEntries(1)).map((e) => e.eventId)).toEqual([next]);
    } finally {
      await stream.close();
    }
  });

  it('resumes after Last-Event-ID with what was recorded since, in order, nothing twice', async () => {
    const stream = await openStream(streamUrl());
    await recordWrap();
    const [seen] = await stream.waitForEntries(1);
    await stream.close();
    const missed = [await recordWrap(), await recordWrap()];

    const resumed = await openStream(streamUrl(), { 'last-event-id': seen.id });
    try {
      const later = await recordWrap();

      const ids = (await resumed.waitForEntries(3)).map((e) => e.eventId);
      expect(ids).toEqual([...missed, later]);
    } finally {
      await resumed.close();
    }
  });

  it('sends a retraction as an entry of its own', async () => {
    const claim = await recordWrap();
    const stream = await openStream(streamUrl());
    try {
      const answer = await http.post('/franchises/balle-perdue/retractions', {
        eventId: claim,
        sourceId: 'article-004',
        reason: 'misreported',
        retractedOn: '2022-12',
      });
      expect(answer.status).toBe(201);

      const [retraction] = await stream.waitForEntries(1);
      expect(retraction).toMatchObject({ eventId: answer.body.eventId, type: 'ClaimRetracted' });
    } finally {
      await stream.close();
    }
  });

  it('ends the streams still open when the server shuts down, so that it can', async () => {
    const other = await startApp({ kind });
    const stream = await openStream(`${other.url}/franchises/balle-perdue/timeline/stream`);
    try {
      await other.stop();
      // The response ended: reading it is over.
      await expect(stream.ended).resolves.toBeUndefined();
    } finally {
      await stream.close();
      await other.dispose();
    }
  }, 20_000);

  it('answers an unknown franchise with 404 and a malformed Last-Event-ID with 400, as problem+json', async () => {
    const unknown = await fetch(`${running.url}/franchises/nope/timeline/stream`);
    const malformed = await fetch(streamUrl(), { headers: { 'last-event-id': 'yesterday' } });

    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ errors: [{ field: 'Last-Event-ID' }] });
  });
});
