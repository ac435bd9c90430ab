import 'reflect-metadata';
import { AppConfig, loadConfig } from '@app/config';
import { ServiceModule } from '@app/service';
import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliArgs, USAGE, UsageError, parseCliArgs } from './cli-args';
import { CliIo, writeTo } from './cli-io';
import { backupCommand, restoreCommand } from './commands/backup.command';
import { calendarCommand } from './commands/calendar.command';
import { exportCommand } from './commands/export.command';
import { feedCommand } from './commands/feed.command';
import { provenanceCommand } from './commands/provenance.command';
import { quickStatementsCommand } from './commands/quickstatements.command';
import { importCommand } from './commands/import.command';
import { keysCommand } from './commands/keys.command';
import { verifyCommand } from './commands/verify.command';
import { seedCommand } from './commands/seed.command';
import { stateCommand } from './commands/state.command';
import { timelineCommand } from './commands/timeline.command';
import { EXIT_OK, EXIT_USAGE, describeError } from './exit-codes';
import { StderrLogger } from './stderr-logger';

/**
 * Runs one command line and answers its exit code. The service starts (no HTTP) only for
 * commands that need it, and is closed before the answer, so the process can end.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const help = error.showUsage ? `\n\n${USAGE}` : "\nrun 'help' for usage\n";
    await writeTo(io.stderr, `${error.message}${help}`);
    return EXIT_USAGE;
  }
  if (args.command === 'help') {
    await writeTo(io.stdout, USAGE);
    return EXIT_OK;
  }

  try {
    const config = loadConfig(env);
    switch (args.command) {
      case 'backup':
        return await backupCommand(config, args, io);
      case 'restore':
        return await restoreCommand(config, args, io, openService);
    }
    const app = await openService(config);
    try {
      return await dispatch(app, args, io);
    } finally {
      await app.close();
    }
  } catch (error) {
    const { message, exitCode } = describeError(error);
    await writeTo(io.stderr, `${message}\n`);
    return exitCode;
  }
}

/** The service, without HTTP, logging at `levels` to stderr. */
async function openService(
  config: AppConfig,
  levels: LogLevel[] = ['error', 'warn'],
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(ServiceModule.forRoot({ config }), {
    // Start-up lines (a read-model rebuild, say) are held, and dropped if it fails: the failure
    // (a store that cannot be opened) is thrown to the caller, which says it in one line,
    // instead of Nest logging its stack trace first.
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(new StderrLogger(levels));
  app.flushLogs();
  return app;
}

function dispatch(
  app: INestApplicationContext,
  args: Exclude<CliArgs, { command: 'help' | 'backup' | 'restore' }>,
  io: CliIo,
): Promise<number> {
  switch (args.command) {
    case 'seed':
      return seedCommand(app, io);
    case 'import':
      return importCommand(app, args, io);
    case 'export':
      return exportCommand(app, args, io);
    case 'keys':
      return keysCommand(app, args, io);
    case 'verify':
      return verifyCommand(app, io);
    case 'state':
      return stateCommand(app, args, io);
    case 'timeline':
      return timelineCommand(app, args, io);
    case 'calendar':
      return calendarCommand(app, args, io);
    case 'feed':
      return feedCommand(app, args, io);
    case 'provenance':
      return provenanceCommand(app, args, io);
    case 'quickstatements':
      return quickStatementsCommand(app, args, io);
  }
}

/** Runs the command line of this process and sets its exit code: what `bin/franchise-timeline.js` calls. */
export function main(): void {
  // `export | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${describeError(error).message}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
