/**
 * Server-side filters for $all reads and subscriptions, as the server builds them from
 * `FilterOptions`: on the stream name or the event type, by regular expression when one is given,
 * otherwise by prefixes (an event passes if the name starts with any prefix; no prefix → nothing
 * passes). The server uses .NET regular expressions (unanchored `IsMatch`); the emulator uses
 * JavaScript's, which agree on the usual syntax (`^[^$].*`, alternations, classes).
 */
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { RecordedEvent } from './log';

/** ReadBatchSize: the server's default search window and page size. */
export const DEFAULT_SEARCH_WINDOW = 32;

export interface EventFilter {
  readonly matches: (e: RecordedEvent) => boolean;
  /** Events scanned per page (`maxSearchWindow`, or 32). */
  readonly window: number;
  /** A filtered subscription reports a checkpoint every `checkpointIntervalMultiplier × window` events scanned. */
  readonly checkpointInterval: number;
}

/** Builds the filter, or answers a message saying why the options are invalid. */
export function eventFilter(options: ReadReq.Options.FilterOptions): EventFilter | string {
  const FilterCase = ReadReq.Options.FilterOptions.FilterCase;
  const byStream = options.getFilterCase() === FilterCase.STREAM_IDENTIFIER;
  const expression = byStream ? options.getStreamIdentifier() : options.getEventType();
  if (!expression) return 'The filter needs a stream identifier or an event type expression.';
  const subject = (e: RecordedEvent): string => (byStream ? e.streamId : e.type);

  let test: (value: string) => boolean;
  const source = expression.getRegex();
  if (source) {
    let regex: RegExp;
    try {
      regex = new RegExp(source);
    } catch {
      return `Invalid filter regular expression: ${source}`;
    }
    test = (value) => regex.test(value);
  } else {
    const prefixes = expression.getPrefixList();
    test = (value) => prefixes.some((prefix) => value.startsWith(prefix));
  }

  const window =
    options.getWindowCase() === ReadReq.Options.FilterOptions.WindowCase.MAX ? options.getMax() : DEFAULT_SEARCH_WINDOW;
  if (window <= 0) return 'The filter max search window must be greater than 0.';
  const multiplier = options.getCheckpointintervalmultiplier();
  return {
    matches: (e) => test(subject(e)),
    window,
    // A plain read sends 0; only subscriptions use the interval, and they must send more.
    checkpointInterval: Math.max(1, multiplier) * window,
  };
}
