/**
 * Stream metadata as EventStoreDB applies it to stream reads: the JSON of the last event in the
 * metastream `$$<stream>`. Only the properties that change what a read returns are honoured:
 * `$tb` (truncate before; long.MaxValue marks a soft-deleted stream), `$maxCount` and `$maxAge`.
 * ACLs, `$cacheControl` and custom properties are stored but have no effect. $all is never filtered
 * by metadata (only a scavenge would remove those events, and the emulator never scavenges).
 */

/** EventNumber.DeletedStream: `$tb` value of a soft-deleted stream, revision of a tombstone. */
export const DELETED_STREAM = 9_223_372_036_854_775_807n;
export const METADATA_EVENT_TYPE = '$metadata';

export interface StreamMetadata {
  readonly truncateBefore?: bigint;
  readonly maxCount?: bigint;
  readonly maxAgeSeconds?: number;
}

export const isMetastream = (streamId: string): boolean => streamId.startsWith('$$');
export const metastreamOf = (streamId: string): string => `$$${streamId}`;

// JSON numbers past 2^53 lose precision in JSON.parse: anything that large can only mean long.MaxValue.
const toRevision = (value: unknown): bigint | undefined => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return value >= 9.2e18 ? DELETED_STREAM : BigInt(Math.trunc(value));
};

/** Parses a metastream event's data; malformed metadata counts as none, as on the server. */
export function streamMetadataOf(metadataEvent: { readonly data: Uint8Array } | undefined): StreamMetadata {
  if (!metadataEvent) return {};
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(metadataEvent.data).toString('utf8'));
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null) return {};
  const raw = json as Record<string, unknown>;
  const maxAge = raw['$maxAge'];
  return {
    truncateBefore: toRevision(raw['$tb']),
    maxCount: toRevision(raw['$maxCount']),
    maxAgeSeconds: typeof maxAge === 'number' && maxAge > 0 ? maxAge : undefined,
  };
}

export const isSoftDeleted = (metadata: StreamMetadata): boolean => metadata.truncateBefore === DELETED_STREAM;

/** The JSON a soft delete writes: the server replaces the whole metadata with `$tb` only. */
export const softDeleteMetadata = (): Uint8Array => Buffer.from(`{"$tb":${DELETED_STREAM}}`, 'utf8');

/** The JSON a write to a soft-deleted stream stores: previous metadata with `$tb` moved to the new first revision. */
export function undeleteMetadata(
  previous: { readonly data: Uint8Array } | undefined,
  recreatedFrom: bigint,
): Uint8Array {
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = previous ? JSON.parse(Buffer.from(previous.data).toString('utf8')) : {};
    if (typeof parsed === 'object' && parsed !== null) json = parsed as Record<string, unknown>;
  } catch {
    // the server also rewrites unparsable metadata from scratch
  }
  return Buffer.from(JSON.stringify({ ...json, $tb: Number(recreatedFrom) }), 'utf8');
}

/** What a stream read may return given the metadata: revisions >= minRevision created at or after notBefore. */
export function visibility(
  metadata: StreamMetadata,
  lastRevision: bigint,
  nowTicks: bigint,
): { minRevision: bigint; notBeforeTicks?: bigint } {
  let minRevision = 0n;
  if (metadata.maxCount !== undefined) minRevision = bigMax(minRevision, lastRevision - metadata.maxCount + 1n);
  if (metadata.truncateBefore !== undefined) minRevision = bigMax(minRevision, metadata.truncateBefore);
  const notBeforeTicks =
    metadata.maxAgeSeconds !== undefined ? nowTicks - BigInt(Math.round(metadata.maxAgeSeconds * 1e7)) : undefined;
  return { minRevision, notBeforeTicks };
}

const bigMax = (a: bigint, b: bigint): bigint => (a > b ? a : b);
