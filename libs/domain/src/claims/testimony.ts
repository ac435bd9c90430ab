import { EdtfDate } from '../dates/edtf-date';
import { FactClaim, FactValue } from './fact';

/** When a testimony was published and recorded: what orders testimonies in time. */
export type Published = Pick<Testimony, 'publishedOn' | 'publishedBy' | 'sequence'>;

/** One source's claim of a value, with what resolution weighs. */
export interface Testimony {
  claim: FactClaim;
  eventId: string;
  sourceId: string;
  /** When the source was published: a tie goes to the most recent. */
  publishedOn: EdtfDate;
  /**
   * The last day it may have been published, when earlier than `publishedOn`'s (an open end stops
   * at the day the source was registered: `publishedBy` of the sources): what recency orders by.
   */
  publishedBy?: string;
  /** Recording order in the global log: the last tie-break. */
  sequence: number;
  /** The source's reliability rank (higher is more trusted; 0 when unranked), for the `trusted` policy. */
  rank?: number;
  /** What the source relied on, when the claim names it (`basedOn`); otherwise the source is its own origin. */
  origin?: Origin;
}

/**
 * Where a claim came from: a source its source relayed (an official announcement, a post), with
 * what the policies weigh of it. Every policy counts an origin once, however many sources relay
 * it: a relay adds a source, not evidence. Its rank and date are lent only as `weighRelays` says.
 */
export interface Origin {
  sourceId: string;
  publishedOn: EdtfDate;
  publishedBy?: string;
  rank?: number;
}

/** A testimony's origin: what it relied on, or its own source when it names none. */
export function originOf(t: Testimony): Origin {
  return t.origin ?? { sourceId: t.sourceId, publishedOn: t.publishedOn, publishedBy: t.publishedBy, rank: t.rank };
}

/**
 * The testimonies as the policies weigh them. Naming an origin merges relays (counted once, which
 * can only lower a claim's weight), but lends the origin's rank and publication date only to a
 * value the origin is itself recorded as claiming among them: otherwise anyone could borrow an
 * official source's authority by naming it, and such a relay is weighed as its own source.
 */
export function weighRelays(testimonies: Testimony[]): Testimony[] {
  const claimed = new Set(testimonies.map((t) => claimKey(t.sourceId, t)));
  return testimonies.map((t) =>
    !t.origin || claimed.has(claimKey(t.origin.sourceId, t))
      ? t
      : {
          ...t,
          origin: { sourceId: t.origin.sourceId, publishedOn: t.publishedOn, publishedBy: t.publishedBy, rank: t.rank },
        },
  );
}

/** A source's claim of a value: for a reading of a series, of that count at that date. */
function claimKey(sourceId: string, { claim }: Testimony): string {
  return JSON.stringify([sourceId, claim.value, claim.at ?? null]);
}

/** Testimonies in the order their origins were published (then recorded): a relay is as old as what it relays. */
export function compareOrigins(a: Testimony, b: Testimony): number {
  return compareRecency({ ...originOf(a), sequence: a.sequence }, { ...originOf(b), sequence: b.sequence });
}

/**
 * How a disputed fact is settled: by the most independent origins (`majority`), the most recently
 * published claim (`latest`), the first published (`earliest`), or the most reliable source
 * (`trusted`). A claim that relays another source is counted once with that origin; it is
 * published when the origin was and trusted as far as it is only where the origin itself claims
 * the same value (`weighRelays`).
 */
export const RESOLUTION_POLICIES = ['majority', 'latest', 'earliest', 'trusted'] as const;
export type ResolutionPolicy = (typeof RESOLUTION_POLICIES)[number];

export interface ClaimedValue {
  value: FactValue;
  sourceIds: string[];
  /** The independent origins behind those sources: each source that names none is its own. */
  origins: string[];
  eventIds: string[];
  /** For a series: the dates the value was claimed reached by. */
  at?: string[];
}

export interface ResolvedFact {
  value: FactValue;
  /** Every distinct value claimed, most supported first. */
  values: ClaimedValue[];
  /** True when at least two claimed values cannot both be right. */
  disputed: boolean;
  /** Sources whose claims back the resolved value (itself, or a coarser date that contains it). */
  supportedBy: string[];
  /** The independent origins behind `supportedBy`: what the policies counted. */
  origins: string[];
  policy: ResolutionPolicy;
  /** The claims (event ids) that decided it under the policy. */
  decidedBy: string[];
  /** For a series: the readings not believed, because they contradict readings the policy kept. */
  rejected?: string[];
}

/**
 * The order of publication: positive when `a` was published (then recorded) after `b`. An
 * uncertain date sorts by its last possible day, then its first. The first claimant goes by it;
 * the `latest` and `earliest` policies by it applied to origins (`compareOrigins`).
 */
export function compareRecency(a: Published, b: Published): number {
  return (
    compareText(a.publishedBy ?? a.publishedOn.latest, b.publishedBy ?? b.publishedOn.latest) ||
    compareText(a.publishedOn.earliest, b.publishedOn.earliest) ||
    a.sequence - b.sequence
  );
}

/** Orders ISO days (and any strings) as text. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
