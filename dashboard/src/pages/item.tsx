import { useEffect, useState } from 'preact/hooks';
import { ItemCard, Sentiment, TokenLinks, ValueBadge } from '../components/ItemCard.tsx';
import { ErrorNote, Loading } from '../components/Notice.tsx';
import { ScamCheck } from '../components/ScamCheck.tsx';
import { getJson, query } from '../lib/api.ts';
import { formatCompactUsd, formatDateTime, formatPct, formatUsd, isWebLink } from '../lib/format.ts';
import { mount } from '../lib/mount.tsx';
import type { FeedPage, Item, TokenInfo } from '../lib/types.ts';

interface Entity {
  symbol: string;
  name: string | null;
  chain: string | null;
  address: string | null;
  market: TokenInfo | null;
}

function TokenTable({ entities }: { entities: Entity[] }) {
  if (!entities.length) return <p class="muted">No tokens mentioned.</p>;
  return (
    <div class="table-wrap">
      <table class="tokens-table">
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Price</th>
            <th scope="col">24 h</th>
            <th scope="col">Market cap</th>
          </tr>
        </thead>
        <tbody>
          {entities.map((e) => (
            <tr key={`${e.symbol}-${e.address ?? ''}`}>
              <th scope="row">
                <a href={`/tokens/${encodeURIComponent(e.symbol)}`}>{e.symbol}</a>{' '}
                <span class="muted">{e.market?.name ?? e.name ?? ''}</span>
              </th>
              <td class="num">{formatUsd(e.market?.price_usd)}</td>
              <td class={`num ${(e.market?.change_24h_pct ?? 0) >= 0 ? 'up' : 'down'}`}>
                {formatPct(e.market?.change_24h_pct)}
              </td>
              <td class="num">{formatCompactUsd(e.market?.market_cap_usd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ItemPage({ id }: { id: string }) {
  const [item, setItem] = useState<Item | null>(null);
  const [entities, setEntities] = useState<Entity[] | null>(null);
  const [related, setRelated] = useState<Item[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    getJson<Item>(`/api/v1/intelligence/${encodeURIComponent(id)}`)
      .then((loaded) => {
        setItem(loaded);
        document.title = `${loaded.title} · AlphaNest`;
        const symbols = [...new Set(loaded.tokens.map((t) => t.symbol))].slice(0, 20);
        if (symbols.length)
          getJson<FeedPage>(`/api/v1/intelligence/${query({ token: symbols.join(','), size: 6 })}`)
            .then((page) => setRelated(page.items.filter((i) => i.id !== loaded.id).slice(0, 5)))
            .catch(setError);
      })
      .catch(setError);
    getJson<{ entities: Entity[] }>(`/api/v1/intelligence/entities${query({ id })}`)
      .then((body) => setEntities(body.entities))
      .catch(setError);
  }, [id]);

  if (!item) return error ? <ErrorNote error={error} /> : <Loading />;
  return (
    <article class="item-page">
      <h1>{item.title}</h1>
      <p class="meta">
        <span class={`badge type-${item.type}`}>{item.type}</span>
        <ValueBadge value={item.value} />
        <Sentiment label={item.sentiment.label} score={item.sentiment.score} />
        {item.event && <span class="badge event">{item.event.type}</span>}
        <TokenLinks tokens={item.tokens} />
      </p>
      <p class="muted">
        Published <time dateTime={item.published_at}>{formatDateTime(item.published_at)}</time> · agents{' '}
        {item.agents.join(', ')}
      </p>
      <ErrorNote error={error} />
      {item.summary && (
        <section>
          <h2>Summary</h2>
          <p>{item.summary}</p>
        </section>
      )}
      {item.analysis && (
        <section>
          <h2>Analysis</h2>
          <p>{item.analysis}</p>
        </section>
      )}
      {item.value.reasons.length > 0 && (
        <section>
          <h2>Why it matters</h2>
          <ul>
            {item.value.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2>Tokens</h2>
        {entities ? <TokenTable entities={entities} /> : <Loading />}
      </section>
      {item.tokens.some((t) => t.chain && t.address) && (
        <section>
          <h2>On-chain checks</h2>
          {item.tokens.map((t) =>
            t.chain && t.address ? (
              <ScamCheck key={t.address} symbol={t.symbol} chain={t.chain} address={t.address} />
            ) : null,
          )}
        </section>
      )}
      {item.content && (
        <section>
          <h2>Content</h2>
          <p class="content">{item.content}</p>
        </section>
      )}
      <section>
        <h2>Sources ({item.source_count})</h2>
        <ul>
          {item.sources.map((s, i) => (
            <li key={i}>
              {s.url && isWebLink(s.url) ? (
                <a href={s.url} rel="noopener noreferrer">
                  {s.name}
                </a>
              ) : (
                s.name
              )}
              {s.author && ` · ${s.author}`} <span class="muted">({s.kind})</span>
            </li>
          ))}
        </ul>
      </section>
      {related.length > 0 && (
        <section>
          <h2>Recent items on the same tokens</h2>
          {related.map((r) => (
            <ItemCard key={r.id} item={r} />
          ))}
        </section>
      )}
    </article>
  );
}

mount(<ItemPage id={decodeURIComponent(location.pathname.split('/')[2] ?? '')} />);
