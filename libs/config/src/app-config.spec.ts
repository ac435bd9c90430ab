import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('works out of the box with no variables set', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.eventStore).toEqual({ kind: 'sqlite', file: './data/timeline.db', synchronous: 'full' });
    expect(config.readModel.file).toBe('./data/timeline.db');
    expect(config.seed.onEmpty).toBe(true);
  });

  it('reads the port, the data file and the seed switch', () => {
    const config = loadConfig({
      PORT: '8080',
      TIMELINE_DB: '/tmp/x.db',
      SEED_ON_EMPTY: 'false',
      READ_MODEL_DB: '/tmp/r.db',
    });
    expect(config.http.port).toBe(8080);
    expect(config.eventStore).toMatchObject({ kind: 'sqlite', file: '/tmp/x.db' });
    expect(config.readModel.file).toBe('/tmp/r.db');
    expect(config.seed.onEmpty).toBe(false);
  });

  it('takes the public address the exports link under, without its trailing slash, and refuses one that is not a URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://timeline.example.org/' }).http.publicUrl).toBe(
      'https://timeline.example.org',
    );
    expect(loadConfig({}).http.publicUrl).toBeUndefined();
    expect(() => loadConfig({ PUBLIC_URL: 'timeline.example.org' })).toThrow(/PUBLIC_URL/);
  });

  it('refuses bad values, naming every variable at fault', () => {
    try {
      loadConfig({ PORT: 'eighty', SQLITE_SYNCHRONOUS: 'off', SEED_ON_EMPTY: 'maybe' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      expect(problems.join('\n')).toMatch(/PORT/);
      expect(problems.join('\n')).toMatch(/SQLITE_SYNCHRONOUS/);
      expect(problems.join('\n')).toMatch(/SEED_ON_EMPTY/);
    }
  });

  it('selects EventStoreDB with its connection string, keeping read models in their own file', () => {
    const config = loadConfig({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
    });
    expect(config.eventStore).toEqual({ kind: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' });
    expect(config.readModel.file).toBe('./data/read-models.db');
  });

  it('refuses EventStoreDB without a connection string, naming the variable', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/EVENT_STORE/);
  });
});
