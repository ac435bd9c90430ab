/**
 * Catch-up subscriptions (subscribeToStream, subscribeToAll), following the server's subscription
 * enumerators (EventStoreDB 23.10+):
 *
 * 1. `confirmation` with a subscription id;
 * 2. catch-up: the events AFTER the start (start is exclusive: a stream revision or an $all
 *    position is "the last one already seen"; `start` means from the beginning, `end` means only
 *    new events);
 * 3. `caught_up` once the subscription reaches the end of what is stored;
 * 4. live events as they are committed. The emulator never falls behind, so it never sends
 *    `fell_behind` (the server does not send it to clients either) nor a second `caught_up`.
 *
 * Filtered $all subscriptions scan $all in pages (up to `window` events scanned, or 32 matches) and
 * send a `checkpoint`:
 * - while catching up, when the events scanned since the last checkpoint reach
 *   `checkpointIntervalMultiplier × window` (window = maxSearchWindow, default 32);
 * - when catch-up reaches the end (just before `caught_up`), if anything was scanned;
 * - while live, every `checkpointIntervalMultiplier × window` events committed to $all.
 * A checkpoint carries the position of the last event scanned: a safe point to resume from (the
 * server may report an earlier one, never a later one). Unfiltered subscriptions get no checkpoints.
 *
 * Stream subscriptions: a missing or soft-deleted stream is simply empty (waits for events); a
 * tombstoned stream fails with `stream-deleted` during catch-up, or after delivering the
 * `$streamDeleted` event when the tombstone arrives live.
 *
 * `liveDelayMs` (test-only fault injection, 0 = off) holds each live event until that long after
 * its commit, as a loaded server or network would: subscribers then lag behind appends.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { send } from './calls';
import { streamDeletedError } from './errors';
import { DEFAULT_SEARCH_WINDOW } from './filter';
import type { EventLog, RecordedEvent } from './log';
import type { ReadPlan } from './read-options';
import { streamView } from './read';
import { caughtUpResponse, checkpointResponse, confirmationResponse, eventResponse } from './wire';

type Call = ServerWritableStream<ReadReq, ReadResp>;

// Most matching events the server sends per catch-up page (ReadBatchSize).
const PAGE_MATCHES = 32;

export async function subscribe(
  call: Call,
  options: ReadReq.Options,
  plan: ReadPlan,
  log: EventLog,
  signal: AbortSignal,
  liveDelayMs = 0,
): Promise<void> {
  await send(call, confirmationResponse(randomUUID()), signal);
  const deliver = async (e: RecordedEvent, live: boolean): Promise<void> => {
    if (live && liveDelayMs > 0) await untilDue(e, liveDelayMs, signal);
    await send(call, eventResponse(e, options), signal);
  };
  if (plan.source === 'all') await subscribeToAll(call, plan, log, signal, deliver);
  else await subscribeToStream(call, plan.streamId, plan.from, log, signal, deliver);
}

type Deliver = (e: RecordedEvent, live: boolean) => Promise<void>;

/** Waits until `delayMs` after the event's commit (`created` is in 100 ns ticks). */
async function untilDue(e: RecordedEvent, delayMs: number, signal: AbortSignal): Promise<void> {
  const wait = Number(e.created / 10_000n) + delayMs - Date.now();
  if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
}

async function subscribeToAll(
  call: Call,
  plan: Extract<ReadPlan, { source: 'all' }>,
  log: EventLog,
  signal: AbortSignal,
  deliver: Deliver,
): Promise<void> {
  const { filter } = plan;
  const window = filter?.window ?? DEFAULT_SEARCH_WINDOW;
  let next = plan.from === 'start' ? 0 : plan.from === 'end' ? log.records.length : log.indexFrom(plan.from, true);
  let live = false;
  let scannedSinceCheckpoint = 0;
  let lastScanned: RecordedEvent | undefined;

  const checkpoint = async (): Promise<void> => {
    scannedSinceCheckpoint = 0;
    if (lastScanned) await send(call, checkpointResponse(lastScanned.position), signal);
  };

  // Starting at the end: live straight away, without a checkpoint (as the server does).
  if (next >= log.records.length) {
    live = true;
    await send(call, caughtUpResponse(), signal);
  }

  while (!signal.aborted) {
    if (next >= log.records.length) {
      await log.waitForCommit(signal);
      continue;
    }
    let scanned = 0;
    let matched = 0;
    while (next < log.records.length && scanned < window && matched < PAGE_MATCHES && !signal.aborted) {
      const e = log.records[next++];
      scanned++;
      lastScanned = e;
      if (!filter || filter.matches(e)) {
        matched++;
        await deliver(e, live);
      }
      if (live && filter && ++scannedSinceCheckpoint >= filter.checkpointInterval) await checkpoint();
    }
    if (live) continue;
    if (filter) scannedSinceCheckpoint += scanned;
    if (next >= log.records.length) {
      if (filter) await checkpoint();
      live = true;
      await send(call, caughtUpResponse(), signal);
    } else if (filter && scannedSinceCheckpoint >= filter.checkpointInterval) {
      await checkpoint();
    }
  }
}

async function subscribeToStream(
  call: Call,
  streamId: string,
  from: 'start' | 'end' | bigint,
  log: EventLog,
  signal: AbortSignal,
  deliver: Deliver,
): Promise<void> {
  // The last revision already seen; the subscription sends what comes after it.
  let seen = from === 'start' ? -1n : from === 'end' ? log.lastRevision(streamId) : from;
  let live = false;

  while (!signal.aborted) {
    const view = streamView(log, streamId);
    if (view.state === 'deleted') {
      const tombstone = log.tombstoneOf(streamId);
      // Live, the events committed before the tombstone and the tombstone itself arrive before the failure.
      if (live && tombstone) {
        const rest = log.streamEvents(streamId).filter((e) => e.revision > seen);
        for (const e of [...rest, tombstone]) await deliver(e, live);
      }
      if (!signal.aborted) call.emit('error', streamDeletedError(streamId));
      return;
    }
    let sent = 0;
    if (view.state === 'found') {
      for (let r = seen + 1n > view.minRevision ? seen + 1n : view.minRevision; r <= view.last; r++) {
        if (signal.aborted || sent >= PAGE_MATCHES) break;
        const e = view.events[Number(r)];
        seen = r;
        if (view.isVisible(e)) {
          sent++;
          await deliver(e, live);
        }
      }
    }
    if (sent > 0) continue; // more may be stored: read the next page before going live
    if (!live) {
      live = true;
      await send(call, caughtUpResponse(), signal);
      continue;
    }
    await log.waitForCommit(signal);
  }
}
