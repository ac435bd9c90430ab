/** Who asks, and on what terms: the same for every command. */
export interface CommandContext {
  /** The principal recorded as `recordedBy`. */
  recordedBy: string;
  /** From `If-Match`: append only if the stream is still at this revision. */
  expectedRevision?: number;
  /** Ties together the events one request or one import run produced. */
  correlationId?: string;
}
