import { Seeder } from '@app/service';
import Fastify from 'fastify';
import { AddressInfo } from 'node:net';
import { createApp } from '../../apps/api/src/app.factory';
import { Result, compare } from '../harness';
import { LoadGenerator } from '../load-generator';
import { benchConfig, clock, tempDir } from '../fixtures';

/**
 * The state read the brief asks about, then `/health` (no query, a small constant body):
 * the second shows what NestJS alone costs over Fastify, so the first can be read as
 * framework + query work.
 */
const PATHS = ['/franchises/balle-perdue/state?asOf=2023-01-01', '/health'];
const LOAD = { connections: 32, maxRequests: 40_000, maxMs: 1500 };

/**
 * Scenario 4: the real API (NestJS + Fastify adapter, seeded, on loopback) against a bare
 * Fastify server on another port answering the same JSON body, both driven by the same
 * generator, round for round.
 */
export async function httpScenario(): Promise<Result[]> {
  const tmp = tempDir('http');
  const app = await createApp({ config: benchConfig(tmp.dir, 'normal'), clock: clock() });
  const bare = Fastify({ logger: false });
  const generator = new LoadGenerator();
  try {
    await app.get(Seeder).seedIfEmpty();
    await app.listen(0, '127.0.0.1');
    const apiPort = (app.getHttpServer().address() as AddressInfo).port;

    const bodies = new Map<string, string>();
    for (const path of PATHS) {
      const answer = await fetch(`http://127.0.0.1:${apiPort}${path}`);
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
      const text = await answer.text();
      const body = JSON.parse(text) as Record<string, unknown>;
      // Returned as an object, so serialised on every request as Nest's answer is.
      bare.get(new URL(path, 'http://x').pathname, async () => body);
      bodies.set(path, text);
    }
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as AddressInfo).port;

    const results: Result[] = [];
    for (const [i, path] of PATHS.entries()) {
      const { subject, baseline } = await compare(
        { label: 'NestJS API', run: () => generator.run({ port: apiPort, path, ...LOAD }) },
        { label: 'bare Fastify, same body', run: () => generator.run({ port: barePort, path, ...LOAD }) },
        // The first JIT-compiles both servers' request paths; two rounds each before counting.
        { warmups: i === 0 ? 2 : 1 },
      );
      const size = bodies.get(path)!.length;
      results.push({
        scenario: '4. HTTP',
        case: `GET ${path} (${size}-byte JSON), ${LOAD.connections} connections`,
        unit: 'req/s',
        subject,
        baseline,
      });
    }
    return results;
  } finally {
    await generator.close();
    await bare.close();
    await app.close();
    tmp.dispose();
  }
}
