import { ApiKeys } from '@app/commands';
import { AddressInfo } from 'node:net';
import { createApp } from '../../apps/api/src/app.factory';
import { DataSet } from '../dataset';
import { Sync, serviceConfig } from '../fixtures';
import { HttpLoad } from '../http-load';

/** The API listening on the imported store, a write key for it, and a load generator: what the HTTP write goals share. */
export interface WritingApi {
  origin: string;
  key: string;
  load: HttpLoad;
}

/** Runs `scenario` against the API at `sync`, and closes both after it, passed or failed. */
export async function withWritingApi<T>(
  data: DataSet,
  sync: Sync,
  principal: string,
  scenario: (api: WritingApi) => Promise<T>,
): Promise<T> {
  const app = await createApp({ config: serviceConfig(data.file, sync) });
  const load = new HttpLoad();
  try {
    await app.listen(0, '127.0.0.1');
    const origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const { token: key } = await app.get(ApiKeys).issue(principal, ['write'], { recordedBy: 'system:bench' });
    return await scenario({ origin, key, load });
  } finally {
    await load.close();
    await app.close();
  }
}
