import { client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

describe.each(STORE_KINDS)('restarting on the same data file (%s)', (kind) => {
  it('finds everything recorded before, and the projections resume from their checkpoints instead of replaying', async () => {
    const first = await startApp({ kind });
    let current = first;
    const http = client(() => current);
    try {
      const appended = await http.post('/franchises/balle-perdue/sequel-announcements', {
        filmId: 'balle-perdue-4',
        title: 'Balle perdue 4',
        announcedOn: '2022',
        sourceId: 'article-004',
      });
      expect(appended.status).toBe(201);
      const before = (await http.get('/health')).body;
      const timelineBefore = (await http.get('/franchises/balle-perdue/timeline')).body;
      await first.stop();

      const second = await startApp({ dir: first.dir, store: first.store, key: first.key });
      current = second;
      try {
        const health = (await http.get('/health')).body;
        expect(health.caughtUp).toBe(true);
        for (const projection of health.projections) {
          expect(projection.appliedSinceStart).toBe(0);
          expect(projection.position).toBe(appended.body.position);
          expect(projection.applied).toBe(before.projections.find((p: any) => p.name === projection.name).applied);
        }
        expect((await http.get('/franchises/balle-perdue/timeline')).body).toEqual(timelineBefore);
        const state = (await http.get('/franchises/balle-perdue/state')).body;
        expect(state.films.map((f: any) => f.filmId)).toContain('balle-perdue-4');
        // The seed is loaded only into an empty store.
        expect((await http.get('/franchises/balle-perdue/events')).body.events).toHaveLength(
          appended.body.revision + 1,
        );

        const later = await http.post('/franchises/balle-perdue/greenlights', {
          filmId: 'balle-perdue-4',
          greenlitOn: '2022',
          by: 'Netflix',
          sourceId: 'article-004',
        });
        expect(later.status).toBe(201);
        const after = (await http.get('/health')).body;
        expect(after.projections.every((p: any) => p.appliedSinceStart === 1)).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      await first.dispose();
    }
  });

  it('rebuilds every read model from the log when asked to, with the same answers', async () => {
    const first = await startApp({ kind });
    let current = first;
    const http = client(() => current);
    try {
      const stateBefore = (await http.get('/franchises/balle-perdue/state?asOf=2023-01-01')).body;
      const ledgerBefore = (await http.get('/franchises/balle-perdue/claims')).body;
      await first.stop();
      const rebuilt = await startApp({
        dir: first.dir,
        store: first.store,
        key: first.key,
        env: { REBUILD_PROJECTIONS: 'true' },
      });
      current = rebuilt;
      try {
        const health = (await http.get('/health')).body;
        expect(health.projections.every((p: any) => p.appliedSinceStart === p.applied && p.applied > 0)).toBe(true);
        expect((await http.get('/franchises/balle-perdue/state?asOf=2023-01-01')).body).toEqual(stateBefore);
        expect((await http.get('/franchises/balle-perdue/claims')).body).toEqual(ledgerBefore);
      } finally {
        await rebuilt.stop();
      }
    } finally {
      await first.dispose();
    }
  });
});
