import { ConsoleLogger, LogLevel } from '@nestjs/common';

/**
 * Nest's console logger writes warnings to stdout; here stdout is the product (an export piped
 * into a file, say), so every log line goes to stderr.
 */
export class StderrLogger extends ConsoleLogger {
  constructor(logLevels: LogLevel[] = ['error', 'warn']) {
    super({ logLevels });
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}
