import { createHash } from 'node:crypto';
import { isDuration } from '../dates/duration';
import { EdtfDate } from '../dates/edtf-date';
import { Decision, KeyedFold, StreamFacts, keyedFactsOf } from '../decision';
import {
  FranchiseNotFoundError,
  IdentityConflictError,
  RuleViolationError,
  UnknownSourceError,
} from '../errors/domain-errors';
import {
  ClaimInputOf,
  ClaimEvent,
  ClaimRetracted,
  ClaimType,
  claimDefinition,
  FranchiseCreated,
  FranchiseEvent,
  filmIdOf,
  metaFor,
  withdrawnBy,
} from '../events/timeline-events';
import { canonicalJson } from '../ids/canonical-json';
import { SourceFacts } from '../sources/source.aggregate';

/** What the write side keeps of each claim: enough to refuse its id's reuse and check a correction or retraction of it. */
export interface ClaimFacts {
  type: ClaimType;
  sourceId: string;
  recordedBy: string;
  /** A digest of what it claims: the same claim sent again is a retry. */
  fingerprint: string;
}

/**
 * What a franchise stream tells the write side, read by key from its facts: the creation, each
 * film named, each claim by id and each claim withdrawn. A command reads a handful of them, so a
 * decision costs the same on a stream of a hundred events or of millions.
 */
export class FranchiseState {
  constructor(private readonly facts: StreamFacts) {}

  get created(): FranchiseCreated | undefined {
    const id = this.facts.get(CREATED)?.value as string | undefined;
    return id === undefined ? undefined : (this.facts.get(id)!.value as FranchiseCreated);
  }

  hasFilm(filmId: string): boolean {
    return this.facts.get(`film:${filmId}`) !== undefined;
  }

  /** A claim of this franchise by its id (not its creation). */
  claim(eventId: string): ClaimFacts | undefined {
    const value = this.facts.get(eventId)?.value as ClaimFacts | FranchiseCreated | undefined;
    return value === undefined || value.type === 'FranchiseCreated' ? undefined : value;
  }

  isWithdrawn(eventId: string): boolean {
    return this.facts.get(`withdrawn:${eventId}`) !== undefined;
  }
}

const CREATED = 'created';

/**
 * The facts each event establishes: the creation whole (it is small, and a repeated creation is
 * compared with it), each claim's facts under its id, the films named and the claims withdrawn.
 */
function franchiseFacts(event: FranchiseEvent): Array<readonly [string, unknown]> {
  if (event.type === 'FranchiseCreated')
    return [
      [event.eventId, event],
      [CREATED, event.eventId],
    ];
  const claim: ClaimFacts = {
    type: event.type,
    sourceId: event.meta.sourceId!,
    recordedBy: event.meta.recordedBy,
    fingerprint: fingerprint(event),
  };
  const facts: Array<readonly [string, unknown]> = [[event.eventId, claim]];
  const withdrawn = withdrawnBy(event);
  if (withdrawn) facts.push([`withdrawn:${withdrawn}`, event.eventId]);
  const filmId = filmIdOf(event);
  if (filmId) facts.push([`film:${filmId}`, event.eventId]);
  return facts;
}

export const franchiseFold: KeyedFold<FranchiseState, FranchiseEvent> = {
  version: 1,
  facts: franchiseFacts,
  view: (facts) => new FranchiseState(facts),
};

/** The state after a history, folded in memory (for tests). */
export function foldFranchise(events: Iterable<FranchiseEvent>): FranchiseState {
  return new FranchiseState(keyedFactsOf(franchiseFold, events));
}

interface Recording {
  eventId: string;
  recordedAt: string;
  recordedBy: string;
}

export interface CreateFranchise extends Recording {
  franchiseId: string;
  title: string;
  aliases: string[];
}

export interface RecordClaim<T extends ClaimType = ClaimType> extends Recording {
  type: T;
  data: ClaimInputOf<T>;
  sourceId: string;
  /** The cited source as registered, or undefined when it is not. */
  source: SourceFacts | undefined;
  /** The source the claim is `basedOn`, as registered (undefined when it is not, or none is named). */
  origin?: SourceFacts;
  /** Recorded by an administrator, who may correct what another principal recorded. */
  administers?: boolean;
}

