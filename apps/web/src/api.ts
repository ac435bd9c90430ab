import type { DayRange } from './days';

/*
 * The answers of the API this page reads, as far as it reads them. The page is a separate bundle
 * for the browser and imports nothing of the server; the OpenAPI document (/docs) is the contract.
 */

export interface Franchise {
  id: string;
  title: string;
  aliases: string[];
  revision: number;
}

export interface Source {
  id: string;
  name: string;
  /** press, official, social or other. */
  kind: string;
  publishedOn: string;
  publishedBetween: DayRange;
  url?: string;
  reference?: string;
}

export interface FactKey {
  filmId?: string | null;
  field: string;
  window?: string;
}

export type Certainty = 'certain' | 'possible';

export interface TimelineEntry {
  eventId: string;
  type: string;
  occurredOn: string;
  occurredBetween: DayRange;
  certainty: Certainty;
  filmId?: string;
  summary: string;
  sourceId: string;
  fact?: FactKey;
  scheduledFor?: string;
  scheduledBetween?: DayRange;
  recordedAt: string;
}

export interface Film {
  filmId: string;
  title: string;
  status: 'announced' | 'scheduled' | 'released';
  releasedOn: string | null;
  releasedBetween: DayRange | null;
  scheduledOn: string | null;
  scheduledBetween: DayRange | null;
  peakViews: number | null;
  certainty: Certainty;
}

export interface StateFact extends FactKey {
  value: string | number;
  disputed: boolean;
  supportedBy: string[];
}

/** A film's view counts over different windows, and why they are or are not a conflict. */
export interface ViewCountsCompared {
  filmId: string;
  counts: { window: string | null; value: number; supportedBy: string[]; origins: string[] }[];
  consistent: boolean;
  contradiction?: { shorter: string; longer: string };
  unordered?: [string, string];
  why: string;
}

export interface FranchiseState {
  films: Film[];
  sequelAnnounced: boolean;
  trilogyConfirmed: boolean;
  facts: StateFact[];
  viewCounts: ViewCountsCompared[];
}

export type Standing = 'accepted' | 'outvoted' | 'retracted' | 'superseded';

export interface LedgerClaim {
  eventId: string;
  sourceId: string;
  occurredOn: string;
  occurredBetween: DayRange;
  sourcePublishedOn: string;
  sourcePublishedBetween: DayRange;
  certainty: Certainty;
  standing: Standing;
  /** Growing series: the date a reading was taken. */
  at?: string;
  /** The source the claim relies on, as its article names it. */
  basedOn?: string;
}

export interface LedgerValue {
  value: string | number;
  sourceIds: string[];
  /** The independent origins behind the sources: a source that names none is its own. */
  origins: string[];
  claims: LedgerClaim[];
}

export interface LedgerFact extends FactKey {
  resolved: {
    value: string | number;
    policy: string;
    firstClaimedBy?: { sourceId: string; eventId: string; publishedOn: string };
  } | null;
  disputed: boolean;
  values: LedgerValue[];
}

export interface Ledger {
  facts: LedgerFact[];
}

/** An answer the API refused: its problem+json, with the fields it names. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: { field: string; message: string }[],
  ) {
    super(detail);
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  return answerOf<T>(response);
}

export async function postJson<T>(path: string, body: unknown, apiKey: string): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
  return answerOf<T>(response);
}

/** Each source asked for so far: a source's details never change once registered (only its rank, not shown here). */
const sourcesAsked = new Map<string, Promise<Source | undefined>>();

/**
 * The sources named, each asked of the API once (`GET /sources/{id}`): what the page shows of the
 * sources its claims cite, without reading the catalogue, which may hold tens of thousands. One
 * that cannot be read is left out (the page shows its id) and asked again next time.
 */
export async function getSources(ids: Iterable<string>): Promise<Map<string, Source>> {
  const named = [...new Set(ids)];
  for (const id of named.filter((id) => !sourcesAsked.has(id))) {
    const asked = getJson<Source>(`/sources/${encodeURIComponent(id)}`).catch(() => {
      sourcesAsked.delete(id);
      return undefined;
    });
    sourcesAsked.set(id, asked);
  }
  const found = await Promise.all(named.map((id) => sourcesAsked.get(id)!));
  return new Map(found.flatMap((source) => (source ? [[source.id, source]] : [])));
}

/** How many timeline entries the page draws at most: beyond it, the API pages are still there. */
export const ENTRY_LIMIT = 5000;

/** Every page of a franchise's timeline (up to ENTRY_LIMIT), following the API's `next` links. */
export async function getTimeline(franchiseId: string, params: URLSearchParams, signal?: AbortSignal) {
  params.set('limit', '1000');
  const path = `/franchises/${encodeURIComponent(franchiseId)}/timeline?${params}`;
  const read = await getPages(path, (page: { entries: TimelineEntry[] }) => page.entries, signal, ENTRY_LIMIT);
  return { entries: read.items, complete: read.complete };
}

/**
 * Every franchise, by id. The picker searches titles and aliases here (the API has no search), so
 * it needs every franchise: `limit=1000` alone would hide all but the first 1,000 from a user who
 * has thousands, so the pages of 1,000 (about 100 KB each) are followed to the last, once a visit.
 */
export async function getFranchises(signal?: AbortSignal): Promise<Franchise[]> {
  return (await getPages('/franchises?limit=1000', (page: { franchises: Franchise[] }) => page.franchises, signal))
    .items;
}

/**
 * The items of a paged list from the page at `path` on, following each answer's `page.nextLink`
 * until the last page or until `most` items are held; `complete` when the last page was read.
 */
async function getPages<P, T>(
  path: string,
  itemsOf: (page: P) => T[],
  signal?: AbortSignal,
  most = Infinity,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let next: string | null = path;
  while (next && items.length < most) {
    const page: P & { page?: { nextLink: string | null } } = await getJson(next, signal);
    items.push(...itemsOf(page));
    next = page.page?.nextLink ?? null;
  }
  return { items, complete: next === null };
}

async function answerOf<T>(response: Response): Promise<T> {
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = (body ?? {}) as { detail?: string; title?: string; errors?: { field: string; message: string }[] };
    throw new ApiProblem(
      response.status,
      problem.detail ?? problem.title ?? `the service answered ${response.status}`,
      problem.errors ?? [],
    );
  }
  return body as T;
}
