import { seededRandom } from '../../core/seededRandom.ts';
import { type IngestItem, ingestSchema } from './schemas.ts';
import { toRow } from './mapping.ts';
import type { IntelligenceRepository } from './repository.ts';

/**
 * Demo intelligence for the embedded default, so a fresh `npm start` shows a
 * living feed. Written for this project: templates over a handful of real
 * tokens, deterministic (a seeded generator) so every install sees the same feed.
 */

interface DemoToken {
  symbol: string;
  name: string;
  chain: string;
  address: string | null;
}

const tokens: DemoToken[] = [
  { symbol: 'BTC', name: 'Bitcoin', chain: 'bitcoin', address: null },
  { symbol: 'ETH', name: 'Ethereum', chain: 'ethereum', address: null },
  { symbol: 'SOL', name: 'Solana', chain: 'solana', address: null },
  { symbol: 'USDC', name: 'USD Coin', chain: 'ethereum', address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' },
  { symbol: 'UNI', name: 'Uniswap', chain: 'ethereum', address: '0x1f9840a85d5aF5bf1D1762F925BDADdC4201F984' },
  { symbol: 'LINK', name: 'Chainlink', chain: 'ethereum', address: '0x514910771AF9Ca656af840dff83E8264EcF986CA' },
  { symbol: 'ARB', name: 'Arbitrum', chain: 'arbitrum', address: '0x912CE59144191C1204E64559FE8253a0e49E6548' },
  { symbol: 'PEPE', name: 'Pepe', chain: 'ethereum', address: '0x6982508145454Ce325dDbE47a25d4ec3d2311933' },
  { symbol: 'DOGE', name: 'Dogecoin', chain: 'dogecoin', address: null },
  { symbol: 'AVAX', name: 'Avalanche', chain: 'avalanche', address: null },
  { symbol: 'JUP', name: 'Jupiter', chain: 'solana', address: 'JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN' },
  { symbol: 'AAVE', name: 'Aave', chain: 'ethereum', address: '0x7Fc66500c84A76Ad7e9c93437bFc5Ac33E2DDaE9' },
];

type Template = {
  type: IngestItem['type'];
  agent: string;
  source: { kind: string; name: string; author?: string };
  event: NonNullable<IngestItem['event']>['type'];
  sentiment: number;
  value: number;
  title: (t: DemoToken, n: number) => string;
  content: (t: DemoToken, n: number) => string;
};

// biome-ignore format: one template per entry: its fields on one line, its texts on the next
const templates: Template[] = [
  { type: 'exchange', agent: 'listing-hunter', source: { kind: 'exchange', name: 'Binance Announcements' }, event: 'listing', sentiment: 0.7, value: 86,
    title: (t) => `Binance will list ${t.name} (${t.symbol}) with seed tag`, content: (t) => `Binance will open spot trading for ${t.symbol}/USDT and ${t.symbol}/USDC. Deposits open now; withdrawals open tomorrow at 10:00 UTC.` },
  { type: 'exchange', agent: 'listing-hunter', source: { kind: 'exchange', name: 'OKX Announcements' }, event: 'delisting', sentiment: -0.6, value: 74,
    title: (t) => `OKX to delist ${t.symbol} margin pairs`, content: (t) => `OKX will remove ${t.symbol} cross-margin and isolated-margin pairs; open positions will be settled automatically at the index price.` },
  { type: 'news', agent: 'news-sentiment-radar', source: { kind: 'news', name: 'CoinDesk' }, event: 'regulation', sentiment: 0.8, value: 91,
    title: (t) => `SEC approves spot ${t.name} ETF applications`, content: (t) => `The approval opens the door for regulated ${t.symbol} exposure; analysts expect billions in inflows during the first quarter of trading.` },
  { type: 'news', agent: 'news-sentiment-radar', source: { kind: 'news', name: 'The Block' }, event: 'funding', sentiment: 0.5, value: 62,
    title: (t) => `${t.name} ecosystem fund raises $${40 + (t.symbol.length * 7)}M led by Paradigm`, content: (t) => `The fund will back developer tooling and liquidity programs on ${t.chain}, according to a statement shared with The Block.` },
  { type: 'news', agent: 'news-sentiment-radar', source: { kind: 'news', name: 'Decrypt' }, event: 'macro', sentiment: -0.4, value: 48,
    title: (t) => `${t.symbol} slides as Treasury yields climb after hot CPI print`, content: (t) => `Risk assets sold off after inflation came in above expectations; ${t.symbol} lost support at a key level as futures open interest dropped.` },
  { type: 'twitter', agent: 'token-mentions', source: { kind: 'twitter', name: 'X', author: '@lookonchain' }, event: 'other', sentiment: 0.3, value: 55,
    title: (t, n) => `Whale accumulates ${1000 + n * 37} ${t.symbol}`, content: (t, n) => `A fresh wallet withdrew ${1000 + n * 37} $${t.symbol} from Binance in the past 6 hours. Smart money keeps buying the dip.` },
  { type: 'twitter', agent: 'token-mentions', source: { kind: 'twitter', name: 'X', author: '@WuBlockchain' }, event: 'partnership', sentiment: 0.6, value: 66,
    title: (t) => `${t.name} announces partnership with Visa for stablecoin settlement`, content: (t) => `Visa will pilot settlement on ${t.chain} using USDC; ${t.symbol} holders cheer the integration.` },
  { type: 'onchain', agent: 'security-watch', source: { kind: 'onchain', name: 'PeckShield Alert' }, event: 'hack', sentiment: -0.9, value: 94,
    title: (t, n) => `Exploit drains $${(n % 9) + 2}.${n % 10}M from a ${t.name} lending pool`, content: (t) => `An attacker abused a price-oracle manipulation on a ${t.chain} lending market; stolen ${t.symbol} is being bridged out. Users should revoke approvals.` },
  { type: 'onchain', agent: 'security-watch', source: { kind: 'onchain', name: 'Scam Sniffer' }, event: 'hack', sentiment: -0.7, value: 78,
    title: (t) => `Rug pull: fake ${t.symbol} token on ${t.chain} drains liquidity`, content: (t) => `A copycat ${t.symbol} contract removed all liquidity minutes after launch. The real ${t.name} team confirms it is unaffiliated.` },
  { type: 'news', agent: 'news-sentiment-radar', source: { kind: 'news', name: 'Cointelegraph' }, event: 'token_unlock', sentiment: -0.3, value: 58,
    title: (t, n) => `${t.symbol} faces ${(n % 5) + 2}% supply unlock next week`, content: (t) => `Tokens held by early investors and the team unlock on schedule; past unlocks of ${t.symbol} preceded short-term weakness.` },
  { type: 'twitter', agent: 'token-mentions', source: { kind: 'twitter', name: 'X', author: '@ArkhamIntel' }, event: 'airdrop', sentiment: 0.4, value: 52,
    title: (t) => `${t.name} confirms season two airdrop snapshot`, content: (t) => `Eligible wallets can check allocations; ${t.symbol} rewards go to long-term users and liquidity providers.` },
  { type: 'news', agent: 'news-sentiment-radar', source: { kind: 'news', name: 'Bloomberg Crypto' }, event: 'other', sentiment: 0, value: 35,
    title: (t) => `${t.name} developers publish roadmap update`, content: (t) => `The update covers scaling work and fee changes on ${t.chain}; no dates were given for mainnet activation.` },
];

function demoItems(count = 300, now: Date = new Date()): IngestItem[] {
  const random = seededRandom(20_260_101);
  const items: IngestItem[] = [];
  for (let n = 0; n < count; n++) {
    const template = templates[Math.floor(random() * templates.length)]!;
    const token = tokens[Math.floor(random() * tokens.length)]!;
    const jitter = (random() - 0.5) * 0.2;
    const score = Math.max(0, Math.min(100, Math.round(template.value + jitter * 40)));
    const sentiment = Math.max(-1, Math.min(1, Math.round((template.sentiment + jitter) * 100) / 100));
    items.push(
      ingestSchema.parse({
        external_id: `demo-${n}`,
        type: template.type,
        title: template.title(token, n),
        content: template.content(token, n),
        summary: template.title(token, n),
        analysis: `${template.event.replace('_', ' ')} event for ${token.symbol}; sentiment ${sentiment >= 0.2 ? 'bullish' : sentiment <= -0.2 ? 'bearish' : 'neutral'}.`,
        sentiment: {
          label: sentiment >= 0.2 ? 'bullish' : sentiment <= -0.2 ? 'bearish' : 'neutral',
          score: sentiment,
        },
        value: { score, reasons: [`${template.event.replace('_', ' ')} event`, `source: ${template.source.name}`] },
        event: { type: template.event },
        tokens: [{ symbol: token.symbol, name: token.name, chain: token.chain, address: token.address }],
        source: { ...template.source, url: `https://example.com/demo/${n}` },
        agent_id: template.agent,
        // Spread over the last three days, a few minutes apart.
        published_at: new Date(now.getTime() - (count - n) * 14 * 60_000 - Math.floor(random() * 60_000)).toISOString(),
      }),
    );
  }
  return items;
}

/** Seeds the demo feed; idempotent (external ids), so running it twice adds nothing. */
export async function seedDemo(repository: IntelligenceRepository, count = 300): Promise<number> {
  return repository.insertMany(demoItems(count).map((item) => toRow(item)));
}
