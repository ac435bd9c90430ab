import { InputValidationError } from '@app/validation';
import { ConfigError } from '@app/config';
import { DomainError } from '@app/domain';
import {
  BackupRefusedError,
  BackupUnsupportedError,
  EventStoreFullError,
  EventStoreUnavailableError,
} from '@app/event-store';
import { ReadModelDatabaseError, ReadModelMismatchError } from '@app/projections';
import { UsageError } from './cli-args';

export const EXIT_OK = 0;
/** An import stopped at an invalid line, or the service refused the request (unknown franchise, say). */
export const EXIT_FAILED = 1;
/** The command line or the environment cannot be understood. */
export const EXIT_USAGE = 2;

/**
 * What to tell the user about an error, and the exit code. Expected errors get their message
 * on one line; anything else is a bug or an outage, and keeps its stack trace.
 */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) return { message: error.message, exitCode: EXIT_USAGE };
  if (error instanceof ConfigError) {
    return { message: `invalid configuration: ${error.problems.join('; ')}`, exitCode: EXIT_USAGE };
  }
  if (error instanceof BackupUnsupportedError) return { message: error.message, exitCode: EXIT_USAGE };
  if (
    error instanceof InputValidationError ||
    error instanceof DomainError ||
    error instanceof EventStoreUnavailableError ||
    error instanceof EventStoreFullError ||
    error instanceof ReadModelDatabaseError ||
    error instanceof ReadModelMismatchError ||
    error instanceof BackupRefusedError
  ) {
    return { message: error.message, exitCode: EXIT_FAILED };
  }
  if (isSystemError(error)) return { message: error.message, exitCode: EXIT_FAILED };
  const stack = (error as { stack?: unknown } | null)?.stack;
  return { message: typeof stack === 'string' ? stack : String(error), exitCode: EXIT_FAILED };
}

/**
 * A file that is missing, unreadable, a directory...: the user's to fix, not a bug. Duck-typed:
 * Node's own errors may come from another realm (a test sandbox), where `instanceof Error` fails.
 */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const candidate = error as Partial<NodeJS.ErrnoException> | null;
  return (
    typeof candidate?.code === 'string' &&
    typeof candidate.syscall === 'string' &&
    typeof candidate.message === 'string'
  );
}
