import { describe, expect, it } from 'vitest';
import { compressedSizes } from './assets.ts';
import { loadDashboardBuild } from './build.ts';
import { PAGES } from './pages.ts';

/** The budget for the feed page. */
const FEED_JS_BUDGET_BYTES = 150 * 1024;

describe('the dashboard build', () => {
  it('has a bundle for every page, and the feed ships less than 150 KB of compressed JavaScript', async () => {
    const build = await loadDashboardBuild();
    for (const page of PAGES) expect(build.pages.has(page.entry), page.entry).toBe(true);
    expect(build.stylesheet).toMatch(/^\/assets\/styles-\w+\.css$/);
    const sizes = compressedSizes(build);
    const feed = build.pages.get('feed')!;
    const feedBytes = [feed.script, ...feed.imports].reduce((sum, file) => sum + sizes.get(file)!, 0);
    expect(feedBytes).toBeGreaterThan(0);
    expect(feedBytes).toBeLessThan(FEED_JS_BUDGET_BYTES);
  });

  it('is read back from dashboard/dist while the sources are unchanged', async () => {
    const first = await loadDashboardBuild();
    const again = await loadDashboardBuild();
    expect(again.sourceHash).toBe(first.sourceHash);
    expect([...again.files.keys()].sort()).toEqual([...first.files.keys()].sort());
    expect(again.pages.get('feed')).toEqual(first.pages.get('feed'));
  });
});
