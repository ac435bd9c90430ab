import ICAL from 'ical.js';
import Parser from 'rss-parser';
import * as jsonld from 'jsonld';
import quickStatementsToEdits from 'quickstatements-to-wikibase-edit';
import { RunningApp, client, startApp } from './support/test-app';

/**
 * What each format treats as syntax, and what a parser of each would take for structure: a forged
 * event, markup, the end of a CDATA section, JSON-LD keywords, QuickStatements separators; control
 * characters, and characters outside the BMP that a folding or an escape could cut in two.
 */
const HOSTILE =
  '\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged@evil\r\nDTSTART;VALUE=DATE:20300101\r\nURL:https://evil.example/\r\n' +
  'END:VEVENT\r\nEND:VCALENDAR\r\n' +
  'CR\rLF\nCRLF\r\nTAB\t"double" \'single\' <img src=x onerror=alert(1)> & &amp; &lt; &#60; ]]> ]]><b>bold</b>' +
  ' {"@id": "urn:uuid:evil", "@context": {"@vocab": "urn:evil#"}} \\ \\n \\, \\; ; , | || /* */ ' +
  'controls \u0000\u0001\u000b\u000c\u001f\u007f\u0085\u2028 astral 😀𝄞 ';
/** A text full of it, told apart from the others by its label; ending in a backslash, which a quote may follow. */
const hostile = (label: string) => `${label} ${HOSTILE} ${label} \\`;

// RFC 5545 TEXT has one line break (`\n`, CR LF or CR alike) and no control character but tab.
const asICalendar = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[\0-\x08\x0b-\x1f\x7f]/g, '\uFFFD');
// XML reads a raw CR as LF, and cannot hold the other C0 controls (but tab and LF) at all.
const asXml = (text: string) =>
  text.replace(/\r\n?/g, '\n').replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '\uFFFD');
/** HTML with no markup and no entity but these: shown by a reader as the text it escapes. */
const htmlText = (html: string) => {
  expect(html).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
};
// A QuickStatements string has no escape: `"` is `'`, every control character and line separator a space,
// and it is trimmed, as QuickStatements trims it, of a trailing backslash too (QuickStatements 3 reads `\"` as a quote).
const asQuickStatements = (text: string) =>
  text
    .replace(/"/g, "'")
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/^\s+|[\s\\]+$/gu, '');

const FRANCHISE = 'hostile-saga';

// RFC 7986 NAME and the de facto X-WR-CALNAME and X-WR-CALDESC are TEXT; ical.js knows none of them.
const design = (ICAL as unknown as { design: { icalendar: { property: Record<string, object> } } }).design;
for (const name of ['name', 'x-wr-calname', 'x-wr-caldesc']) design.icalendar.property[name] = { defaultType: 'text' };