export function createFranchise(state: FranchiseState, command: CreateFranchise): Decision<FranchiseCreated> {
  const data = { franchiseId: command.franchiseId, title: command.title, aliases: command.aliases };
  if (state.created) {
    if (canonicalJson(state.created.data) === canonicalJson(data)) {
      return { kind: 'alreadyRecorded', eventId: state.created.eventId };
    }
    throw new IdentityConflictError(`franchise "${command.franchiseId}" already exists with other details`, 'id');
  }
  const event: FranchiseCreated = {
    type: 'FranchiseCreated',
    eventId: command.eventId,
    data,
    meta: metaFor('FranchiseCreated', command.recordedAt, command.recordedBy),
  };
  return { kind: 'append', events: [event] };
}

export function recordClaim<T extends ClaimType>(state: FranchiseState, command: RecordClaim<T>): Decision<ClaimEvent> {
  if (!state.created) throw new FranchiseNotFoundError((command.data as { franchiseId: string }).franchiseId);
  const event = {
    type: command.type,
    eventId: command.eventId,
    data: command.data,
    meta: metaFor(command.type, command.recordedAt, command.recordedBy, command.sourceId),
  } as ClaimEvent;

  // A retraction is dated by its source unless the command says otherwise.
  if (event.type === 'ClaimRetracted' && command.source) event.data.retractedOn ??= command.source.publishedOn.value;

  const known =
    command.eventId === state.created.eventId ? fingerprint(state.created) : state.claim(command.eventId)?.fingerprint;
  if (known !== undefined) {
    if (known === fingerprint(event)) return { kind: 'alreadyRecorded', eventId: command.eventId };
    throw new IdentityConflictError(`event id ${command.eventId} was already used for another claim`, 'eventId');
  }
  if (!command.source) throw new UnknownSourceError(command.sourceId);

  if (event.type === 'ClaimRetracted') checkRetraction(state, event, command.source, command.recordedAt);
  else checkDates(event, command.source);
  checkOrigin(event, command.source, command.origin);
  checkSupersession(state, event, command.administers === true);
  checkCounts(event);
  checkDurations(event);
  const filmId = filmIdOf(event);
  if (filmId && !state.hasFilm(filmId) && !mayIntroduceFilm(event)) {
    const orTitle = claimDefinition(event.type).introducesFilm === 'whenTitled' ? ', or name its title' : '';
    throw new RuleViolationError(
      `film "${filmId}" is not known in this franchise: record its release, scheduled release, greenlight or announcement first${orTitle}`,
      'filmId',
    );
  }
  return { kind: 'append', events: [event] };
}

function mayIntroduceFilm(event: ClaimEvent): boolean {
  const rule = claimDefinition(event.type).introducesFilm;
  return rule === 'always' || (rule === 'whenTitled' && Boolean((event.data as { title?: string }).title));
}

function checkDates(event: ClaimEvent, source: SourceFacts): void {
  const dateField = claimDefinition(event.type).dateField as string;
  const data = event.data as unknown as Record<string, unknown>;
  const happened = EdtfDate.parse(String(data[dateField]), dateField);
  // A source can only report what may already have happened when it was published.
  if (happened.earliest > source.publishedBy) {
    const hint = event.type === 'FilmReleased' ? ' (a release still to come is a scheduled release)' : '';
    throw new RuleViolationError(
      `${dateField} ${happened.value} is after the source was published (${source.publishedOn.value})${hint}`,
      dateField,
    );
  }
  if (event.type === 'ReleaseScheduled') {
    const scheduledFor = EdtfDate.parse(event.data.scheduledFor, 'scheduledFor');
    if (scheduledFor.latest < happened.earliest) {
      throw new RuleViolationError('scheduledFor cannot be before the schedule was announced', 'scheduledFor');
    }
  }
}

/**
 * An origin is another registered source, published no later than the source relaying it: an
 * article relies only on what was out when it was written.
 */
function checkOrigin(event: ClaimEvent, source: SourceFacts, origin: SourceFacts | undefined): void {
  const basedOn = event.data.basedOn;
  if (basedOn === undefined) return;
  if (basedOn === source.sourceId) {
    throw new RuleViolationError('a claim cannot be based on its own source: leave basedOn out', 'basedOn');
  }
  if (!origin) throw new RuleViolationError(`source "${basedOn}" is not registered: register it first`, 'basedOn');
  if (origin.publishedOn.earliest > source.publishedBy) {
    throw new RuleViolationError(
      `source "${basedOn}" was published (${origin.publishedOn.value}) after the source relying on it (${source.publishedOn.value})`,
      'basedOn',
    );
  }
}

