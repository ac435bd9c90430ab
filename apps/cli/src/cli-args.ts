import { InputValidationError, validateInput } from '@app/validation';
import { ResolutionPolicy, SCOPES, Scope } from '@app/domain';
import { AtDate, ResolvedAtDateDto } from '@app/queries';
import { WikidataItems, parseItemMapping } from '@app/exports';
import { ParseArgsConfig, parseArgs } from 'node:util';

export type OutputFormat = 'json' | 'text';

/** A command line, understood: which command, with which arguments. */
export type CliArgs =
  | { command: 'help' }
  | { command: 'seed' }
  | { command: 'verify' }
  | { command: 'import'; file: string }
  | { command: 'export'; output?: string }
  | { command: 'backup' | 'restore'; file: string; force: boolean }
  | { command: 'keys'; action: 'create'; principal: string; scopes: Scope[] }
  | { command: 'keys'; action: 'list' }
  | { command: 'keys'; action: 'revoke'; keyOrPrincipal: string }
  | { command: 'state' | 'timeline'; franchiseId: string; at: ResolvedAt; format: OutputFormat }
  | { command: 'calendar'; franchiseId: string; policy?: ResolutionPolicy }
  | { command: 'feed'; franchiseId: string; base: string; limit: number }
  | { command: 'provenance'; franchiseId: string; base: string }
  | { command: 'quickstatements'; franchiseId: string; items: WikidataItems; policy?: ResolutionPolicy };

/** The time axes, and for `state` the policy settling disputed facts. */
export type ResolvedAt = AtDate & { policy?: ResolutionPolicy };

