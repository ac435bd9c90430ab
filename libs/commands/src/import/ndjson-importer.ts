import { DomainError } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IMPORT_CATALOG } from './import-catalog';
import { CommandContext } from '../command-context';
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
 * Runs NDJSON commands, one a line, through the command bus, as the HTTP API would.
 * Stops at the first invalid line. Claims without an event id get one derived from their
 * content, so running the same file again after an interruption records nothing twice.
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
    for await (const text of lines) {
      progress.line += 1;
      if (text.trim() === '') continue;
      try {
        const line = { ...context, causationId: `${context.correlationId ?? 'import'}:line-${progress.line}` };
        const result = await this.commandBus.execute(this.parse(text, line));
        if (result.created) progress.created += 1;
        else progress.alreadyRecorded += 1;
      } catch (error) {
        throw new ImportLineError(progress.line, describe(error), { ...progress });
      }
      onProgress({ ...progress });
    }
    return progress;
  }

  private parse(text: string, context: CommandContext) {
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
    return entry.build(validateInput(entry.dto, body), context, franchiseId as string);
  }
}

function describe(error: unknown): FieldError[] {
  if (error instanceof InputValidationError) return error.errors;
  if (error instanceof DomainError) return [{ field: error.field ?? '(line)', message: error.message }];
  if (error instanceof Error) return [{ field: '(line)', message: error.message }];
  throw error;
}
