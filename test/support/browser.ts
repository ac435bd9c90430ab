import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

/** The flags for Debian's Chromium in a container: no sandbox, no GPU, nothing fetched from the network. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The system's Chromium (Debian's `chromium` package; `.ci/run` installs it), on a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  const profile = mkdtempSync(join(tmpdir(), 'timeline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: FLAGS, headless: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function findChromium(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('the browser tests need Chromium: apt-get install chromium (.ci/run installs it)');
  }
}
