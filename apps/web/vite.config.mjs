import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The page, built into dist/web, which the API serves at `/` (apps/api/src/http/web-page.ts). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // vis-timeline is most of the bundle, and loaded once: one file is simpler than a split.
    chunkSizeWarningLimit: 1024,
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
});
