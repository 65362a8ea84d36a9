/**
 * `npm run screenshots`: starts the platform with its demo data on ports of its own (the dashboard test bed), opens
 * the dashboard's main pages in Debian's Chromium and writes docs/screenshots/dashboard-*.png, which the README shows.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, startDashboardBed } from '../test/dashboard/platformBed.ts';

const out = join(import.meta.dirname, '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const WAIT = { timeout: 60_000 };

const bed = await startDashboardBed();
try {
  const itemId = await ingest(bed, {
    title: 'Spot bitcoin ETFs take in a record $1.2B as BTC and ETH rally',
    content: 'Spot bitcoin ETF inflows reached a record; ether followed as ETH ETFs saw inflows too.',
    tokens: [{ symbol: 'BTC' }, { symbol: 'ETH' }],
  });
  const context = await bed.browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  const page = await context.newPage();
  const shots: Array<[string, string, string]> = [
    ['feed', '/', 'article.item'],
    ['item', `/items/${itemId}`, '.tokens-table td.num'],
    ['token', '/tokens/BTC', '.chart svg'],
    ['agents', '/agents', 'article[data-agent-id]'],
    ['arbitrage', '/arbitrage', 'table'],
    ['clans', '/clans', 'table.leaderboard tbody tr'],
    ['status', '/status', '[data-service="gateway"] .badge'],
    ['tools', '/tools', 'details[data-tool]'],
  ];
  for (const [name, path, ready] of shots) {
    await page.goto(`${bed.url}${path}`);
    await page.locator(ready).first().waitFor(WAIT);
    await page.screenshot({ path: join(out, `dashboard-${name}.png`) });
  }
  await page.goto(`${bed.url}/login?next=/chat`);
  await page.getByLabel('Access token').fill(bed.userToken);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${bed.url}/chat`, WAIT);
  await page.getByLabel('Message').fill('What is the price of ETH?');
  await page.getByRole('button', { name: 'Send' }).click();
  await page
    .locator('.tool-card')
    .first()
    .getByText(/done in/)
    .waitFor(WAIT);
  await page.locator('.tool-card summary').first().click();
  await page.screenshot({ path: join(out, 'dashboard-chat.png') });
  const phone = await bed.browser.newContext({ viewport: { width: 375, height: 800 }, colorScheme: 'dark' });
  const small = await phone.newPage();
  await small.goto(bed.url);
  await small.locator('article.item').first().waitFor(WAIT);
  await small.screenshot({ path: join(out, 'dashboard-feed-375-dark.png') });
  await small.goto(`${bed.url}/clans`);
  await small.locator('table.leaderboard tbody tr').first().waitFor(WAIT);
  await small.screenshot({ path: join(out, 'dashboard-clans-375-dark.png'), fullPage: true });
  process.stdout.write(`screenshots written to ${out}\n`);
} finally {
  await bed.close();
}
