import { formatDateTime, timeAgo } from '../lib/format.ts';
import type { Item } from '../lib/types.ts';

export function Sentiment({ label, score }: { label: string; score: number }) {
  return (
    <span class={`badge sentiment-${label}`} title={`sentiment score ${score.toFixed(2)}`}>
      {label}
    </span>
  );
}

export function ValueBadge({ value }: { value: Item['value'] }) {
  return (
    <span class={`badge value${value.high_value ? ' high' : ''}`} title={value.reasons.join('; ') || 'value score'}>
      {value.high_value ? '★ ' : ''}value {value.score}
    </span>
  );
}

export function TokenLinks({ tokens }: { tokens: Item['tokens'] }) {
  if (!tokens.length) return null;
  return (
    <span class="tokens">
      {tokens.map((t) => (
        <a key={`${t.symbol}-${t.address ?? ''}`} class="token" href={`/tokens/${encodeURIComponent(t.symbol)}`}>
          ${t.symbol}
        </a>
      ))}
    </span>
  );
}

/** One item in a list: what it is, how much it matters and to which tokens, at a glance. */
export function ItemCard({ item, fresh = false }: { item: Item; fresh?: boolean }) {
  return (
    <article class={`card item${fresh ? ' fresh' : ''}`} data-item-id={item.id}>
      <h2 class="item-title">
        <a href={`/items/${item.id}`}>{item.title}</a>
      </h2>
      <p class="meta">
        <span class={`badge type-${item.type}`}>{item.type}</span>
        <ValueBadge value={item.value} />
        <Sentiment label={item.sentiment.label} score={item.sentiment.score} />
        {item.event && <span class="badge event">{item.event.type}</span>}
        <TokenLinks tokens={item.tokens} />
      </p>
      {item.summary && <p class="summary">{item.summary}</p>}
      <p class="meta muted">
        {item.source.name}
        {item.source_count > 1 && ` +${item.source_count - 1}`} · {item.agent_id} ·{' '}
        <time dateTime={item.published_at} title={formatDateTime(item.published_at)}>
          {timeAgo(item.published_at)}
        </time>
      </p>
    </article>
  );
}
