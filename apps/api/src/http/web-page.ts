import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Where Vite builds the page (apps/web/vite.config.mjs), under the project's root. */
const BUILT_PAGE = join('dist', 'web');

/**
 * The web page (apps/web), served at `/` by the API itself: no second server. Only the files
 * built are routes (no wildcard), so every other path is still the API's. Vite names each asset
 * by its content, so assets are cached for good and the page itself is asked again each time.
 * Returns false when the page is not built (`npm run build` builds it).
 */
export function serveWebPage(app: NestFastifyApplication, root = join(projectRoot(), BUILT_PAGE)): boolean {
  if (!existsSync(join(root, 'index.html'))) return false;
  // Registered as the plugin itself: Nest's useStaticAssets types predate @fastify/static 10.
  void app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    // Swagger UI registers the same plugin first: the reply already has its decorations.
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, path) =>
      reply.header(
        'cache-control',
        path.includes(join('web', 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  return true;
}

/** The nearest folder above this file with a package.json: the same from the sources (tests) and from dist. */
function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}
