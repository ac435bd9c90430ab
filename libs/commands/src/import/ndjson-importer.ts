import { DomainError } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import { IMPORT_CATALOG, Touches } from './import-catalog';
import { CommandContext } from '../command-context';
import { RecordingResult } from '../recording-result';
import { SLUG } from '@app/validation';
import { FieldError, InputValidationError, validateInput } from '@app/validation';

export interface ImportProgress {
  line: number;
  created: number;
  alreadyRecorded: number;
}

/** The import stopped at an invalid line; the lines before it are recorded. */
export class ImportLineError extends Error {
  constructor(
    readonly line: number,
    readonly errors: FieldError[],
    readonly progress: ImportProgress,
  ) {
    super(`line ${line}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    this.name = 'ImportLineError';
  }
}

/**
 * Lines in flight at once. The SQLite store commits the appends issued together in one
 * transaction, so a line in flight beside others shares their commit (and fsync) instead of paying
 * its own; lines on one stream still go one after another, so the window must reach past a run of
 * lines on few streams (files interleave a handful of franchises) to find others, while holding
 * only a bounded number of parsed lines.
 */
export const IMPORT_CONCURRENCY = 64;

/** How a line ended: a blank line, a recorded (or already recorded) command, or its error. */
type Outcome = { blank: true } | { created: boolean } | { error: unknown };

/**
 * Runs NDJSON commands, one a line, through the command bus, as the HTTP API would, with up to
 * IMPORT_CONCURRENCY lines in flight. A line starts only once the earlier lines touching its
 * streams have finished (`touches` in the catalog), so each line's result is the one a one-by-one
 * import gives; lines on other streams run alongside.
 *
 * Stops at the first invalid line: no later line is taken, the lines in flight settle, and the
 * error names the first failing line, with the progress of the lines before it, all recorded.
 * Every line is parsed and validated in file order before it starts, so a badly shaped line stops
 * the import with nothing after it recorded. A line refused by a domain rule is known only once it
 * ran: later lines already in flight on other streams (fewer than IMPORT_CONCURRENCY) may then be
 * recorded too; lines touching its streams are not. Claims without an event id get one derived
 * from their content, so running the same file again, after a fix or an interruption, records
 * nothing twice. `onProgress` is called in line order.
 */
@Injectable()
export class NdjsonImporter {
  constructor(private readonly commandBus: CommandBus) {}

  async run(
    lines: AsyncIterable<string> | Iterable<string>,
    context: CommandContext,
    onProgress: (progress: ImportProgress) => void = () => undefined,
  ): Promise<ImportProgress> {
    const progress: ImportProgress = { line: 0, created: 0, alreadyRecorded: 0 };
    const outcomes = new Map<number, Outcome>();
    const order = new StreamOrder();
    const inFlight = new Set<Promise<void>>();
    let taken = 0;
    let firstFailure = Infinity;
    const settle = (line: number, outcome: Outcome) => {
      outcomes.set(line, outcome);
      if ('error' in outcome) firstFailure = Math.min(firstFailure, line);
    };
    /** Reports the lines settled so far, in order, up to the first one failed or still running. */
    const report = () => {
      for (let outcome = outcomes.get(progress.line + 1); outcome; outcome = outcomes.get(progress.line + 1)) {
        if ('error' in outcome) return;
        outcomes.delete((progress.line += 1));
        if ('blank' in outcome) continue;
        if (outcome.created) progress.created += 1;
        else progress.alreadyRecorded += 1;
        onProgress({ ...progress });
      }
    };

    for await (const text of lines) {
      const line = (taken += 1);
      if (text.trim() === '') {
        settle(line, { blank: true });
        continue;
      }
      let parsed: { command: Command<RecordingResult>; touches: Touches };
      try {
        parsed = this.parse(text, { ...context, causationId: `${context.correlationId ?? 'import'}:line-${line}` });
      } catch (error) {
        settle(line, { error });
        break;
      }
      const task = order.after(parsed.touches, async () => {
        // An earlier line failed while this one waited: a one-by-one import would never have run it.
        if (firstFailure < line) return;
        try {
          settle(line, { created: (await this.commandBus.execute(parsed.command)).created });
        } catch (error) {
          settle(line, { error });
        }
      });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      while (inFlight.size >= IMPORT_CONCURRENCY) await Promise.race(inFlight);
      report();
      if (firstFailure < Infinity) break;
    }
    await Promise.all(inFlight);
    report();
    const failed = outcomes.get(progress.line + 1);
    if (failed && 'error' in failed) {
      throw new ImportLineError(progress.line + 1, describe(failed.error), { ...progress, line: progress.line + 1 });
    }
    return progress;
  }

  private parse(text: string, context: CommandContext): { command: Command<RecordingResult>; touches: Touches } {
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      throw new InputValidationError([{ field: '(line)', message: 'is not valid JSON' }]);
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new InputValidationError([{ field: '(line)', message: 'must be a JSON object' }]);
    }
    const { command, franchiseId, ...body } = input as Record<string, unknown>;
    const entry = typeof command === 'string' ? IMPORT_CATALOG[command] : undefined;
    if (!entry) {
      const known = Object.keys(IMPORT_CATALOG).join(', ');
      throw new InputValidationError([{ field: 'command', message: `must be one of ${known}` }]);
    }
    if (entry.franchiseScoped) {
      if (typeof franchiseId !== 'string' || !SLUG.test(franchiseId)) {
        throw new InputValidationError([{ field: 'franchiseId', message: 'must be a franchise id' }]);
      }
    } else if (franchiseId !== undefined) {
      throw new InputValidationError([{ field: 'franchiseId', message: `is not used by ${command}` }]);
    }
    const dto = validateInput(entry.dto, body);
    return {
      command: entry.build(dto, context, franchiseId as string),
      touches: entry.touches(dto, franchiseId as string),
    };
  }
}

/**
 * The order lines must keep on each stream: a line that reads a stream waits for its last writer;
 * one that writes it waits for that writer and for the readers since. Lines that only read a
 * stream (claims citing one source) run together.
 */
class StreamOrder {
  private readonly streams = new Map<string, { writer?: Promise<void>; readers: Set<Promise<void>> }>();

  /** Runs `work` once the earlier lines it must follow have settled; the promise never rejects. */
  after({ reads, writes }: Touches, work: () => Promise<void>): Promise<void> {
    const waits = [
      ...reads.map((id) => this.streams.get(id)?.writer),
      ...writes.flatMap((id) => [this.streams.get(id)?.writer, ...(this.streams.get(id)?.readers ?? [])]),
    ].filter((wait) => wait !== undefined);
    const task = Promise.all(waits).then(work);
    for (const id of reads) this.entry(id).readers.add(task);
    for (const id of writes) Object.assign(this.entry(id), { writer: task, readers: new Set() });
    void task.then(() => this.release(task, reads, writes));
    return task;
  }

  private entry(id: string) {
    let entry = this.streams.get(id);
    if (!entry) this.streams.set(id, (entry = { readers: new Set() }));
    return entry;
  }

  /** Forgets a settled line, so the map holds only the streams of lines in flight. */
  private release(task: Promise<void>, reads: string[], writes: string[]): void {
    for (const id of [...reads, ...writes]) {
      const entry = this.streams.get(id);
      if (!entry) continue;
      entry.readers.delete(task);
      if (entry.writer === task) entry.writer = undefined;
      if (!entry.writer && entry.readers.size === 0) this.streams.delete(id);
    }
  }
}

function describe(error: unknown): FieldError[] {
  if (error instanceof InputValidationError) return error.errors;
  if (error instanceof DomainError) return [{ field: error.field ?? '(line)', message: error.message }];
  if (error instanceof Error) return [{ field: '(line)', message: error.message }];
  throw error;
}
