/**
 * `npm run bench:dashboard`: the dashboard in Debian's Chromium against the platform (gateway, tool server, arbitrage
 * engine and dashboard in this process, the demo feed in an in-memory database; the dashboard test bed):
 *   (a) navigation to the first feed item painted, in a fresh browser context each time (nothing cached);
 *   (b) publish → visible for live items: an item stored through the ingest API until the open feed page shows it,
 *       p50 and p99 over 50 items, one at a time;
 *   (c) the compressed (Brotli) JavaScript each page loads.
 * Targets on this machine: (a) under 1 s, (b) p99 under 500 ms, (c) the feed at most 150 KB.
 * The figures go to docs/benchmarks.md (section "Dashboard").
 */
import type { Page } from 'playwright-core';
import { compressedSizes } from '../src/modules/dashboard/assets.ts';
import { loadDashboardBuild } from '../src/modules/dashboard/build.ts';
import { ingest, startDashboardBed } from '../test/dashboard/platformBed.ts';
import { machine, median, recordSection, table } from './support.ts';

const NAVIGATIONS = 10;
const LIVE_ITEMS = 50;
const WAIT = { timeout: 30_000 };

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

/**
 * Installed before any page script: records when the first feed item is added (ms since navigation start) and the
 * next frame after it, and the wall-clock time each item title first appears, so times are read in the page, not through the driver's round trips.
 */
const OBSERVER = `
  window.__seen = {};
  new MutationObserver(() => {
    for (const link of document.querySelectorAll('article.item h2 a')) {
      if (window.__firstItem === undefined) {
        window.__firstItem = performance.now();
        requestAnimationFrame(() => (window.__firstPaint = performance.now()));
      }
      if (!(link.textContent in window.__seen)) window.__seen[link.textContent] = Date.now();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** What OBSERVER records on the page. */
interface Marks {
  __firstPaint?: number;
  __seen: Record<string, number | undefined>;
}

const bed = await startDashboardBed();
try {
  // (a) navigation → first item painted (the frame after it is added).
  const firsts: number[] = [];
  for (let i = 0; i < NAVIGATIONS; i++) {
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(OBSERVER);
    await page.goto(bed.url);
    // Functions, not strings: the dashboard's CSP forbids eval, which a string predicate needs.
    await page.waitForFunction(() => (globalThis as unknown as Marks).__firstPaint !== undefined, undefined, WAIT);
    firsts.push(await page.evaluate(() => (globalThis as unknown as Marks).__firstPaint!));
    await context.close();
  }

  // (b) publish → visible.
  const context = await bed.browser.newContext();
  const page: Page = await context.newPage();
  await page.addInitScript(OBSERVER);
  await page.goto(bed.url);
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
  const latencies: number[] = [];
  for (let i = 0; i < LIVE_ITEMS; i++) {
    const title = `Bench live item ${i} ${Date.now()}`;
    const published = Date.now();
    await ingest(bed, { title });
    await page.waitForFunction((t) => (globalThis as unknown as Marks).__seen[t] !== undefined, title, WAIT);
    latencies.push((await page.evaluate((t) => (globalThis as unknown as Marks).__seen[t]!, title)) - published);
  }
  await context.close();

  // (c) compressed JavaScript per page.
  const build = await loadDashboardBuild();
  const sizes = compressedSizes(build);
  const perPage = [...build.pages].map(([name, bundle]) => ({
    name,
    bytes: [bundle.script, ...bundle.imports].reduce((sum, file) => sum + sizes.get(file)!, 0),
  }));

  const ms = (v: number) => `${Math.round(v)} ms`;
  const body = [
    `${machine()}; Chromium ${bed.browser.version()}, headless, the demo feed.`,
    '',
    table(
      ['measure', 'result', 'target'],
      [
        [`navigation → first feed item painted (median of ${NAVIGATIONS}, fresh context)`, ms(median(firsts)), '< 1 s'],
        ['  worst of those', ms(Math.max(...firsts)), ''],
        [`publish → visible on the page, p50 (${LIVE_ITEMS} items)`, ms(percentile(latencies, 50)), ''],
        [`publish → visible on the page, p99 (${LIVE_ITEMS} items)`, ms(percentile(latencies, 99)), '< 500 ms'],
      ],
    ),
    '',
    table(
      ['page', 'JavaScript, Brotli'],
      perPage.map((p) => [p.name, `${(p.bytes / 1024).toFixed(1)} KB`]),
    ),
    '',
    'The feed page\'s budget is 150 KB. "Publish" is the POST to the ingest API; "visible" is when the item\'s title is in the page\'s DOM (read in the page).',
  ].join('\n');
  process.stdout.write(`${body}\n`);
  recordSection('Dashboard', body);
} finally {
  await bed.close();
}