describe('exports of hostile text: every format escapes it, and its parser reads it back as text', () => {
  let running: RunningApp;
  const http = client(() => running);
  const text = {
    franchise: hostile('franchise'),
    alias: `alias ${HOSTILE}`.slice(0, 200),
    film1: hostile('film 1'),
    film2: hostile('film 2'),
    film3: hostile('film 3'),
    platform: hostile('platform'),
    by: hostile('by'),
    chart: hostile('chart'),
    reason: hostile('reason'),
    sourceA: hostile('source A'),
    sourceB: hostile('source B'),
    notes: hostile('notes'),
    reference: hostile('reference'),
    rank: hostile('rank'),
  };
  /** Each claim's event id, by what it is. */
  const ids: Record<string, string> = {};
  const get = async (path: string) => {
    const response = await fetch(`${running.url}/franchises/${FRANCHISE}/${path}`);
    expect(response.status).toBe(200);
    return response.text();
  };
  const claim = async (name: string, route: string, body: object) => {
    const answer = await http.post(`/franchises/${FRANCHISE}/${route}`, body);
    expect(answer.status).toBe(201);
    ids[name] = answer.body.eventId;
  };

  beforeAll(async () => {
    running = await startApp();
    const writes = [
      await http.post('/franchises', { id: FRANCHISE, title: text.franchise, aliases: [text.alias] }),
      await http.post('/sources', {
        id: 'source-a',
        name: text.sourceA,
        publishedOn: '2021-01-01',
        url: 'https://example.org/a?b=1&c=2',
        reference: text.reference,
        notes: text.notes,
      }),
      await http.post('/sources', { id: 'source-b', name: text.sourceB, publishedOn: '2021-02-01' }),
      await http.put('/sources/source-a/reliability', { rank: 50, reason: text.rank }),
    ];
    expect(writes.map((w) => w.status)).toEqual([201, 201, 201, 201]);
    const film1 = { filmId: 'film-1', title: text.film1, releasedOn: '2020-06-19', platform: text.platform };
    await claim('releaseA', 'releases', { ...film1, sourceId: 'source-a' });
    await claim('releaseB', 'releases', { ...film1, sourceId: 'source-b' });
    await claim('schedule', 'scheduled-releases', {
      filmId: 'film-2',
      title: text.film2,
      announcedOn: '2021-01',
      scheduledFor: '2022-11',
      platform: text.platform,
      sourceId: 'source-b',
    });
    await claim('greenlight', 'greenlights', {
      filmId: 'film-1',
      greenlitOn: '2018',
      by: text.by,
      sourceId: 'source-a',
    });
    await claim('chart', 'chart-rankings', {
      filmId: 'film-1',
      chart: text.chart,
      rank: 1,
      rankedOn: '2020-07',
      sourceId: 'source-a',
    });
    await claim('views', 'viewership-milestones', {
      filmId: 'film-3',
      title: text.film3,
      views: 1000,
      reachedOn: '2020-07',
      sourceId: 'source-b',
    });
    await claim('sequel', 'sequel-announcements', { filmId: 'film-2', announcedOn: '2021-01', sourceId: 'source-b' });
    await claim('retraction', 'retractions', { eventId: ids.sequel, sourceId: 'source-b', reason: text.reason });
  });
  afterAll(() => running.dispose());

  /** Each claim's line in plain English, and the source that made it: what the feed and the graph carry. */
  const worded = () =>
    new Map([
      [ids.releaseA, [`${text.film1} released on ${text.platform}`, 'source-a']],
      [ids.releaseB, [`${text.film1} released on ${text.platform}`, 'source-b']],
      [ids.schedule, [`${text.film2} scheduled for release on 2022-11 on ${text.platform}`, 'source-b']],
      [ids.greenlight, [`${text.film1} greenlit by ${text.by}`, 'source-a']],
      [ids.chart, [`${text.film1} number one of ${text.chart}`, 'source-a']],
      [ids.views, [`${text.film3} passed 1,000 views`, 'source-b']],
      [ids.sequel, [`${text.film2} announced`, 'source-b']],
      [ids.retraction, [`Claim retracted (${text.reason}): “${text.film2} announced”`, 'source-b']],
    ]);

  it('stores and words the text as it was sent (the JSON API, for the exports to be checked against)', async () => {
    expect((await http.get(`/franchises/${FRANCHISE}`)).body).toMatchObject({ title: text.franchise });
    const { entries } = (await http.get(`/franchises/${FRANCHISE}/timeline`)).body;
    // The retracted announcement is out of the timeline; its retraction words it.
    expect(new Map(entries.map((e: any) => [e.eventId, [e.summary, e.sourceId]]))).toEqual(
      new Map([...worded()].filter(([id]) => id !== ids.sequel)),
    );
  });

  it('iCalendar: the two films’ events and nothing else, every text back as TEXT, every line folded and CRLF-ended', async () => {
    const ics = await get('calendar.ics');
    const calendar = new ICAL.Component(ICAL.parse(ics));

    // What the shared typings leave out of ical.js.
    const whole = calendar as unknown as {
      name: string;
      getAllProperties(): { name: string; getFirstValue(): unknown }[];
      getAllSubcomponents(): { name: string }[];
    };
    expect(whole.name).toBe('vcalendar');
    expect(whole.getAllSubcomponents().map((c) => c.name)).toEqual(['vevent', 'vevent']);
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return { uid: event.uid, summary: event.summary, start: event.startDate.toString() };
    });
    expect(events).toEqual([
      {
        uid: `film-1.release@${FRANCHISE}.franchise-timeline`,
        summary: asICalendar(`${text.film1}: released`),
        start: '2020-06-19',
      },
      {
        uid: `film-2.release@${FRANCHISE}.franchise-timeline`,
        summary: asICalendar(`${text.film2}: release planned`),
        start: '2022-11-01',
      },
    ]);
    const properties = new Map(whole.getAllProperties().map((p) => [p.name, p.getFirstValue()]));
    expect([...properties.keys()]).toEqual(['version', 'prodid', 'name', 'x-wr-calname', 'x-wr-caldesc']);
    expect(properties.get('name')).toBe(asICalendar(`${text.franchise}: releases`));
    expect(properties.get('x-wr-calname')).toBe(asICalendar(`${text.franchise}: releases`));
    expect(properties.get('x-wr-caldesc')).toBe(
      asICalendar(`Release dates of the films of ${text.franchise}, as believed under the majority policy`),
    );
    // For any other reader: lines end with CR LF, hold no other CR or LF, and are folded at 75 octets.
    expect(ics.split('\r\n').filter((line) => /[\r\n]/.test(line) || Buffer.byteLength(line) > 75)).toEqual([]);
  });

  it('iCalendar: a franchise title written as an event adds none', async () => {
    const forging =
      'Saga\r\nBEGIN:VEVENT\r\nUID:forged@evil\r\nDTSTART;VALUE=DATE:20300101\r\nURL:https://evil.example/\r\nEND:VEVENT\r\nX-EVIL:';
    expect((await http.post('/franchises', { id: 'forging-saga', title: forging })).status).toBe(201);
    const response = await fetch(`${running.url}/franchises/forging-saga/calendar.ics`);

    const calendar = new ICAL.Component(ICAL.parse(await response.text()));

    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
    expect(calendar.getFirstPropertyValue('name')).toBe(asICalendar(`${forging}: releases`));
  });

  it('Atom: one entry per claim, titles HTML-escaped as their type="html" says, the feed’s text back as text', async () => {
    const xml = await get('changes.atom');

    const feed = await new Parser<{ subtitle: string }>({ customFields: { feed: ['subtitle'] } }).parseString(xml);

    expect(feed.title).toBe(asXml(`${text.franchise}: claims as recorded`));
    expect(feed.subtitle).toBe(
      asXml(`Each claim about ${text.franchise} as this service records it, with the source that made it`),
    );
    expect(feed.items.map((item) => item.id).sort()).toEqual(
      Object.values(ids)
        .map((id) => `urn:uuid:${id}`)
        .sort(),
    );
    for (const item of feed.items) {
      const [summary, sourceId] = worded().get(item.id.replace('urn:uuid:', ''))!;
      expect(htmlText(item.title!)).toBe(asXml(`${summary} (${sourceId})`));
      expect(htmlText(item.summary!)).toMatch(
        new RegExp(`^${sourceId} says it happened .*\\. Recorded by e2e-writer\\.$`),
      );
    }
    // For any other reader: no markup of the user's, no CDATA section ended early, no character XML cannot hold.
    expect(xml).not.toMatch(/<(img|b)\b/);
    expect(xml.match(/]]>/g)).toHaveLength(xml.match(/<!\[CDATA\[/g)!.length);
    expect(xml).not.toMatch(/[\0-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]/);
  });

  it('PROV JSON-LD: exactly the nodes and IRIs of the claims, sources and recordings, every label a literal', async () => {
    const base = running.url;
    const document = JSON.parse(await get('provenance.jsonld'));
    const expanded = (await jsonld.expand(document)) as any[];

    // Every IRI the graph names, anywhere: none comes from the text.
    const iris = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === '@id') iris.add(inner as string);
          else if (key === '@type') [inner].flat().forEach((t) => iris.add(t as string));
          else if (key !== '@value') {
            if (!key.startsWith('@')) iris.add(key);
            walk(inner);
          }
        }
      }
    };
    walk(expanded);
    const claims = Object.values(ids).flatMap((id) => [`urn:uuid:${id}`, `urn:uuid:${id}#recording`]);
    const nodes = [`${base}/sources/source-a`, `${base}/sources/source-b`, `${base}/principals/e2e-writer`, ...claims];
    const document_ = `${base}/franchises/${FRANCHISE}/provenance.jsonld`;
    const vocabularies = ['http://www.w3.org/', 'https://schema.org/', `${base}/vocab#`];
    expect([...iris].filter((iri) => !vocabularies.some((v) => iri.startsWith(v))).sort()).toEqual(
      [document_, ...nodes, 'https://example.org/a?b=1&c=2'].sort(),
    );
    expect(expanded).toHaveLength(1);
    const graph: any[] = expanded[0]['@graph'];
    expect(graph.map((node) => node['@id']).sort()).toEqual(nodes.sort());

    const LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
    const label = (node: any) => node[LABEL];
    expect(label(expanded[0])).toEqual([{ '@value': `${text.franchise}: the provenance of its claims` }]);
    const byId = new Map(graph.map((node) => [node['@id'], node]));
    expect(label(byId.get(`${base}/sources/source-a`))).toEqual([{ '@value': text.sourceA }]);
    expect(label(byId.get(`${base}/sources/source-b`))).toEqual([{ '@value': text.sourceB }]);
    for (const [id, [summary]] of worded()) {
      expect(label(byId.get(`urn:uuid:${id}`))).toEqual([{ '@value': summary }]);
    }
  });

  it('QuickStatements: one line per source of each release believed, the source names as single-line strings', async () => {
    const qs = await get('quickstatements?items=film-1:Q1,film-2:Q2&sources=source-a:Q10');

    // QuickStatements 3 finds where a string ends reading `\"` as an escaped quote: none may end one.
    expect(qs).not.toMatch(/\\"/);
    const lines = qs.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => line.split('\t').slice(0, 3))).toEqual([
      ['Q1', 'P577', '+2020-06-19T00:00:00Z/11'],
      ['Q1', 'P577', '+2020-06-19T00:00:00Z/11'],
    ]);
    const { edits, creations, merges } = quickStatementsToEdits(qs) as ReturnType<typeof quickStatementsToEdits> & {
      creations: unknown[];
      merges: unknown[];
    };
    expect([creations, merges]).toEqual([[], []]);
    expect(edits.map((edit) => [edit.id, Object.keys(edit.claims)])).toEqual([['Q1', ['P577']]]);
    const references = edits.flatMap((edit) => edit.claims.P577.map((statement) => statement.references));
    const retrieved = [{ time: '+2026-11-23T00:00:00Z', precision: 11 }];
    expect(references).toEqual([
      {
        P248: ['Q10'],
        P854: ['https://example.org/a?b=1&c=2'],
        P1476: [{ language: 'und', text: asQuickStatements(text.sourceA) }],
        P813: retrieved,
      },
      { P1476: [{ language: 'und', text: asQuickStatements(text.sourceB) }], P813: retrieved },
    ]);
    // Only that is normalised: the rest is the name as registered.
    expect(asQuickStatements(text.sourceA)).toBe(
      'source A   END:VEVENT  BEGIN:VEVENT  UID:forged@evil  DTSTART;VALUE=DATE:20300101  URL:https://evil.example/  ' +
        "END:VEVENT  END:VCALENDAR  CR LF CRLF  TAB 'double' 'single' <img src=x onerror=alert(1)> & &amp; &lt; &#60; " +
        "]]> ]]><b>bold</b> {'@id': 'urn:uuid:evil', '@context': {'@vocab': 'urn:evil#'}} \\ \\n \\, \\; ; , | || /* */ " +
        'controls          astral 😀𝄞  source A',
    );
  });
});
