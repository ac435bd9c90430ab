import Fastify from 'fastify';
import { AddressInfo } from 'node:net';
import { createApp } from '../../apps/api/src/app.factory';
import { DataSet } from '../dataset';
import { compare } from '../harness';
import { HttpLoad } from '../http-load';
import { GoalRow, rateRow } from '../report';
import { serviceConfig } from '../fixtures';

const LOAD = { connections: 32, seconds: 1 };

/**
 * HTTP: the state read of a typical franchise at a past date through the real API (NestJS,
 * Fastify adapter, on loopback) against a bare Fastify server answering the same JSON, parsed
 * once and serialised on every request as Nest's answer is, both driven by autocannon.
 */
export async function httpScenario(data: DataSet): Promise<GoalRow> {
  const app = await createApp({ config: serviceConfig(data.file, 'normal') });
  const bare = Fastify({ logger: false });
  const load = new HttpLoad();
  try {
    await app.listen(0, '127.0.0.1');
    const api = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const path = `/franchises/${data.small[0]}/state?asOf=2024-01-01`;
    const answer = await fetch(`${api}${path}`);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
    const text = await answer.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    bare.get(new URL(path, api).pathname, async () => body);
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareOrigin = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
    const pair = await compare(
      { label: 'NestJS API', run: () => load.run({ origin: api, path, ...LOAD }) },
      { label: 'bare Fastify, same body', run: () => load.run({ origin: bareOrigin, path, ...LOAD }) },
    );
    return rateRow(
      {
        goal: 'HTTP state read',
        measured: `GET /franchises/{id}/state?asOf= (${text.length.toLocaleString('en-US')}-byte JSON), ${LOAD.connections} connections`,
        explanation:
          `requests per second of the API's state read of a ~100-event franchise, against a bare Fastify 5 serving the ` +
          `same JSON, both on 127.0.0.1, under autocannon (${LOAD.connections} connections, ${LOAD.seconds} s rounds, ` +
          'in a worker thread); server and client share the two cores.',
        target: { op: '≥', value: 0.6 },
      },
      'req/s',
      pair,
    );
  } finally {
    await load.close();
    await bare.close();
    await app.close();
  }
}
