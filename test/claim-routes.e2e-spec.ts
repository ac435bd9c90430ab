import { CLAIM_KIND_LIST } from '@app/commands';
import { RunningApp, client, startApp } from './support/test-app';

/** The claim routes are built from the claim-kind table: each must validate and be documented as its own. */
describe('claim routes from the claim-kind table', () => {
  let running: RunningApp;
  const http = client(() => running);

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.dispose());

  it.each(CLAIM_KIND_LIST.map((kind) => [kind.route, kind] as const))(
    'documents POST /franchises/{franchiseId}/%s with its summary and its own body schema',
    async (route, kind) => {
      const doc = (await http.get('/docs-json')).body;
      const operation = doc.paths[`/franchises/{franchiseId}/${route}`]?.post;

      expect(operation).toMatchObject({ summary: kind.summary, tags: ['claims'] });
      expect(operation.requestBody.content['application/json'].schema).toEqual({
        $ref: `#/components/schemas/${kind.body.name}`,
      });
      expect(Object.keys(doc.components.schemas[kind.body.name].properties)).toContain('sourceId');
      expect(operation.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['franchiseId', 'If-Match']));
    },
  );

  it('keeps the operation ids clients were generated from', async () => {
    const paths = (await http.get('/docs-json')).body.paths;
    const operationId = (route: string) => paths[`/franchises/{franchiseId}/${route}`].post.operationId;

    expect(operationId('releases')).toBe('ClaimsController_recordRelease');
    expect(operationId('scheduled-releases')).toBe('ClaimsController_scheduleRelease');
    expect(operationId('retractions')).toBe('ClaimsController_retractClaim');
    expect(operationId('production-wraps')).toBe('ClaimsController_recordProductionWrap');
  });

  it.each(CLAIM_KIND_LIST.map((kind) => [kind.route, kind] as const))(
    'validates a body posted to %s against that kind’s body, naming its fields',
    async (route, kind) => {
      const answer = await http.post(`/franchises/balle-perdue/${route}`, { sourceId: 'article-000', bogus: 1 });
      const fields = answer.body.errors.map((e: any) => e.field);

      expect(answer.status).toBe(400);
      expect(fields).toContain('bogus');
      const required =
        kind.eventType === 'TrilogyConfirmed'
          ? 'confirmedOn'
          : kind.eventType === 'ClaimRetracted'
            ? 'eventId'
            : 'filmId';
      expect(fields).toContain(required);
    },
  );
});
