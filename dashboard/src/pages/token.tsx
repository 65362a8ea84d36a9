import { useEffect, useState } from 'preact/hooks';
import { ItemCard } from '../components/ItemCard.tsx';
import { ErrorNote, Loading } from '../components/Notice.tsx';
import { getJson, query } from '../lib/api.ts';
import { formatCompactUsd, formatDateTime, formatPct, formatUsd } from '../lib/format.ts';
import { mount } from '../lib/mount.tsx';
import type { FeedPage, Item, TokenInfo } from '../lib/types.ts';

const HOUR_MS = 3_600_000;
const HOURS = 7 * 24;
/** The chart reads at most this many pages of 100 items; a busier token's chart says it is partial. */
const MAX_PAGES = 10;

interface Hour {
  mentions: number;
  sentimentSum: number;
}

/** Mentions and average sentiment per hour over the last 7 days, from the feed filtered to the token. */
async function hourly(symbol: string, since: number): Promise<{ hours: Hour[]; partial: boolean }> {
  const hours: Hour[] = Array.from({ length: HOURS }, () => ({ mentions: 0, sentimentSum: 0 }));
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body: FeedPage = await getJson<FeedPage>(
      `/api/v1/intelligence/${query({ token: symbol, since: new Date(since).toISOString(), size: 100, cursor })}`,
    );
    for (const item of body.items) {
      const slot = Math.floor((Date.parse(item.published_at) - since) / HOUR_MS);
      const hour = hours[Math.min(Math.max(slot, 0), HOURS - 1)]!;
      hour.mentions++;
      hour.sentimentSum += item.sentiment.score;
    }
    if (!body.has_more || !body.next_cursor) return { hours, partial: false };
    cursor = body.next_cursor;
  }
  return { hours, partial: true };
}

function Chart({ hours, partial }: { hours: Hour[]; partial: boolean }) {
  const width = 700;
  const height = 160;
  const most = Math.max(1, ...hours.map((h) => h.mentions));
  const barWidth = width / hours.length;
  const total = hours.reduce((sum, h) => sum + h.mentions, 0);
  const points = hours.flatMap((h, i) =>
    h.mentions ? [`${(i + 0.5) * barWidth},${height / 2 - (h.sentimentSum / h.mentions) * (height / 2 - 4)}`] : [],
  );
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${total} mentions over the last 7 days, by hour, with the average sentiment as a line`}
      >
        <line x1="0" x2={width} y1={height / 2} y2={height / 2} class="axis" />
        {hours.map((h, i) =>
          h.mentions ? (
            <rect
              key={i}
              x={i * barWidth}
              width={Math.max(barWidth - 0.5, 0.5)}
              y={height - (h.mentions / most) * height}
              height={(h.mentions / most) * height}
              class="bar"
            />
          ) : null,
        )}
        {points.length > 1 && <polyline points={points.join(' ')} class="sentiment-line" />}
      </svg>
      <figcaption>
        Mentions per hour (bars, highest {most}) and average sentiment (line, −1 at the bottom to +1 at the top), last 7
        days: {total} items{partial ? ' (the most recent ones only)' : ''}.
      </figcaption>
    </figure>
  );
}

function TokenPage({ symbol }: { symbol: string }) {
  const [info, setInfo] = useState<TokenInfo | null>(null);
  const [series, setSeries] = useState<{ hours: Hour[]; partial: boolean } | null>(null);
  const [latest, setLatest] = useState<Item[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    getJson<TokenInfo>(`/api/v1/intelligence/token/info${query({ symbol })}`)
      .then(setInfo)
      .catch(setError);
    const since = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - (HOURS - 1) * HOUR_MS;
    hourly(symbol, since).then(setSeries).catch(setError);
    getJson<FeedPage>(`/api/v1/intelligence/${query({ token: symbol, size: 10 })}`)
      .then((page) => setLatest(page.items))
      .catch(setError);
  }, [symbol]);

  return (
    <>
      <h1>
        {symbol.toUpperCase()} {info && <span class="muted">{info.name}</span>}
      </h1>
      <ErrorNote error={error} />
      {info && (
        <dl class="stats">
          <div>
            <dt>Price</dt>
            <dd class="num">{formatUsd(info.price_usd)}</dd>
          </div>
          <div>
            <dt>24 h change</dt>
            <dd class={`num ${(info.change_24h_pct ?? 0) >= 0 ? 'up' : 'down'}`}>{formatPct(info.change_24h_pct)}</dd>
          </div>
          <div>
            <dt>Market cap</dt>
            <dd class="num">{formatCompactUsd(info.market_cap_usd)}</dd>
          </div>
          <div>
            <dt>24 h volume</dt>
            <dd class="num">{formatCompactUsd(info.volume_24h_usd)}</dd>
          </div>
          <div>
            <dt>Chain</dt>
            <dd>{info.chain}</dd>
          </div>
          <div>
            <dt>Quoted</dt>
            <dd>
              {formatDateTime(info.as_of)} <span class="muted">({info.source})</span>
            </dd>
          </div>
        </dl>
      )}
      <section>
        <h2>Mentions and sentiment</h2>
        {series ? <Chart {...series} /> : <Loading />}
      </section>
      <section>
        <h2>Latest items</h2>
        {latest === null ? (
          <Loading />
        ) : latest.length ? (
          latest.map((item) => <ItemCard key={item.id} item={item} />)
        ) : (
          <p class="muted">No items mention {symbol.toUpperCase()} yet.</p>
        )}
      </section>
    </>
  );
}

mount(<TokenPage symbol={decodeURIComponent(location.pathname.split('/')[2] ?? '')} />);
