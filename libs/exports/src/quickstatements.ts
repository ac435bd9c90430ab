import type { ClaimsLedgerAnswer, SourceAnswer } from '@app/queries';

/** A Wikidata item id (`Q96384955`). */
const ITEM = /^Q[1-9]\d*$/;
/** Wikidata's time precisions. */
const YEAR = 9;
const MONTH = 10;
const DAY = 11;
/** `P1480` (sourcing circumstances) values: circa, presumably. */
const CIRCA = 'Q5727902';
const PRESUMABLY = 'Q18122778';

/** The items the user names: a Wikidata item per film (and, optionally, per source for "stated in"). */
export interface WikidataItems {
  films: Map<string, string>;
  sources: Map<string, string>;
}

/**
 * Each film's release date believed (the ledger of `releasedOn`), as Wikidata QuickStatements (V1,
 * tab-separated) for wiki editors: `P577` (publication date) at the precision the date has, once
 * per source that claimed that very value (a coarser date backing it is not its reference), each
 * line with that source's reference (`S248` stated in, when its item is given; `S854`
 * reference URL, when registered; `S1476` title; `S813` retrieved: the day this service recorded
 * it). QuickStatements cannot set a rank, so outvoted and retracted claims are left out. Films
 * are only those the user maps to an item: nothing is guessed. Written by hand: the format is a
 * line of tab-separated tokens, and the tests read it back with a QuickStatements parser.
 */
export function releaseQuickStatements(
  ledger: ClaimsLedgerAnswer,
  sources: SourceAnswer[],
  items: WikidataItems,
): string {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const lines: string[] = [];
  for (const fact of ledger.facts) {
    const item = fact.filmId ? items.films.get(fact.filmId) : undefined;
    const believed = fact.resolved?.value;
    const time = believed === undefined ? undefined : wikidataTime(String(believed));
    if (fact.field !== 'releasedOn' || !item || !time) continue;
    const claims = fact.values.find((v) => v.value === believed)?.claims ?? [];
    const citing = new Set(claims.filter((c) => c.standing === 'accepted').map((c) => c.sourceId));
    for (const sourceId of citing) {
      const source = byId.get(sourceId);
      if (source) lines.push([item, 'P577', ...time, ...reference(source, items.sources.get(sourceId))].join('\t'));
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** Reads `film-id:Q123,other:Q456` (the query parameter and the CLI option), or says what is wrong. */
export function parseItemMapping(text: string | undefined): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const pair of (text ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [id, item, extra] = pair.trim().split(':');
    if (!id || !item || extra !== undefined || !ITEM.test(item)) {
      throw new Error(`"${pair}" is not <id>:<Wikidata item>, e.g. balle-perdue-1:Q96384955`);
    }
    mapping.set(id, item);
  }
  return mapping;
}

/**
 * An EDTF date as a Wikidata time and its qualifiers: a day, month or year at its precision,
 * approximate (`~`) as circa, uncertain (`?`) as presumably. An interval or unspecified digits are
 * not one Wikidata time: undefined, and the fact is left out.
 */
export function wikidataTime(edtf: string): string[] | undefined {
  // Months 01 to 12 only: a season (`2022-24`) is no Wikidata month.
  const match = edtf.match(/^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d{2}))?)?([~?%])?$/);
  if (!match) return undefined;
  const [, year, month, day, qualifier] = match;
  const precision = day ? DAY : month ? MONTH : YEAR;
  const time = `+${year}-${month ?? '00'}-${day ?? '00'}T00:00:00Z/${precision}`;
  const circumstances =
    qualifier === '~' ? [CIRCA] : qualifier === '?' ? [PRESUMABLY] : qualifier === '%' ? [CIRCA, PRESUMABLY] : [];
  return [time, ...circumstances.flatMap((value) => ['P1480', value])];
}

function reference(source: SourceAnswer, statedIn: string | undefined): string[] {
  return [
    ...(statedIn ? ['S248', statedIn] : []),
    ...(source.url ? ['S854', quoted(source.url)] : []),
    'S1476',
    // The name registered for the source, in a language nobody declared (the article's may differ): und.
    `und:${quoted(source.name)}`,
    'S813',
    `+${source.recordedAt.slice(0, 10)}T00:00:00Z/${DAY}`,
  ];
}

/**
 * A QuickStatements string, in double quotes: it has no escape, so a `"` becomes `'` and a control character
 * or line separator (a tab or line break would end the value or the command) a space; trimmed, as
 * QuickStatements trims it, of a trailing backslash too, which QuickStatements 3 reads as escaping the closing quote.
 */
function quoted(text: string): string {
  return `"${text
    .replace(/"/g, "'")
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/^\s+|[\s\\]+$/gu, '')}"`;
}
