import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrors, type DashboardBed, ingest, seriousViolations, startDashboardBed } from './platformBed.ts';

/** Conditions are waited for, never timed: these only bound a wait that would otherwise hang. */
const WAIT = { timeout: 30_000 };

let bed: DashboardBed;
let guest: BrowserContext;
let itemId: string;

beforeAll(async () => {
  bed = await startDashboardBed();
  guest = await bed.browser.newContext();
  itemId = await ingest(bed, {
    title: 'Bitcoin and Ether rally as ETF inflows hit a record',
    content: 'Spot bitcoin ETF inflows reached a record; ETH followed.',
    tokens: [{ symbol: 'BTC' }, { symbol: 'ETH' }],
  });
}, 180_000);

afterAll(async () => {
  await guest?.close();
  await bed?.close();
});

async function signIn(page: Page, token: string, { url = bed.url, next = '/chat' } = {}) {
  await page.goto(`${url}/login?next=${next}`);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${url}${next}`, WAIT);
}

/** Each page and what shows it has loaded real data from the platform. */
const pages: Array<{ name: string; path: () => string; ready: (page: Page) => Promise<unknown>; signedIn?: boolean }> =
  [
    { name: '/', path: () => '/', ready: (p) => p.locator('article.item').first().waitFor(WAIT) },
    {
      name: '/items/{id}',
      path: () => `/items/${itemId}`,
      ready: (p) => p.locator('.tokens-table td.num', { hasText: '$' }).first().waitFor(WAIT),
    },
    {
      name: '/tokens/BTC',
      path: () => '/tokens/BTC',
      ready: (p) => p.locator('.stats dd', { hasText: '$' }).first().waitFor(WAIT),
    },
    { name: '/agents', path: () => '/agents', ready: (p) => p.locator('article[data-agent-id]').first().waitFor(WAIT) },
    {
      name: '/chat',
      path: () => '/chat',
      signedIn: true,
      ready: (p) => p.getByRole('button', { name: 'New conversation' }).waitFor(WAIT),
    },
    {
      name: '/tools',
      path: () => '/tools',
      ready: (p) => p.locator('details[data-tool="market.token_info"]').waitFor(WAIT),
    },
    {
      name: '/arbitrage',
      path: () => '/arbitrage',
      ready: (p) => p.getByText(/opportunities after taker fees/).waitFor(WAIT),
    },
    {
      name: '/clans',
      path: () => '/clans',
      ready: (p) => p.locator('table.leaderboard tbody tr').first().waitFor(WAIT),
    },
    {
      name: '/status',
      path: () => '/status',
      ready: (p) => p.locator('[data-service="gateway"] .badge', { hasText: 'healthy' }).waitFor(WAIT),
    },
    { name: '/login', path: () => '/login', ready: (p) => p.getByLabel('Access token').waitFor(WAIT) },
  ];

describe('dashboard pages', () => {
  for (const { name, path, ready, signedIn } of pages)
    it(`${name} renders real data at 375 px, with a title, no console errors and no serious axe violation`, async () => {
      const context = await bed.browser.newContext({ viewport: { width: 375, height: 800 } });
      const page = await context.newPage();
      const errors = consoleErrors(page);
      try {
        if (signedIn) await signIn(page, bed.userToken);
        await page.goto(`${bed.url}${path()}`);
        await ready(page);
        expect(await page.title()).toMatch(/ · AlphaNest$/);
        expect(await page.locator('meta[charset="utf-8"]').count()).toBe(1);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
});

describe('every page', () => {
  it('shows where the keyboard focus is', async () => {
    const page = await guest.newPage();
    try {
      await page.goto(`${bed.url}/agents`);
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      expect(await focused.textContent()).toBe('Skip to content');
      await page.keyboard.press('Tab');
      const outline = await page
        .locator(':focus')
        .evaluate((el) => (globalThis as any).getComputedStyle(el).outlineStyle);
      expect(outline).toBe('solid');
    } finally {
      await page.close();
    }
  });

  it('follows the system colour scheme', async () => {
    const background = async (colorScheme: 'light' | 'dark') => {
      const context = await bed.browser.newContext({ colorScheme });
      const page = await context.newPage();
      try {
        await page.goto(`${bed.url}/login`);
        return await page.locator('body').evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor);
      } finally {
        await context.close();
      }
    };
    expect(await background('light')).toBe('rgb(255, 255, 255)');
    expect(await background('dark')).toBe('rgb(15, 18, 23)');
  });
});

describe('the live feed', () => {
  it('shows an item ingested through the API without a reload, and again after the stream connection is cut and restored', async () => {
    const page = await guest.newPage();
    try {
      await page.goto(bed.url);
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
      await ingest(bed, { title: 'Live one: a listing announced on a major exchange' });
      await page.getByRole('link', { name: 'Live one: a listing announced on a major exchange' }).waitFor(WAIT);

      bed.gatewayLink.cut();
      await page.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor(WAIT);
      await ingest(bed, { title: 'Missed one: stored while the stream was down' });
      bed.gatewayLink.restore();
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
      await page.getByRole('link', { name: 'Missed one: stored while the stream was down' }).waitFor(WAIT);
      await ingest(bed, { title: 'Live two: after the connection came back' });
      await page.getByRole('link', { name: 'Live two: after the connection came back' }).waitFor(WAIT);
      // Each arrived once.
      expect(await page.locator('article.item', { hasText: 'Missed one' }).count()).toBe(1);
    } finally {
      bed.gatewayLink.restore();
      await page.close();
    }
  });

  it('asks again for a first page that did not load, and goes live once the gateway answers', async () => {
    const page = await guest.newPage();
    try {
      // The gateway restarting while a trader opens the feed.
      bed.gatewayLink.cut();
      await page.goto(bed.url);
      await page.getByRole('status').filter({ hasText: 'the feed did not load' }).waitFor(WAIT);
      bed.gatewayLink.restore();
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
      await page.locator('article.item').first().waitFor(WAIT);
      await ingest(bed, { title: 'Live three: after the feed loaded late' });
      await page.getByRole('link', { name: 'Live three: after the feed loaded late' }).waitFor(WAIT);
    } finally {
      bed.gatewayLink.restore();
      await page.close();
    }
  });

  it('keeps its filters in the URL with the REST names and shows only matching items', async () => {
    await ingest(bed, { type: 'exchange', title: 'Exchange notice: ETF product listed for trading' });
    const page = await guest.newPage();
    try {
      await page.goto(`${bed.url}/?type=exchange&keyword=etf`);
      await page.getByRole('link', { name: 'Exchange notice: ETF product listed for trading' }).waitFor(WAIT);
      const types = await page.locator('article.item .meta .badge[class*="type-"]').allTextContents();
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(['exchange']));
      expect(await page.getByLabel('Type', { exact: true }).inputValue()).toBe('exchange');
      expect(await page.getByLabel('Keyword', { exact: true }).inputValue()).toBe('etf');

      await page.getByLabel('Sentiment', { exact: true }).selectOption('bearish');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/sentiment=bearish/, WAIT);
      expect(new URL(page.url()).searchParams.get('type')).toBe('exchange');
    } finally {
      await page.close();
    }
  });

  it('says it is not live, rather than connecting for ever, when the feed or the stream refuses a filter', async () => {
    const page = await guest.newPage();
    try {
      // The feed answers 400 and the page does not open the stream.
      for (const [search, field] of [
        ['type=bogus', 'type'],
        ['min_value=999', 'min_value'],
      ]) {
        await page.goto(`${bed.url}/?${search}`);
        await page.getByRole('alert').filter({ hasText: field }).waitFor(WAIT);
        await page.getByRole('status').filter({ hasText: 'Not live: invalid filter' }).waitFor(WAIT);
      }
      // The feed finds nothing for an agent id it does not know; the stream refuses the subscription.
      await page.goto(`${bed.url}/?agent=bogus`);
      await page.getByRole('alert').filter({ hasText: 'bogus is not an agent' }).waitFor(WAIT);
      await page.getByRole('status').filter({ hasText: 'Not live: invalid filter' }).waitFor(WAIT);
    } finally {
      await page.close();
    }
  });

  it('sends since to the feed: a bad one is shown as its error, a good one stays through Apply', async () => {
    const page = await guest.newPage();
    try {
      await page.goto(`${bed.url}/?since=notadate`);
      await page
        .getByRole('alert')
        .filter({ hasText: /^since: / })
        .waitFor(WAIT);
      await page.getByRole('status').filter({ hasText: 'Not live: invalid filter' }).waitFor(WAIT);
      expect(await page.locator('article.item').count()).toBe(0);

      await page.goto(`${bed.url}/?since=2020-01-01`);
      await page.locator('article.item').first().waitFor(WAIT);
      await page.getByLabel('Sentiment', { exact: true }).selectOption('bullish');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/sentiment=bullish/, WAIT);
      expect(new URL(page.url()).searchParams.get('since')).toBe('2020-01-01');
    } finally {
      await page.close();
    }
  });

  it('shows a window ending at until without going live; a bad until is the feed’s error', async () => {
    const page = await guest.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    try {
      await page.goto(`${bed.url}/?until=notadate`);
      await page
        .getByRole('alert')
        .filter({ hasText: /^until: / })
        .waitFor(WAIT);

      await ingest(bed, { title: 'Stored before the window is looked at' });
      await page.goto(`${bed.url}/?until=2020-01-01`);
      await page.getByRole('status').filter({ hasText: 'Not live: items up to 2020-01-01' }).waitFor(WAIT);
      // Every stored item is newer than the window's end; live ones would be too, so no stream is opened.
      expect(await page.locator('article.item').count()).toBe(0);
      expect(sockets).toEqual([]);
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/until=2020-01-01/, WAIT);
    } finally {
      await page.close();
    }
  });

  it('leaves out an excluded agent’s items, on the first page and live', async () => {
    const alert = { type: 'onchain', agent_id: 'onchain-watch' };
    await ingest(bed, { ...alert, title: 'Scam alert: a token that cannot be sold' });
    const page = await guest.newPage();
    try {
      await page.goto(`${bed.url}/?exclude_agent=onchain-watch`);
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
      const except = page.getByLabel('Except agent', { exact: true });
      // The agents' options come after the page's first paint, from GET /api/v1/agents.
      await except.locator('option', { hasText: 'onchain-watch' }).waitFor({ state: 'attached', ...WAIT });
      expect(await except.inputValue()).toBe('onchain-watch');
      await ingest(bed, { ...alert, title: 'Live scam alert: another token that cannot be sold' });
      await ingest(bed, { agent_id: 'news-sentiment-radar', title: 'Live news stored after the alert' });
      // The stream sends in storage order: the news arriving means the alert before it was left out, not late.
      await page.getByRole('link', { name: 'Live news stored after the alert' }).waitFor(WAIT);
      expect(await page.getByRole('link', { name: /scam alert/i }).count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('holds new items behind an "N new items" bar while the reader is scrolled down', async () => {
    const page = await guest.newPage();
    try {
      await page.setViewportSize({ width: 800, height: 400 });
      await page.goto(bed.url);
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
      await page.locator('article.item').nth(5).scrollIntoViewIfNeeded();
      await page.waitForFunction('window.scrollY > 150', undefined, WAIT);
      await ingest(bed, { title: 'Held back: arrived while scrolled down' });
      const bar = page.getByRole('button', { name: /^1 new item$/ });
      await bar.waitFor(WAIT);
      expect(await page.getByRole('link', { name: 'Held back: arrived while scrolled down' }).count()).toBe(0);
      await bar.click();
      await page.getByRole('link', { name: 'Held back: arrived while scrolled down' }).waitFor(WAIT);
    } finally {
      await page.close();
    }
  });
});

describe('the item page', () => {
  it('shows the naughty_coin verdict for an on-chain token when asked', async () => {
    const introspection: any = await (await fetch(`${bed.url}/introspect`)).json();
    const check = introspection.tools.find((t: any) => t.name === 'naughty_coin.check_token');
    const { chain, address } = check.examples[0].input;
    const id = await ingest(bed, {
      type: 'onchain',
      title: 'New token launched with a pool on the local chain',
      tokens: [{ symbol: 'HONEY', chain, address }],
    });
    const page = await guest.newPage();
    try {
      await page.goto(`${bed.url}/items/${id}`);
      await page.getByRole('button', { name: 'Check for scam patterns' }).click();
      // The first check on the embedded chain waits for anvil to start and the demo contracts to deploy.
      await page
        .locator('.scam-check .badge', { hasText: /safe|caution|danger|unknown/ })
        .waitFor({ timeout: 120_000 });
      expect(await page.locator('.scam-check').textContent()).toMatch(/risk score \d+ \/ 100/);
    } finally {
      await page.close();
    }
  }, 180_000);
});

describe('signed in', () => {
  it('streams a chat answer with a tool card, and deletes the conversation', async () => {
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, bed.userToken);
      await page.getByLabel('Message').fill('What is the price of BTC?');
      await page.getByRole('button', { name: 'Send' }).click();
      const card = page.locator('.tool-card[data-tool="market.token_info"], .tool-card[data-tool^="market"]').first();
      await card.waitFor(WAIT);
      await card.getByText(/done in \d+ ms/).waitFor(WAIT);
      await page.locator('.message.assistant .text', { hasText: 'BTC' }).waitFor(WAIT);
      const conversation = page.locator('.conversations li', { hasText: 'What is the price of BTC?' });
      await conversation.waitFor(WAIT);
      await conversation.getByRole('button', { name: /^Delete/ }).click();
      await conversation.waitFor({ state: 'detached', ...WAIT });
    } finally {
      await context.close();
    }
  });

  it('takes no message longer than the gateway accepts, and puts one the gateway did not take back in the box', async () => {
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, bed.userToken);
      const box = page.getByLabel('Message');
      expect(await box.getAttribute('maxlength')).toBe('4000');
      await page.route('**/api/chat/message', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'upstream_unavailable', message: 'the gateway is restarting' } }),
        }),
      );
      await box.fill('What is the price of ETH?');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('alert').filter({ hasText: 'the gateway is restarting' }).waitFor(WAIT);
      expect(await box.inputValue()).toBe('What is the price of ETH?');
      expect(await page.locator('.message').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('signs in with one click as a dev user under ENV=dev', async () => {
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${bed.url}/login`);
      await page.getByRole('button', { name: 'Sign in as a dev user' }).click();
      await page.waitForURL(`${bed.url}/chat`, WAIT);
      await page.getByText('dev-user').waitFor(WAIT);
      expect(await page.evaluate(() => sessionStorage.getItem('alphanest.token'))).toMatch(/^ey/);
    } finally {
      await context.close();
    }
  });

  it('goes back after signing in only to a page of this site', async () => {
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    try {
      // A browser follows `/\host` as `//host`: another site, so the reader lands on the chat instead.
      await page.goto(`${bed.url}/login?next=${encodeURIComponent('/\\example.org/x')}`);
      await page.getByRole('button', { name: 'Sign in as a dev user' }).click();
      await page.waitForURL(`${bed.url}/chat`, WAIT);
    } finally {
      await context.close();
    }
  });

  it('drops a token the platform stopped accepting: the pages go on as a guest’s and the header says why', async () => {
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    // What a token that expired since sign-in, or whose key was rotated, is to the platform: one it refuses.
    const refused = `${bed.userToken.slice(0, -8)}AAAAAAAA`;
    const holdRefusedToken = () => page.evaluate((token) => sessionStorage.setItem('alphanest.token', token), refused);
    const signedOut = page.locator('#session .session-ended', { hasText: 'Sign in' });
    try {
      await page.goto(`${bed.url}/login`);
      for (const { path, ready } of [
        { path: '/agents', ready: page.locator('article[data-agent-id]').first() },
        { path: '/tools', ready: page.locator('details[data-tool="market.token_info"]') },
        { path: '/', ready: page.locator('article.item').first() },
      ]) {
        await holdRefusedToken();
        await page.goto(`${bed.url}${path}`);
        await ready.waitFor(WAIT);
        await signedOut.waitFor(WAIT);
        expect(await page.evaluate(() => sessionStorage.getItem('alphanest.token'))).toBeNull();
      }
      await holdRefusedToken();
      await page.goto(`${bed.url}/chat`);
      await signedOut.waitFor(WAIT);
    } finally {
      await context.close();
    }
  });

  it('takes Follow and Run away once the platform refuses the token mid-page, without a reload', async () => {
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    const refused = `${bed.userToken.slice(0, -8)}AAAAAAAA`;
    try {
      await signIn(page, bed.userToken);
      await page.goto(`${bed.url}/agents`);
      const card = page.locator('article[data-agent-id="security-watch"]');
      await card.getByRole('button', { name: /^Follow/ }).waitFor(WAIT);
      // What endSession does when any call of the tab is refused; /tools below gets there by a refused call.
      await page.evaluate(`sessionStorage.removeItem('alphanest.token');
        window.dispatchEvent(new CustomEvent('alphanest:session-ended', { detail: 'token expired' }))`);
      await page.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor(WAIT);
      await card.getByRole('button', { name: /^Follow/ }).waitFor({ state: 'detached', ...WAIT });

      await page.evaluate((token) => sessionStorage.setItem('alphanest.token', token), bed.userToken);
      await page.goto(`${bed.url}/tools`);
      const wallet = page.locator('details[data-tool="wallet.analyze"]');
      await wallet.locator('summary').click();
      await wallet.getByRole('button', { name: 'Run' }).waitFor(WAIT);
      // The token expires while the page is open: the next call with it is refused.
      await page.evaluate((token) => sessionStorage.setItem('alphanest.token', token), refused);
      const tokenInfo = page.locator('details[data-tool="market.token_info"]');
      await tokenInfo.locator('summary').click();
      await tokenInfo.getByLabel('symbol').fill('ETH');
      await tokenInfo.getByRole('button', { name: 'Run' }).click();
      await page.locator('#session .session-ended').waitFor(WAIT);
      await wallet.getByRole('link', { name: 'Sign in' }).waitFor(WAIT);
      expect(await wallet.getByRole('button', { name: 'Run' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('follows and unfollows an agent', async () => {
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, bed.userToken);
      await page.goto(`${bed.url}/agents`);
      const card = page.locator('article[data-agent-id="security-watch"]');
      await card.getByRole('button', { name: /^Follow/ }).click();
      await card.getByRole('button', { name: /^Unfollow/ }).waitFor(WAIT);
      await card.getByText('1 follower').waitFor(WAIT);
      await card.getByRole('button', { name: /^Unfollow/ }).click();
      await card.getByRole('button', { name: /^Follow/ }).waitFor(WAIT);
      await card.getByText('0 followers').waitFor(WAIT);
    } finally {
      await context.close();
    }
  });
});

describe('tools', () => {
  it('runs a tool from the form its JSON Schema generates, its result readable at 375 px', async () => {
    const page = await guest.newPage();
    try {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(`${bed.url}/tools`);
      const tool = page.locator('details[data-tool="market.token_info"]');
      await tool.locator('summary').click();
      await tool.getByLabel('symbol').fill('ETH');
      await tool.getByRole('button', { name: 'Run' }).click();
      await tool.locator('.tool-result dt', { hasText: 'price usd' }).waitFor(WAIT);
      expect(await tool.locator('.tool-result').textContent()).toContain('ETH');
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
      ).toBeLessThanOrEqual(0);
    } finally {
      await page.close();
    }
  });

  it('says which call the platform did not answer in time, not the browser’s "signal timed out"', async () => {
    const page = await guest.newPage();
    try {
      // The tool list never comes; the page's clock is moved past the deadline instead of waiting it out.
      await page.clock.install();
      await page.route('**/introspect', () => {});
      const asked = page.waitForRequest('**/introspect', WAIT);
      await page.goto(`${bed.url}/tools`);
      await asked;
      await page.clock.fastForward('00:21');
      await page
        .getByRole('alert')
        .filter({ hasText: 'The platform did not answer GET /introspect within 20 s; try again.' })
        .waitFor(WAIT);
    } finally {
      await page.close();
    }
  });

  it('scrolls a result table wider than a 375 px screen inside its own box, not the page', async () => {
    const page = await guest.newPage();
    try {
      await page.setViewportSize({ width: 375, height: 800 });
      // A record of arbitrage.scan's answer: fifteen columns, too many for a phone.
      const row = {
        symbol: 'XMR/USDT',
        base_currency: 'XMR',
        quote_currency: 'USDT',
        buy_venue: 'binance',
        buy_price: 404.9237,
        buy_fee_pct: 0.04,
        sell_venue: 'bybit',
        sell_price: 406.49807,
        sell_fee_pct: 0.1,
        size: 208.90929,
        executable_size: 208.90929,
        cost: 84626.158,
        net_profit: 210.14258,
        net_profit_pct: 0.2483,
        complete: true,
      };
      await page.route('**/execute', (route) =>
        route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({ tool_name: 'market.movers', result: { opportunities: [row, row] }, duration_ms: 1 }),
        }),
      );
      await page.goto(`${bed.url}/tools`);
      const tool = page.locator('details[data-tool="market.movers"]');
      await tool.locator('summary').click();
      await tool.getByRole('button', { name: 'Run' }).click();
      await tool.locator('.tool-result th', { hasText: 'complete' }).waitFor(WAIT);
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
      ).toBeLessThanOrEqual(0);
    } finally {
      await page.close();
    }
  });

  it('takes a chain id or a chain name where the schema allows a number or a string, and sends each as such', async () => {
    const page = await guest.newPage();
    const sent: unknown[] = [];
    // Only the arguments the form sends are under test here, not the chain behind the tool.
    await page.route('**/execute', async (route) => {
      const body = route.request().postDataJSON();
      sent.push(body.parameters);
      await route.fulfill({ json: { tool_name: body.tool_name, result: { checked: true }, duration_ms: 1 } });
    });
    try {
      await page.goto(`${bed.url}/tools`);
      const tool = page.locator('details[data-tool="naughty_coin.check_token"]');
      await tool.locator('summary').click();
      const chain = tool.getByLabel('chain');
      expect(await chain.getAttribute('type')).not.toBe('number');
      await tool.getByLabel('address').fill('0x00000000000000000000000000000000000000aa');
      for (const value of ['local', '31337']) {
        await chain.fill(value);
        await tool.getByRole('button', { name: 'Run' }).click();
        await expect.poll(() => sent.length, WAIT).toBe(value === 'local' ? 1 : 2);
      }
      expect(sent).toEqual([
        { chain: 'local', address: '0x00000000000000000000000000000000000000aa' },
        { chain: 31337, address: '0x00000000000000000000000000000000000000aa' },
      ]);
      // A field that takes only numbers keeps its number input.
      const scan = page.locator('details[data-tool="naughty_coin.scan_new"]');
      await scan.locator('summary').click();
      expect(await scan.getByLabel('chain').getAttribute('type')).not.toBe('number');
      expect(await scan.getByLabel('from_block').getAttribute('type')).toBe('number');
    } finally {
      await page.close();
    }
  });

  it('asks a guest to sign in instead of making a call that would fail, and runs tools with the signed-in token', async () => {
    // In development a guest runs guest tools; one above the guest role asks for a sign-in.
    const devPage = await guest.newPage();
    try {
      await devPage.goto(`${bed.url}/tools`);
      const wallet = devPage.locator('details[data-tool="wallet.analyze"]');
      await wallet.locator('summary').click();
      await wallet.getByRole('link', { name: 'Sign in' }).waitFor(WAIT);
      expect(await wallet.getByRole('button', { name: 'Run' }).count()).toBe(0);
    } finally {
      await devPage.close();
    }

    // Outside development the tool server runs nothing without a token: a guest is asked to sign in, and no call goes.
    const elsewhere = await bed.outsideDev();
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    const executed: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/execute') executed.push(response.status());
    });
    try {
      await page.goto(`${elsewhere.url}/tools`);
      const tool = page.locator('details[data-tool="market.token_info"]');
      await tool.locator('summary').click();
      await tool.getByRole('link', { name: 'Sign in' }).click();
      // The hint's link comes back to the tools page once signed in, and the token goes with the call.
      await page.waitForURL(/\/login\?next=%2Ftools/, WAIT);
      expect(executed).toEqual([]);
      await signIn(page, bed.userToken, { url: elsewhere.url, next: '/tools' });
      const signedIn = page.locator('details[data-tool="market.token_info"]');
      await signedIn.locator('summary').click();
      await signedIn.getByLabel('symbol').fill('ETH');
      await signedIn.getByRole('button', { name: 'Run' }).click();
      await signedIn.locator('.tool-result dt', { hasText: 'price usd' }).waitFor(WAIT);
      expect(executed).toEqual([200]);
    } finally {
      await context.close();
    }
  });
});
