import ICAL from 'ical.js';
import Parser from 'rss-parser';
import * as jsonld from 'jsonld';
import quickStatementsToEdits from 'quickstatements-to-wikibase-edit';
import { PassThrough, Readable } from 'node:stream';
import { join } from 'node:path';
import { SourceCatalogReadModel } from '@app/projections';
import { runCli } from '../apps/cli/src/main';
import { RunningApp, SEED_FILE, client, startApp } from './support/test-app';

/** Each VEVENT of an iCalendar text, as ical.js reads it. */
function releases(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      status: vevent.getFirstPropertyValue('status'),
      sequence: event.sequence,
    };
  });
}

describe('exports of the record, on the seed data', () => {
  let running: RunningApp;
  const http = client(() => running);
  const calendar = async (franchise = 'balle-perdue') => {
    const response = await fetch(`${running.url}/franchises/${franchise}/calendar.ics`);
    return { type: response.headers.get('content-type'), text: await response.text(), status: response.status };
  };

  /** The CLI on a store of its own, seeded, with its output captured. */
  const cli = async (...argv: string[]) => {
    const env = { TIMELINE_DB: join(running.dir, 'cli.db'), SEED_FILE };
    const stdout = new PassThrough();
    const out: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    const io = { stdin: Readable.from(['']), stdout, stderr: new PassThrough() };
    if ((await runCli(['seed'], { ...io, stdout: new PassThrough() }, env)) !== 0) throw new Error('seed failed');
    const code = await runCli(argv, io, env);
    return { code, stdout: Buffer.concat(out).toString() };
  };

  /** A new source's view count, then, a minute later, its retraction of it. */
  const claimThenRetract = async (sourceId: string) => {
    await http.post('/sources', { id: sourceId, name: 'A count withdrawn', publishedOn: '2022-11-20' });
    const posted = await http.post('/franchises/balle-perdue/viewership-milestones', {
      filmId: 'balle-perdue-2',
      views: 20_000_000,
      reachedOn: '2022-11',
      sourceId,
    });
    running.clock.advance(60_000);
    const retraction = await http.post('/franchises/balle-perdue/retractions', {
      eventId: posted.body.eventId,
      sourceId,
      reason: 'misread',
    });
    return { posted, retraction };
  };

  beforeEach(async () => {
    running = await startApp();
  });
  afterEach(() => running.dispose());

  describe('iCalendar feed of releases', () => {
    it('gives each film’s release believed as an all-day event: an exact day confirmed, a span tentative', async () => {
      const { type, text } = await calendar();
      expect(type).toMatch(/^text\/calendar/);

      expect(releases(text)).toEqual([
        {
          uid: 'balle-perdue-1.release@balle-perdue.franchise-timeline',
          summary: 'Balle perdue: released',
          start: '2020-06-19',
          end: '2020-06-20',
          allDay: true,
          status: 'CONFIRMED',
          // Five release claims: the first, then four revisions.
          sequence: 4,
        },
        {
          uid: 'balle-perdue-2.release@balle-perdue.franchise-timeline',
          summary: 'Balle perdue 2: release planned',
          start: '2022-11-10',
          end: '2022-11-11',
          allDay: true,
          status: 'CONFIRMED',
          sequence: 1,
        },
      ]);
      // No article dates Tyler Rake's release: no event, until a source gives a month.
      expect(releases((await calendar('tyler-rake')).text)).toEqual([]);
      await http.post('/sources', { id: 'tyler-month', name: 'A month for Tyler Rake', publishedOn: '2020-05' });
      await http.post('/franchises/tyler-rake/releases', {
        filmId: 'tyler-rake-1',
        releasedOn: '2020-04',
        sourceId: 'tyler-month',
      });
      const [tyler] = releases((await calendar('tyler-rake')).text);
      expect(tyler).toMatchObject({ start: '2020-04-01', end: '2020-05-01', allDay: true, status: 'TENTATIVE' });
    });

    it('bumps the sequence when a new claim moves the date believed, keeping the event’s uid', async () => {
      await http.post('/sources', { id: 'late-schedule', name: 'A later schedule', publishedOn: '2022-11-20' });
      const moved = await http.post('/franchises/balle-perdue/scheduled-releases', {
        filmId: 'balle-perdue-2',
        announcedOn: '2022-11-20',
        scheduledFor: '2022-12-01',
        sourceId: 'late-schedule',
      });
      expect(moved.status).toBe(201);

      const second = releases((await calendar()).text).find((e) => e.uid.startsWith('balle-perdue-2.'));
      // 10 November (article 003) against 1 December, each backed by article 004's "end of 2022": the tie
      // goes to the more recently published.
      expect(second).toMatchObject({ start: '2022-12-01', sequence: 2, status: 'CONFIRMED' });

      running.clock.advance(60_000);
      await http.post('/franchises/balle-perdue/retractions', {
        eventId: moved.body.eventId,
        sourceId: 'late-schedule',
        reason: 'wrong',
      });
      const back = releases((await calendar()).text).find((e) => e.uid.startsWith('balle-perdue-2.'));
      // The date goes back, and the sequence still goes up: a calendar takes it as an update.
      expect(back).toMatchObject({ start: '2022-11-10', sequence: 3 });
    });

    it('answers an unknown franchise with a 404 problem, and the CLI writes the same calendar', async () => {
      expect((await calendar('nope')).status).toBe(404);

      const { code, stdout } = await cli('calendar', 'balle-perdue');

      expect(code).toBe(0);
      expect(releases(stdout).map((e) => [e.uid, e.start])).toEqual(
        releases((await calendar()).text).map((e) => [e.uid, e.start]),
      );
    });
  });

  describe('Atom feed of what was recorded', () => {
    const feed = async () => {
      const response = await fetch(`${running.url}/franchises/balle-perdue/changes.atom`);
      return {
        type: response.headers.get('content-type'),
        parsed: await new Parser().parseString(await response.text()),
      };
    };

    it('lists the claims recorded, the last first, each with its event id, its source and when it was recorded', async () => {
      const { type, parsed } = await feed();

      expect(type).toMatch(/^application\/atom\+xml/);
      expect(parsed.title).toBe('Balle perdue: claims as recorded');
      const timeline = (await http.get('/franchises/balle-perdue/timeline')).body.entries;
      expect(parsed.items).toHaveLength(timeline.length);
      const dates = parsed.items.map((item) => item.isoDate!);
      expect(dates).toEqual([...dates].sort().reverse());
      const release = timeline.find((e: any) => e.sourceId === 'article-004' && e.type === 'FilmReleased');
      const item = parsed.items.find((i) => i.id === `urn:uuid:${release.eventId}`)!;
      expect(item).toMatchObject({ title: 'Balle perdue released on Netflix (article-004)' });
      expect(item.link).toMatch(/\/sources\/article-004\/claims$/);
    });

    it('puts a claim recorded now, and then its retraction, at the top', async () => {
      const { posted } = await claimThenRetract('feed-source');

      const [first, second] = (await feed()).parsed.items;

      expect(first.title).toBe('Claim retracted (misread): “Balle perdue 2 passed 20,000,000 views” (feed-source)');
      expect(second.id).toBe(`urn:uuid:${posted.body.eventId}`);
    });

    it('links under PUBLIC_URL when it is set, not under the Host a request names', async () => {
      const behindProxy = await startApp({ env: { PUBLIC_URL: 'https://timeline.example.org/' } });
      try {
        const response = await fetch(`${behindProxy.url}/franchises/balle-perdue/changes.atom`);
        const parsed = await new Parser().parseString(await response.text());
        expect(parsed.link).toBe('https://timeline.example.org/?franchise=balle-perdue');
        expect(parsed.items[0].link).toMatch(/^https:\/\/timeline\.example\.org\/sources\//);
      } finally {
        await behindProxy.dispose();
      }
    });

    it('is written the same by the CLI, with the links under the base given', async () => {
      const { code, stdout } = await cli(
        'feed',
        'balle-perdue',
        '--base',
        'https://timeline.example.org',
        '--limit',
        '3',
      );

      expect(code).toBe(0);
      const parsed = await new Parser().parseString(stdout);
      expect(parsed.items).toHaveLength(3);
      expect(parsed.link).toBe('https://timeline.example.org/?franchise=balle-perdue');
    });
  });

  describe('JSON-LD with W3C PROV-O', () => {
    const PROV = 'http://www.w3.org/ns/prov#';
    const expand = async (document: unknown) =>
      (await jsonld.expand(document as jsonld.JsonLdDocument)) as unknown as any[];
    /** The graph expanded by a JSON-LD processor: every term as its full IRI, or it is not there. */
    const expanded = async () => {
      const response = await fetch(`${running.url}/franchises/balle-perdue/provenance.jsonld`);
      expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
      const nodes = await expand(await response.json());
      return new Map<string, any>(nodes.flatMap((node) => (node['@graph'] ?? [node]).map((n: any) => [n['@id'], n])));
    };
    const ids = (node: any, term: string) => (node[`${PROV}${term}`] ?? []).map((v: any) => v['@id']);

    it('makes each claim an entity attributed to its source, generated by its recording, derived from its origin', async () => {
      const graph = await expanded();
      const timeline = (await http.get('/franchises/balle-perdue/timeline')).body.entries;
      const relayed = timeline.find(
        (e: any) => e.sourceId === 'article-002' && e.type === 'ViewershipMilestoneReached',
      );
      const claim = graph.get(`urn:uuid:${relayed.eventId}`);

      expect(claim['@type']).toEqual([`${PROV}Entity`]);
      expect(ids(claim, 'wasAttributedTo')).toEqual([expect.stringMatching(/\/sources\/article-002$/)]);
      expect(ids(claim, 'wasDerivedFrom')).toEqual([expect.stringMatching(/\/sources\/netflix-france-twitter$/)]);
      expect(claim[`${PROV}generatedAtTime`]).toEqual([
        { '@value': relayed.recordedAt, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
      ]);
      const recording = graph.get(ids(claim, 'wasGeneratedBy')[0]);
      expect(recording['@type']).toEqual([`${PROV}Activity`]);
      expect(ids(recording, 'wasAssociatedWith')).toEqual([expect.stringMatching(/\/principals\/system%3Aseed$/)]);
      // Every claim is there; one that names no origin is derived from none.
      expect(timeline.every((e: any) => graph.has(`urn:uuid:${e.eventId}`))).toBe(true);
      const plain = timeline.find((e: any) => e.sourceId === 'article-000');
      expect(ids(graph.get(`urn:uuid:${plain.eventId}`), 'wasDerivedFrom')).toEqual([]);
      expect(graph.get(ids(claim, 'wasDerivedFrom')[0])['@type']).toContain(`${PROV}Agent`);
    });

    it('invalidates a retracted claim by the retraction’s recording, at its time', async () => {
      const { posted, retraction } = await claimThenRetract('prov-source');

      const claim = (await expanded()).get(`urn:uuid:${posted.body.eventId}`);

      expect(ids(claim, 'wasInvalidatedBy')).toEqual([`urn:uuid:${retraction.body.eventId}#recording`]);
      expect(claim[`${PROV}invalidatedAtTime`][0]['@value']).toBe(new Date(running.clock.now()).toISOString());
    });

    it('is written the same by the CLI, with its IRIs under the base given', async () => {
      const { code, stdout } = await cli('provenance', 'balle-perdue', '--base', 'https://timeline.example.org');

      expect(code).toBe(0);
      const nodes = await expand(JSON.parse(stdout));
      const graph: any[] = nodes[0]['@graph'];
      expect(graph.some((n) => n['@id'] === 'https://timeline.example.org/sources/article-000')).toBe(true);
    });
  });

  describe('Wikidata QuickStatements', () => {
    const quickStatements = async (query: string) => {
      const response = await fetch(`${running.url}/franchises/balle-perdue/quickstatements?${query}`);
      return { status: response.status, text: await response.text() };
    };

    it('states the release date believed at day precision, once per source that claimed it, each with its reference', async () => {
      const { status, text } = await quickStatements('items=balle-perdue-1:Q96384955&sources=article-000:Q1000');
      expect(status).toBe(200);

      const { edits } = quickStatementsToEdits(text);

      expect(edits.map((e) => e.id)).toEqual(['Q96384955']);
      const statements = edits[0].claims.P577;
      // Articles 000, 001 and 002 said 19 June 2020; 003's "2020~" backs it but is not its reference,
      // and 004's outvoted 26 June is left out: QuickStatements cannot set a rank.
      expect(statements.map((s) => s.value)).toEqual(Array(3).fill({ time: '+2020-06-19T00:00:00Z', precision: 11 }));
      const references = statements.map((s) => s.references!);
      expect(references.map((r) => (r.P1476[0] as { text: string }).text)).toEqual([
        expect.stringContaining('choosing the platform'),
        expect.stringContaining('37 million'),
        expect.stringContaining('worldwide audience'),
      ]);
      expect(references.every((r) => (r.P813[0] as { precision: number }).precision === 11)).toBe(true);
      expect(references[0].P248).toEqual(['Q1000']);
      expect(references[1].P248).toBeUndefined();
    });

    it('gives each date its precision and marks an approximate one circa', async () => {
      await http.post('/franchises', { id: 'qs-saga', title: 'QS saga', aliases: [] });
      await http.post('/sources', {
        id: 'qs-month',
        name: 'A month',
        publishedOn: '2021',
        url: 'https://example.org/m',
      });
      await http.post('/franchises/qs-saga/releases', { filmId: 'qs-1', releasedOn: '2020-06', sourceId: 'qs-month' });
      await http.post('/franchises/qs-saga/releases', { filmId: 'qs-2', releasedOn: '2019~', sourceId: 'qs-month' });
      await http.post('/franchises/qs-saga/releases', {
        filmId: 'qs-3',
        releasedOn: '2019/2020',
        sourceId: 'qs-month',
      });

      const response = await fetch(`${running.url}/franchises/qs-saga/quickstatements?items=qs-1:Q1,qs-2:Q2,qs-3:Q3`);
      const { edits } = quickStatementsToEdits(await response.text());

      const byItem = new Map(edits.map((e) => [e.id, e.claims.P577[0]]));
      expect(byItem.get('Q1')).toMatchObject({ value: { time: '+2020-06-00T00:00:00Z', precision: 10 } });
      expect(byItem.get('Q1')!.references!.P854).toEqual(['https://example.org/m']);
      expect(byItem.get('Q2')).toMatchObject({ value: { precision: 9 }, qualifiers: { P1480: ['Q5727902'] } });
      // An interval is no single Wikidata time: left out rather than misstated.
      expect(byItem.has('Q3')).toBe(false);
    });

    /** Each read of the source catalogue while `run` runs: the method, and the ids it named. */
    async function catalogReads(run: () => Promise<unknown>): Promise<{ method: string; ids: string[] }[]> {
      const catalog = running.app.get(SourceCatalogReadModel);
      const methods = Object.getOwnPropertyNames(SourceCatalogReadModel.prototype).filter((m) => m !== 'constructor');
      const spies = methods.map((method) => jest.spyOn(catalog as any, method));
      try {
        await run();
        return spies.flatMap((spy, i) =>
          spy.mock.calls.map(([named]) => ({
            method: methods[i],
            ids: typeof named === 'string' ? [named] : [...((named as Iterable<string>) ?? [])],
          })),
        );
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    }

    it('answers an unknown franchise 404 before reading any source', async () => {
      const reads = await catalogReads(async () =>
        expect((await fetch(`${running.url}/franchises/no-such/quickstatements?items=no-such-1:Q1`)).status).toBe(404),
      );

      expect(reads).toEqual([]);
    });

    it('reads only the sources the release claims cite, by id, however many others are registered', async () => {
      const query = 'items=balle-perdue-1:Q96384955';
      const before = await quickStatements(query);
      for (let i = 0; i < 20; i++) {
        await http.post('/sources', { id: `qs-unrelated-${i}`, name: 'Unrelated', publishedOn: '2020-07' });
      }
      const ledger = (await http.get('/franchises/balle-perdue/claims?field=releasedOn&limit=1000')).body;
      const cited = ledger.facts.flatMap((fact: any) =>
        fact.values.flatMap((value: any) =>
          value.claims.flatMap((c: any) => (c.basedOn ? [c.sourceId, c.basedOn] : [c.sourceId])),
        ),
      );

      let after: Awaited<ReturnType<typeof quickStatements>> | undefined;
      const reads = await catalogReads(async () => (after = await quickStatements(query)));

      expect(after).toEqual(before);
      expect(reads.map((read) => read.method)).not.toContain('list');
      expect(reads.flatMap((read) => read.ids).filter((id) => !cited.includes(id))).toEqual([]);
    });

    it('needs the items: it never guesses them, and refuses a malformed one naming the field', async () => {
      const missing = await fetch(`${running.url}/franchises/balle-perdue/quickstatements`);
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { errors: { field: string }[] }).errors[0].field).toBe('items');
      expect((await quickStatements('items=balle-perdue-1:X1')).status).toBe(400);
      expect((await quickStatements('items=tyler-rake-1:Q1')).text).toBe('');

      const { code, stdout } = await cli('quickstatements', 'balle-perdue', '--items', 'balle-perdue-1:Q96384955');
      expect(code).toBe(0);
      expect(quickStatementsToEdits(stdout).edits[0].claims.P577).toHaveLength(3);
    });
  });
});
