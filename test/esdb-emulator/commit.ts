/**
 * Write decisions, following EventStoreDB's commit check (IndexWriter.CheckCommit) and storage
 * writer:
 *
 * - Expected revision `any` / `stream_exists`: if the FIRST event id was already committed to this
 *   stream, every id must have been → idempotent success answering the revision and position of the
 *   last of those events; only some → wrong expected version. (The server's id cache is bounded, so
 *   this is "not guaranteed" there; the emulator never evicts.)
 * - Expected `no_stream` (-1) or a revision lower than the current one: the events at
 *   expected+1, expected+2, ... must carry the given ids → idempotent success; first differs → wrong
 *   expected version (or, for `no_stream` on a soft-deleted stream, a normal write that recreates
 *   it); a later one differs → wrong expected version.
 * - Expected revision higher than the current one → wrong expected version; equal → write.
 * - `stream_exists` fails on a missing stream unless its metastream exists; on a soft-deleted stream
 *   it answers "stream deleted". A tombstoned stream answers "stream deleted" to everything.
 * - Writing to a soft-deleted stream recreates it: revisions continue after the last one, and the
 *   metastream gets `$tb` = first new revision (so earlier events stay hidden from stream reads).
 */
import { randomUUID } from 'node:crypto';
import { EventLog, NO_REVISION, ProposedEvent, RecordedEvent } from './log';
import {
  METADATA_EVENT_TYPE,
  isSoftDeleted,
  metastreamOf,
  softDeleteMetadata,
  undeleteMetadata,
} from './stream-metadata';

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** The int64 the server uses for an expected revision (ExpectedVersion.Any = -2, NoStream = -1, StreamExists = -4). */
export const expectedVersionNumber = (expected: ExpectedRevision): bigint =>
  expected === 'any' ? -2n : expected === 'no_stream' ? -1n : expected === 'stream_exists' ? -4n : expected;

export type WriteOutcome =
  | { readonly kind: 'written' | 'idempotent'; readonly currentRevision: bigint; readonly position?: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: bigint }
  | { readonly kind: 'stream-deleted' };

export type DeleteOutcome =
  | { readonly kind: 'deleted'; readonly position: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: bigint }
  | { readonly kind: 'stream-deleted' };

type CommitCheck =
  | { readonly decision: 'ok'; readonly current: bigint; readonly softDeleted: boolean }
  | { readonly decision: 'idempotent'; readonly last: RecordedEvent }
  | { readonly decision: 'wrong-expected-version'; readonly current: bigint }
  | { readonly decision: 'deleted' };

function checkCommit(log: EventLog, streamId: string, expected: ExpectedRevision, ids: readonly string[]): CommitCheck {
  if (log.isTombstoned(streamId)) return { decision: 'deleted' };
  const current = log.lastRevision(streamId);
  const softDeleted = isSoftDeleted(log.metadataOf(streamId));
  const wrong = { decision: 'wrong-expected-version', current } as const;

  if (expected === 'stream_exists') {
    if (softDeleted) return { decision: 'deleted' };
    if (current < 0n && log.lastRevision(metastreamOf(streamId)) < 0n) return wrong;
  }

  if (expected === 'any' || expected === 'stream_exists') {
    let last: RecordedEvent | undefined;
    for (const [i, id] of ids.entries()) {
      const committed = log.committedEvent(id);
      if (!committed || committed.streamId !== streamId) {
        return i === 0 ? { decision: 'ok', current, softDeleted } : wrong;
      }
      last = log.eventAt(streamId, committed.revision);
    }
    return last ? { decision: 'idempotent', last } : { decision: 'ok', current, softDeleted };
  }

  const expectedNumber = expectedVersionNumber(expected);
  if (expectedNumber < current) {
    let last: RecordedEvent | undefined;
    for (const [i, id] of ids.entries()) {
      const stored = log.eventAt(streamId, expectedNumber + 1n + BigInt(i));
      if (stored?.id === id) {
        last = stored;
        continue;
      }
      if (i > 0) return wrong;
      return expected === 'no_stream' && softDeleted ? { decision: 'ok', current, softDeleted } : wrong;
    }
    return last ? { decision: 'idempotent', last } : wrong;
  }
  if (expectedNumber > current) return wrong;
  return { decision: 'ok', current, softDeleted };
}

export function appendEvents(
  log: EventLog,
  streamId: string,
  expected: ExpectedRevision,
  events: readonly ProposedEvent[],
): WriteOutcome {
  const check = checkCommit(
    log,
    streamId,
    expected,
    events.map((e) => e.id),
  );
  switch (check.decision) {
    case 'deleted':
      return { kind: 'stream-deleted' };
    case 'wrong-expected-version':
      return { kind: 'wrong-expected-version', currentRevision: check.current };
    case 'idempotent':
      return { kind: 'idempotent', currentRevision: check.last.revision, position: check.last.position };
    case 'ok': {
      // An empty append only checks the expected revision and writes nothing (no position).
      if (events.length === 0) return { kind: 'written', currentRevision: check.current };
      const written = log.write(streamId, events);
      if (check.softDeleted) {
        const metastream = metastreamOf(streamId);
        const previous = log.eventAt(metastream, log.lastRevision(metastream));
        log.write(metastream, [metadataEvent(undeleteMetadata(previous, check.current + 1n))]);
      }
      const last = written[written.length - 1];
      return { kind: 'written', currentRevision: last.revision, position: last.position };
    }
  }
}

/** Soft delete: a `$metadata` event with `$tb` = long.MaxValue in `$$stream`; the stream may be written again later. */
export function softDeleteStream(log: EventLog, streamId: string, expected: ExpectedRevision): DeleteOutcome {
  const check = checkCommit(log, streamId, expected, [randomUUID()]);
  if (check.decision === 'deleted') return { kind: 'stream-deleted' };
  if (check.decision !== 'ok') return { kind: 'wrong-expected-version', currentRevision: log.lastRevision(streamId) };
  // Nothing to delete: the server answers wrong expected version, even for `any`.
  if (log.lastRevision(streamId) < 0n && log.lastRevision(metastreamOf(streamId)) < 0n) {
    return { kind: 'wrong-expected-version', currentRevision: NO_REVISION };
  }
  const [written] = log.write(metastreamOf(streamId), [metadataEvent(softDeleteMetadata())]);
  return { kind: 'deleted', position: written.position };
}

/** Hard delete: a `$streamDeleted` tombstone; reads and writes fail with "stream deleted" forever. */
export function tombstoneStream(log: EventLog, streamId: string, expected: ExpectedRevision): DeleteOutcome {
  const id = randomUUID();
  const check = checkCommit(log, streamId, expected, [id]);
  if (check.decision === 'deleted') return { kind: 'stream-deleted' };
  if (check.decision !== 'ok') return { kind: 'wrong-expected-version', currentRevision: log.lastRevision(streamId) };
  return { kind: 'deleted', position: log.writeTombstone(streamId, id).position };
}

const metadataEvent = (data: Uint8Array): ProposedEvent => ({
  id: randomUUID(),
  type: METADATA_EVENT_TYPE,
  isJson: true,
  data,
  metadata: new Uint8Array(0),
});
