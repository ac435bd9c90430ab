import { SwaggerModule } from '@nestjs/swagger';
import { RunningApp, client, startApp } from './support/test-app';

describe('the OpenAPI document', () => {
  let running: RunningApp;
  const http = client(() => running);
  const build = jest.spyOn(SwaggerModule, 'createDocument');

  beforeAll(async () => {
    running = await startApp({ seed: false });
  });
  afterAll(() => running.dispose());

  it('is built on the first request for it, not at start-up, and once', async () => {
    expect(build).not.toHaveBeenCalled();

    const json = await http.get('/docs-json');
    const uiInit = await fetch(`${running.url}/docs/swagger-ui-init.js`);

    expect(json.status).toBe(200);
    expect(json.body.info.title).toBe('Franchise timeline');
    // Swagger UI embeds the same document.
    expect(await uiInit.text()).toContain('"title": "Franchise timeline"');
    expect(build).toHaveBeenCalledTimes(1);
  });
});
