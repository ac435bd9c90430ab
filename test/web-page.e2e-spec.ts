import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Browser, launchChromium } from './support/browser';
import { RunningApp, client, startApp } from './support/test-app';

/** Where the README's screenshots are kept: this test takes them. */
const SCREENSHOTS = resolve(__dirname, '../docs');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What the tests read of the page's globals (this file is compiled without the DOM's types). */
interface InPage {
  sameDocument?: boolean;
  document: { documentElement: { scrollWidth: number } };
  axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
}

const releaseCell = 'tr[data-film="balle-perdue-1"] td[data-field="release"]';

jest.setTimeout(30_000);

describe('the web page, in Chromium, on the seed data', () => {
  let running: RunningApp;
  /** Where the tests that write do so: the seed app stays as the others (and the screenshots) expect it. */
  let scratch: RunningApp;
  let browser: Browser;
  const http = client(() => scratch);
  /** What the Content Security Policy refused on any page of a test: nothing may be. */
  const refused: string[] = [];

  beforeAll(async () => {
    [running, scratch] = await Promise.all([startApp(), startApp()]);
    browser = await launchChromium();
    browser.context.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy'))
        refused.push(message.text());
    });
  });
  afterEach(() => expect(refused.splice(0)).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await running?.dispose();
    await scratch?.dispose();
  });

  /** A fresh tab on the page (of the seed app, or of another), with the timeline drawn. */
  async function open(path = '/', width = 1280, app = running): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}${path}`);
    await page
      .locator('.vis-item')
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(async (error: Error) => {
        throw new Error(
          `${error.message}\nThe page said: ${await page.locator('body').innerText()}\n${errors.join('\n')}`,
        );
      });
    expect(errors).toEqual([]);
    return page;
  }

  async function setDay(page: Page, control: 'as-of' | 'known-at', day: string) {
    await page.fill(`#${control}-day`, day);
  }

  it('is served by the API at / and draws a lane for the franchise and one per film', async () => {
    const page = await open();

    const lanes = await page.locator('.vis-labelset .vis-label').allTextContents();

    expect(lanes).toEqual(['Balle perdue: the franchise', 'Balle perdue', 'Balle perdue 2', 'Balle perdue 3']);
    expect(await page.locator('.vis-item [data-kind="FilmReleased"]').count()).toBe(5);
    await page.close();
  });

  it('picks a franchise by an alias with Enter, and shows its lanes alone', async () => {
    const page = await open();

    await page.fill('#franchise-search', 'extraction');
    await page.keyboard.press('Enter');

    await page.locator('.franchise-title', { hasText: 'Tyler Rake' }).waitFor();
    await page.locator('.vis-labelset .vis-label', { hasText: 'Tyler Rake: the franchise' }).waitFor();
    expect(await page.locator('.vis-labelset .vis-label', { hasText: 'Balle perdue' }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('franchise')).toBe('tyler-rake');
    // Known only by its views: out, on a date no article gives.
    const row = page.locator('tr[data-film="tyler-rake-1"]');
    await row.locator('td[data-field="release"]', { hasText: 'released, date not reported' }).waitFor();
    expect(await row.locator('td[data-field="status"]').textContent()).toBe('released');
    await page.close();
  });

  it('goes back to the previous view with the browser’s Back', async () => {
    const page = await open();
    await setDay(page, 'as-of', '2020-06-18');
    await page.locator(releaseCell, { hasText: 'not released' }).waitFor();

    await page.goBack();

    await page.locator(releaseCell, { hasText: '19 June 2020' }).waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBeNull();
    await page.close();
  });

  it('offers every franchise, following the API’s pages to the last', async () => {
    const page = await browser.context.newPage();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/franchises') asked.push(new URL(request.url()).search);
    });
    // Pages of one franchise instead of 1,000: Tyler Rake, second by id, is on the second page.
    await page.route(/\/franchises\?limit=1000$/, (route) =>
      route.continue({ url: route.request().url().replace('limit=1000', 'limit=1') }),
    );

    await page.goto(`${running.url}/?franchise=tyler-rake`);

    await page.locator('.franchise-title', { hasText: 'Tyler Rake' }).waitFor();
    expect(await page.locator('#franchise-results-note').textContent()).toBe(
      '2 franchises match; Enter picks the first.',
    );
    expect(asked).toEqual(['?limit=1000', expect.stringMatching(/^\?limit=1&cursor=/)]);
    await page.close();
  });

  it('says so when a link names no franchise known, and ignores a date that does not exist', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${running.url}/?franchise=nope&asOf=2020-13-45`);

    await page.locator('.alert', { hasText: 'No franchise has the id “nope”' }).waitFor();
    expect(new URL(page.url()).searchParams.get('franchise')).toBe('nope');

    await page.goto(`${running.url}/?asOf=2020-13-45`);
    await page.locator(releaseCell, { hasText: '19 June 2020' }).waitFor();
    await page.close();
  });

  it('finds no release as of a day before 19 June 2020, and keeps the date in the address', async () => {
    const page = await open();

    await setDay(page, 'as-of', '2020-06-18');

    await page.locator(releaseCell, { hasText: 'not released' }).waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2020-06-18');
    // The timeline is asked apart from the state: its marks go when its own answer comes.
    await page.locator('.vis-item [data-kind="FilmReleased"]').first().waitFor({ state: 'detached' });
    await page.close();
  });

  it('shows the release of Balle perdue after it, with the disagreement of the sources marked', async () => {
    const page = await open();

    await setDay(page, 'as-of', '2020-07-01');

    const cell = page.locator(releaseCell, { hasText: '19 June 2020' });
    await cell.waitFor();
    expect(await cell.locator('.dispute').textContent()).toContain('disputed');
    await page.close();
  });

  it('opens the claims behind the release date: 19 June from three sources, 26 June from one', async () => {
    const page = await open('/?asOf=2020-07-01');

    await page.locator(`${releaseCell} button`, { hasText: '19 June 2020' }).click();

    const drawer = page.locator('dialog.drawer[open]');
    const june19 = drawer.locator('li.value-claims[data-value="2020-06-19"]');
    await june19.waitFor();
    expect(await june19.locator('.value-head').textContent()).toMatch(/19 June 2020.*3 sources/);
    expect(await june19.locator('li[data-source]').evaluateAll((items) => items.map((i) => i.dataset.source))).toEqual([
      'article-000',
      'article-001',
      'article-002',
    ]);
    const june26 = drawer.locator('li.value-claims[data-value="2020-06-26"]');
    expect(await june26.locator('.value-head').textContent()).toMatch(/26 June 2020.*1 source\b/);
    expect(await june26.locator('li[data-source="article-004"]').textContent()).toMatch(/published .*2022.* outvoted/);
    expect(await drawer.locator('.believed').textContent()).toMatch(
      /Believed: 19 June 2020.*first claimed by .*article-002/,
    );
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' }).catch(() => page.locator('dialog.drawer:not([open])').waitFor());
    await page.close();
  });

  it('shows behind the 37 million views the origins of the articles, what article 002 relays, and why 37 000 is no conflict', async () => {
    const page = await open();
    const views = page.locator('tr[data-film="balle-perdue-1"] td[data-field="views"] button');
    expect(await views.textContent()).toMatch(/37,000,000.*3 counts by window/);

    await views.click();

    const drawer = page.locator('dialog.drawer[open]');
    await drawer.locator('.note').waitFor();
    expect(await drawer.locator('.note').textContent()).toMatch(/different windows.*never higher/);
    expect(await drawer.locator('article.fact-claims h3').allTextContents()).toEqual([
      'Balle perdue · views · total reached by a date',
      'Balle perdue · views · counted over 1 month',
      'Balle perdue · views · counted over 28 days',
    ]);
    const total = drawer.locator('article.fact-claims').first().locator('li.value-claims[data-value="37000000"]');
    expect(await total.locator('.value-head').textContent()).toMatch(/2 sources, 2 independent origins/);
    expect(await total.locator('li[data-source="article-002"]').textContent()).toMatch(
      /relaying Netflix France on Twitter.*\(social\)/,
    );
    await page.close();
  });

  it('finds no sequel announced by what was known at 31 July 2020', async () => {
    const page = await open();
    const sequel = page.locator('[data-field="sequel"] dd');
    await sequel.locator('button', { hasText: 'yes' }).waitFor();

    await setDay(page, 'known-at', '2020-07-31');

    await sequel.locator('button', { hasText: 'no' }).waitFor();
    expect(new URL(page.url()).searchParams.get('knownAt')).toBe('2020-07-31');
    await page.close();
  });

  it('draws film 2’s scheduled date as an exact day and the “end of 2022” claim as a span', async () => {
    const page = await open();
    const scheduled = (source: string) =>
      page.locator(`.vis-item.kind-ReleaseScheduled:has([data-source="${source}"])`);

    const exact = await scheduled('article-003').getAttribute('class');
    const span = await scheduled('article-004').getAttribute('class');

    expect(exact).toMatch(/\bexact\b/);
    expect(exact).toMatch(/\bvis-box\b/);
    expect(span).toMatch(/\bspan\b/);
    expect(span).toMatch(/\bvis-range\b/);
    // Drawn at the day planned: the exact day (10 November) lies within the span (October to December).
    const day = (await scheduled('article-003').boundingBox())!;
    const months = (await scheduled('article-004').boundingBox())!;
    expect(day.x + day.width / 2).toBeGreaterThan(months.x);
    expect(day.x + day.width / 2).toBeLessThan(months.x + months.width);
    await page.close();
  });

  /** A franchise of its own on the scratch app, with one film released, for a test that writes. */
  async function ownFranchise(id: string): Promise<void> {
    const created = await http.post('/franchises', { id, title: `Saga ${id}`, aliases: [] });
    const source = await http.post('/sources', { id: `${id}-news`, name: 'Saga news', publishedOn: '2022-11-20' });
    const released = await http.post(`/franchises/${id}/releases`, {
      filmId: `${id}-1`,
      title: 'The first film',
      releasedOn: '2021-03-05',
      sourceId: `${id}-news`,
    });
    expect([created.status, source.status, released.status]).toEqual([201, 201, 201]);
  }

  it('shows a claim posted through the API as it is recorded, marked new, without a reload', async () => {
    await ownFranchise('live-saga');
    const page = await open('/?franchise=live-saga', 1280, scratch);
    await page.locator('.live', { hasText: 'Live' }).waitFor();
    await page.evaluate(() => ((globalThis as unknown as InPage).sameDocument = true));

    const posted = await http.post('/franchises/live-saga/viewership-milestones', {
      filmId: 'live-saga-1',
      views: 20_000_000,
      reachedOn: '2022-11',
      sourceId: 'live-saga-news',
    });

    expect(posted.status).toBe(201);
    await page.locator(`.vis-item.fresh:has([data-event-id="${posted.body.eventId}"])`).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as InPage).sameDocument)).toBe(true);
    expect(
      await page.locator(`.entry-list li.fresh[data-event-id="${posted.body.eventId}"] .badge`).textContent(),
    ).toBe('new');
    await page.close();
  });

  it('shows the API’s validation errors beside the fields of the append form, then records a claim', async () => {
    await ownFranchise('form-saga');
    const page = await open('/?franchise=form-saga', 1280, scratch);
    await page.fill('#field-apiKey', scratch.key);
    await page.selectOption('#claim-kind', 'releases');
    await page.fill('#field-sourceId', 'form-saga-news');
    await page.fill('#field-filmId', 'Not An Id');
    await page.fill('#field-releasedOn', '2020-02-30');

    await page.click('button[type="submit"]');

    expect(await page.locator('#error-releasedOn').textContent()).toMatch(/EDTF date/);
    expect(await page.locator('#error-filmId').textContent()).toMatch(/lower-case/);
    expect(await page.getAttribute('#field-releasedOn', 'aria-invalid')).toBe('true');
    expect(await page.locator('.vis-item [data-kind="FilmReleased"]').count()).toBe(1);

    await page.fill('#field-filmId', 'form-saga-2');
    await page.fill('#field-releasedOn', '2022-06');
    await page.click('button[type="submit"]');

    await page.locator('.outcome.ok', { hasText: 'Recorded as event' }).waitFor();
    expect(await page.locator('.field .error').count()).toBe(0);
    await page.locator('.vis-item.fresh [data-kind="FilmReleased"]').waitFor();
    await page.close();
  });

  it('moves through time from the keyboard alone', async () => {
    const page = await open();

    await page.focus('#as-of-range');
    await page.keyboard.press('Home');

    // The slider starts on 1 January of the first year on the timeline, before any film is certain.
    await page.locator('.state', { hasText: 'No film is known at these dates' }).waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2018-01-01');
    await page.close();
  });

  it.each([1280, 390])(
    'has no serious accessibility violation (axe-core) at %i px, nor a page wider than the screen',
    async (width) => {
      const page = await open('/?asOf=2020-07-01', width);
      await page.locator(releaseCell, { hasText: '19 June 2020' }).waitFor();
      // Through the DevTools protocol, as the tests drive the page: a <script> added would be an inline
      // script, which the page's CSP refuses.
      await page.evaluate(AXE);

      const serious = async () =>
        (
          await page.evaluate(async () => {
            return (await (globalThis as unknown as InPage).axe.run()).violations;
          })
        )
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

      expect(await serious()).toEqual([]);
      expect(
        await page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.scrollWidth),
      ).toBeLessThanOrEqual(width);
      await page.locator(`${releaseCell} button`).click();
      await page.locator('dialog.drawer[open] li.value-claims').first().waitFor();
      expect(await serious()).toEqual([]);
      await page.close();
    },
  );

  it('serves the API documentation at /docs, which Swagger UI draws and runs a request from', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${running.url}/docs`);

    await page.locator('#operations-franchises-FranchisesController_list .opblock-summary').click();
    await page.locator('.try-out__btn').click();
    await page.locator('.execute').click();

    expect(await page.locator('.live-responses-table tr.response .response-col_status').textContent()).toBe('200');
    await page.close();
  });

  it.each([1280, 390])('takes the README’s screenshot at %i px', async (width) => {
    const page = await open('/?asOf=2022-12-31', width);
    await page.locator(releaseCell, { hasText: '19 June 2020' }).waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });

    await page.screenshot({ path: resolve(SCREENSHOTS, `web-page-${width}.png`), fullPage: true });

    await page.close();
  });
});
