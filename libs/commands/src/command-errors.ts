/** The client's `If-Match` revision is no longer the stream's: it must re-read (HTTP 412). */
export class StaleRevisionError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number | null,
  ) {
    super(`the franchise is at revision ${actual ?? 'none'}, not ${expected}: read it again before writing`);
    this.name = 'StaleRevisionError';
  }
}

/** Other writers kept moving the stream on while this command retried (HTTP 409). */
export class ConcurrentWriteError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} kept changing under concurrent writes; try again`);
    this.name = 'ConcurrentWriteError';
  }
}
