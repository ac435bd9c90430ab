import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  validateSync,
} from 'class-validator';

export const APP_CONFIG = Symbol('APP_CONFIG');

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : ['true', '1', 'yes'].includes(String(value).toLowerCase())
      ? true
      : ['false', '0', 'no'].includes(String(value).toLowerCase())
        ? false
        : value;
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The environment variables the service reads, each with a default that works out of the box. */
class Environment {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  /**
   * Where clients reach the service (behind a proxy, its public https address): the base of the
   * links the exports write. Without it, the address a request came in on.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: 'PUBLIC_URL must be an http(s) URL, e.g. https://timeline.example.org',
  })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsIn(['sqlite', 'eventstoredb'])
  EVENT_STORE: 'sqlite' | 'eventstoredb' = 'sqlite';

  /** Required with EVENT_STORE=eventstoredb, e.g. esdb://localhost:2113?tls=false */
  @ValidateIf((env: Environment) => env.EVENT_STORE === 'eventstoredb')
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message:
      'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string when EVENT_STORE=eventstoredb',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Prefix of every EventStoreDB stream name, to share a cluster between deployments. */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9]{0,31}$/, { message: 'EVENTSTORE_NAMESPACE must be lower-case letters and digits' })
  EVENTSTORE_NAMESPACE?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  TIMELINE_DB = './data/timeline.db';

  /** Where projections keep their read models: the SQLite store's own file, or ./data/read-models.db. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  READ_MODEL_DB?: string;

  @IsOptional()
  @IsIn(['full', 'normal'])
  SQLITE_SYNCHRONOUS: 'full' | 'normal' = 'full';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_ON_EMPTY = true;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  SEED_FILE = './data/seed.ndjson';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  REBUILD_PROJECTIONS = false;

  /** Read models that do not match the event log (another store, a shorter log, a missing table): `rebuild` them, or `refuse` to start. */
  @IsOptional()
  @IsIn(['rebuild', 'refuse'])
  READ_MODELS_ON_MISMATCH: 'rebuild' | 'refuse' = 'rebuild';

  /** Writes a minute one API key may make (0: no limit); over it, 429 with Retry-After. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  WRITE_RATE_LIMIT_PER_KEY = 600;

  /** Writes a minute one client address may make, whatever its keys (0: no limit). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  WRITE_RATE_LIMIT_PER_ADDRESS = 1200;

  /** Origins (comma-separated) a browser may call the API from; none by default, so CORS is off. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/, {
    message: 'CORS_ORIGINS must be comma-separated http(s) origins, e.g. https://wiki.example.org',
  })
  CORS_ORIGINS?: string;

  /** Reads need an API key too (any scope); by default they are public and only writes need one. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  READS_NEED_KEY = false;

  /**
   * Milliseconds of reads one turn of the event loop may run before health probes and writes get
   * their turn: more favours read throughput, less their latency; 0 runs one read a turn.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  READ_TURN_MS = 10;

  /** Events the read models may lag behind the log before /health/ready answers 503. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  HEALTH_MAX_LAG = 1000;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export interface AppConfig {
  http: { port: number; host: string; readTurnMs: number; publicUrl?: string };
  eventStore:
    | { kind: 'sqlite'; file: string; synchronous: 'full' | 'normal' }
    | { kind: 'eventstoredb'; connectionString: string; namespace?: string };
  readModel: { file: string };
  seed: { onEmpty: boolean; file: string };
  projections: { rebuild: boolean; onMismatch: 'rebuild' | 'refuse' };
  auth: { readsNeedKey: boolean };
  /** Writes a minute per API key and per client address; 0 is no limit. */
  rateLimits: { perKey: number; perAddress: number };
  cors: { origins: string[] };
  health: { maxLag: number };
  logLevel: Environment['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment once, at boot; fails with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return {
    http: {
      port: parsed.PORT,
      host: parsed.HOST,
      readTurnMs: parsed.READ_TURN_MS,
      ...(parsed.PUBLIC_URL ? { publicUrl: parsed.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    },
    eventStore:
      parsed.EVENT_STORE === 'eventstoredb'
        ? {
            kind: 'eventstoredb',
            connectionString: parsed.EVENTSTORE_CONNECTION_STRING!,
            namespace: parsed.EVENTSTORE_NAMESPACE,
          }
        : { kind: 'sqlite', file: parsed.TIMELINE_DB, synchronous: parsed.SQLITE_SYNCHRONOUS },
    readModel: {
      file: parsed.READ_MODEL_DB ?? (parsed.EVENT_STORE === 'sqlite' ? parsed.TIMELINE_DB : './data/read-models.db'),
    },
    seed: { onEmpty: parsed.SEED_ON_EMPTY, file: parsed.SEED_FILE },
    projections: { rebuild: parsed.REBUILD_PROJECTIONS, onMismatch: parsed.READ_MODELS_ON_MISMATCH },
    auth: { readsNeedKey: parsed.READS_NEED_KEY },
    rateLimits: { perKey: parsed.WRITE_RATE_LIMIT_PER_KEY, perAddress: parsed.WRITE_RATE_LIMIT_PER_ADDRESS },
    cors: { origins: parsed.CORS_ORIGINS?.split(',') ?? [] },
    health: { maxLag: parsed.HEALTH_MAX_LAG },
    logLevel: parsed.LOG_LEVEL,
  };
}