/**
 * A correction replaces a standing claim of the same kind in this franchise, once, made by the
 * same source and recorded by the same principal (or corrected by an administrator): withdrawing
 * another's claim would be a retraction in all but name, and any key may cite any source. A
 * source that disagrees records a claim of its own.
 */
function checkSupersession(state: FranchiseState, event: ClaimEvent, administers: boolean): void {
  const supersedes = (event.data as { supersedes?: string }).supersedes;
  if (supersedes === undefined) return;
  const target = state.claim(supersedes);
  if (!target || target.type !== event.type) {
    throw new RuleViolationError(`no ${event.type} claim ${supersedes} in this franchise to correct`, 'supersedes');
  }
  if (target.sourceId !== event.meta.sourceId) {
    throw new RuleViolationError(
      `claim ${supersedes} was made by source "${target.sourceId}": a source corrects only its own claims ` +
        '(to disagree, record a claim of your own)',
      'supersedes',
    );
  }
  if (!administers && target.recordedBy !== event.meta.recordedBy) {
    throw new RuleViolationError(
      `claim ${supersedes} was recorded by "${target.recordedBy}": only its recorder, or an admin key, corrects it`,
      'supersedes',
    );
  }
  if (state.isWithdrawn(supersedes)) {
    throw new RuleViolationError(`claim ${supersedes} is already retracted or superseded`, 'supersedes');
  }
}

/**
 * Only a standing claim of this franchise can be retracted, once, by the source that made it (an
 * article withdrawing what it said), on a day between its publication and today. Another source
 * that disagrees says so with a claim of its own, or a correction that supersedes: one source
 * cannot silence another.
 */
function checkRetraction(state: FranchiseState, event: ClaimRetracted, source: SourceFacts, recordedAt: string): void {
  const targetId = event.data.retractedEventId;
  const target = state.claim(targetId);
  if (!target || target.type === 'ClaimRetracted') {
    throw new RuleViolationError(`no claim ${targetId} in this franchise to retract`, 'eventId');
  }
  if (state.isWithdrawn(targetId)) {
    throw new RuleViolationError(`claim ${targetId} is already retracted or superseded`, 'eventId');
  }
  if (target.sourceId !== source.sourceId) {
    throw new RuleViolationError(
      `claim ${targetId} was made by source "${target.sourceId}": a source retracts only its own claims ` +
        '(to disagree, record a claim of your own, or a correction that supersedes it)',
      'sourceId',
    );
  }
  const retractedOn = EdtfDate.parse(event.data.retractedOn, 'retractedOn');
  // An open or unknown end would leave the withdrawal undated: counted at no date, or at every one.
  if (!retractedOn.bounded) {
    throw new RuleViolationError(
      `retractedOn ${retractedOn.value} has an open or unknown end: give the day, month or year it was retracted`,
      'retractedOn',
    );
  }
  if (retractedOn.latest < source.publishedOn.earliest) {
    throw new RuleViolationError(
      `retractedOn ${retractedOn.value} is before the claim was published (${source.publishedOn.value})`,
      'retractedOn',
    );
  }
  if (retractedOn.earliest > recordedAt.slice(0, 10)) {
    throw new RuleViolationError(`retractedOn ${retractedOn.value} is after today`, 'retractedOn');
  }
}

const COUNT_FIELDS = ['views', 'rank', 'territoryCount', 'weeks'];

function checkCounts(event: ClaimEvent): void {
  const data = event.data as unknown as Record<string, unknown>;
  for (const field of COUNT_FIELDS) {
    const value = data[field];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) > 0)) {
      throw new RuleViolationError(`${field} must be a positive integer`, field);
    }
  }
}

const DURATION_FIELDS = ['window', 'shootingDuration'];

/** Counting windows and shoots last a whole, positive number of days, weeks, months or years. */
function checkDurations(event: ClaimEvent): void {
  const data = event.data as unknown as Record<string, unknown>;
  for (const field of DURATION_FIELDS) {
    const value = data[field];
    if (value !== undefined && !isDuration(value)) {
      throw new RuleViolationError(`${field} must be a positive ISO 8601 duration such as P28D or P6W`, field);
    }
  }
}

/** A digest rather than the claim itself: the write side keeps one for every claim of a stream. */
function fingerprint(event: FranchiseEvent): string {
  const claimed = canonicalJson({ type: event.type, data: event.data, sourceId: event.meta.sourceId });
  return createHash('sha256').update(claimed).digest('base64url');
}