/** The command line cannot be understood (exit code 2); `showUsage` when the whole usage text helps. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Franchise timeline: dated claims from news sources, queryable at any date.

Usage: npx franchise-timeline <command> [arguments]
       npm run cli -- <command> [arguments]

Commands:
  seed                                  Import the seed fixture (SEED_FILE); running it again records nothing twice
  import <file>                         Import NDJSON commands, one a line ('-' reads stdin); stops at the first
                                        invalid line, keeping the lines before it; safe to run again
  export [--output <file>]              Write the whole event log as NDJSON, one event a line (stdout by default)
  state <franchiseId> [dates] [--format json|text]
                                        Films, status, dates and peak views, sequel and trilogy, disputed facts
  timeline <franchiseId> [dates] [--format json|text]
                                        Claims in the order things happened
  calendar <franchiseId> [--policy <policy>]
                                        The films' release dates as iCalendar (RFC 5545), the API's calendar.ics
  feed <franchiseId> [--base <url>] [--limit <n>]
                                        The last n claims recorded (default 100) as an Atom feed, the API's
                                        changes.atom, its links under --base (default http://localhost:3000)
  provenance <franchiseId> [--base <url>]
                                        Every claim's provenance as JSON-LD with W3C PROV-O, the API's
                                        provenance.jsonld, its IRIs under --base
  quickstatements <franchiseId> --items <filmId:Qid,...> [--sources <sourceId:Qid,...>] [--policy <policy>]
                                        The films' release dates believed as Wikidata QuickStatements, for
                                        the items given (a film without one is left out)
  backup <file> [--force]               Copy the SQLite event store into <file> while the service runs (SQLite's
                                        online backup): a prefix of the log; --force replaces an existing <file>
  restore <file> [--force]              Replace the event store with a backup, then rebuild the read models; stop
                                        the server first; --force is needed to replace an existing store
  verify                                Check the log (positions, revisions, ids, every event readable) and that
                                        every read model equals a rebuild from zero; exit 1 on any mismatch
  keys create <principal> --scopes <scopes>
                                        Issue an API key (scopes: write, admin, read; comma-separated); the key
                                        is printed once, as the last word of the output, and only its hash kept
  keys list                             Every key: id, principal, scopes, when issued and revoked (no secrets)
  keys revoke <key id or principal>     Revoke a key, or every key of a principal, at once (also in a running API)
  help                                  This text

Dates (EDTF: 2020, 2020-08, 2020-08-31, ...; an uncertain date counts as of its last possible day):
  --as-of <date>                        Only what had happened by then
  --known-at <date>                     Only what sources had published by then
  --recorded-before <timestamp>         Only what this service had recorded before then (ISO 8601)
  --mode certain|possible               Count what certainly (default) or possibly happened by the dates
  --policy majority|latest|earliest|trusted
                                        How state settles disputed facts (default majority)

Environment:
  TIMELINE_DB     event store file (default ./data/timeline.db)
  READ_MODEL_DB   read model file (default: the event store's)
  SEED_FILE       seed fixture (default ./data/seed.ndjson)

Exit codes: 0 ok, 1 import stopped or request refused, 2 usage or configuration error
`;

const DATE_OPTIONS = {
  'as-of': { type: 'string' },
  'known-at': { type: 'string' },
  'recorded-before': { type: 'string' },
  mode: { type: 'string' },
  policy: { type: 'string' },
  format: { type: 'string', short: 'f' },
} as const satisfies ParseArgsConfig['options'];

/** Reads argv (without `node` and the script): the command first, then its arguments. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { command: 'help' };
    case 'seed':
    case 'verify':
      expectPositionals(command, parse(command, rest, {}).positionals, []);
      return { command };
    case 'import': {
      const [file] = expectPositionals(command, parse(command, rest, {}).positionals, ['file']);
      return { command, file };
    }
    case 'export': {
      const { values, positionals } = parse(command, rest, { output: { type: 'string', short: 'o' } });
      expectPositionals(command, positionals, []);
      return { command, output: values.output };
    }
    case 'backup':
    case 'restore': {
      const { values, positionals } = parse(command, rest, { force: { type: 'boolean' } });
      const [file] = expectPositionals(command, positionals, ['file']);
      return { command, file, force: values.force ?? false };
    }
    case 'keys':
      return keysArgs(rest);
    case 'state':
    case 'timeline': {
      const { values, positionals } = parse(command, rest, DATE_OPTIONS);
      const [franchiseId] = expectPositionals(command, positionals, ['franchiseId']);
      return {
        command,
        franchiseId,
        at: atDateOptions(values),
        format: formatOption(values.format),
      };
    }
    case 'calendar': {
      const { values, positionals } = parse(command, rest, { policy: DATE_OPTIONS.policy });
      const [franchiseId] = expectPositionals(command, positionals, ['franchiseId']);
      return { command, franchiseId, policy: atDateOptions(values).policy };
    }
    case 'feed': {
      const { values, positionals } = parse(command, rest, { base: { type: 'string' }, limit: { type: 'string' } });
      const [franchiseId] = expectPositionals(command, positionals, ['franchiseId']);
      const limit = Number(values.limit ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new UsageError('feed: --limit must be 1 to 1000');
      return { command, franchiseId, base: baseOption(command, values.base), limit };
    }
    case 'quickstatements': {
      const options = { items: { type: 'string' }, sources: { type: 'string' }, policy: DATE_OPTIONS.policy } as const;
      const { values, positionals } = parse(command, rest, options);
      const [franchiseId] = expectPositionals(command, positionals, ['franchiseId']);
      if (!values.items)
        throw new UsageError('quickstatements: --items <filmId:Qid,...> is needed: items are never guessed');
      try {
        const items = { films: parseItemMapping(values.items), sources: parseItemMapping(values.sources) };
        return { command, franchiseId, items, policy: atDateOptions({ policy: values.policy }).policy };
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError(`quickstatements: ${(error as Error).message}`);
      }
    }
    case 'provenance': {
      const { values, positionals } = parse(command, rest, { base: { type: 'string' } });
      const [franchiseId] = expectPositionals(command, positionals, ['franchiseId']);
      return { command, franchiseId, base: baseOption(command, values.base) };
    }
    default:
      throw new UsageError(`unknown command "${command}"`, true);
  }
}

function keysArgs(rest: string[]): CliArgs {
  const [action, ...args] = rest;
  switch (action) {
    case 'create': {
      const { values, positionals } = parse('keys create', args, { scopes: { type: 'string', short: 's' } });
      const [principal] = expectPositionals('keys create', positionals, ['principal']);
      const scopes = (values.scopes ?? '').split(',').filter((scope) => scope !== '');
      if (scopes.length === 0 || scopes.some((scope) => !(SCOPES as readonly string[]).includes(scope))) {
        throw new UsageError(`keys create: --scopes must list one or more of ${SCOPES.join(', ')}, comma-separated`);
      }
      return { command: 'keys', action, principal, scopes: scopes as Scope[] };
    }
    case 'list':
      expectPositionals('keys list', parse('keys list', args, {}).positionals, []);
      return { command: 'keys', action };
    case 'revoke': {
      const [keyOrPrincipal] = expectPositionals('keys revoke', parse('keys revoke', args, {}).positionals, ['key']);
      return { command: 'keys', action, keyOrPrincipal };
    }
    default:
      throw new UsageError(`keys: expected create, list or revoke${action ? ` (got "${action}")` : ''}`);
  }
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    // Node's messages go on with advice about `--`; the first sentence says it.
    throw new UsageError(`${command}: ${(error as Error).message.split('. ')[0]}`);
  }
}

/** Where the service is reached, for the links an export writes: `--base`, or the default port on this machine. */
function baseOption(command: string, given: string | undefined): string {
  const base = (given ?? 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(base)) throw new UsageError(`${command}: --base must be an http(s) URL`);
  return base;
}

function expectPositionals(command: string, given: string[], names: string[]): string[] {
  if (given.length < names.length) {
    throw new UsageError(`${command}: missing <${names[given.length]}>`);
  }
  if (given.length > names.length) {
    throw new UsageError(`${command}: unexpected argument "${given[names.length]}"`);
  }
  return given;
}

/** The time-axis options, checked by the same rules as the HTTP query parameters. */
function atDateOptions(values: Record<string, string | boolean | undefined>): ResolvedAt {
  const options = {
    asOf: '--as-of',
    knownAt: '--known-at',
    recordedBefore: '--recorded-before',
    mode: '--mode',
    policy: '--policy',
  };
  const given = Object.fromEntries(
    Object.entries(options)
      .map(([field, option]) => [field, values[option.slice(2)]])
      .filter(([, value]) => value !== undefined),
  );
  try {
    const { asOf, knownAt, recordedBefore, mode, policy } = validateInput(ResolvedAtDateDto, given);
    return { asOf, knownAt, recordedBefore, mode, policy };
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    const [{ field, message }] = error.errors;
    const option = options[field as keyof typeof options] ?? field;
    throw new UsageError(message.replace(field, option).replace(`${field} `, `${option} `));
  }
}

function formatOption(value: string | undefined): OutputFormat {
  if (value === undefined || value === 'json' || value === 'text') return value ?? 'json';
  throw new UsageError(`--format must be json or text (got "${value}")`);
}
