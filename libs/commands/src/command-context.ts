/** Who asks, and on what terms: the same for every command. */
export interface CommandContext {
  /** The principal recorded as `recordedBy`. */
  recordedBy: string;
  /** An administrator (an admin key, the CLI, the seed): may correct a claim another principal recorded. */
  administers?: boolean;
  /** From `If-Match`: append only if the stream is still at this revision. */
  expectedRevision?: number;
  /** Ties together the events of one conversation: a request, or a whole import run. */
  correlationId?: string;
  /** The message that caused these events: the request, or the import line. */
  causationId?: string;
}
