import { useEffect, useRef, useState } from 'preact/hooks';
import { ItemCard } from '../components/ItemCard.tsx';
import { ErrorNote, Loading } from '../components/Notice.tsx';
import { ApiError, getJson, query } from '../lib/api.ts';
import { mount } from '../lib/mount.tsx';
import { settings } from '../lib/settings.ts';
import { LiveStream, type StreamFilters, type StreamState } from '../lib/stream.ts';
import type { Agent, FeedPage, Item } from '../lib/types.ts';

/** The feed's filters, under the REST API's names, as the page's query string carries them. */
const FILTERS = [
  'type',
  'high_value',
  'keyword',
  'token',
  'agent',
  'exclude_agent',
  'sentiment',
  'event',
  'min_value',
  'since',
  'until',
] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

const PAGE_SIZE = 20;
/**
 * A page left open all day keeps at most this many items: past it the oldest are let go (and paging on from them
 * would leave a gap, so the page offers a reload instead).
 */
const MAX_ITEMS = 1_000;
/** Scrolled further down than this, new items wait behind the "N new items" bar instead of moving the list. */
const SCROLLED_PX = 150;
/** A first page that did not load (the gateway restarting) is asked for again, backing off as the stream does. */
const RELOAD_FIRST_MS = 1_000;
const RELOAD_MAX_MS = 10_000;

function filtersFromUrl(): Filters {
  const search = new URLSearchParams(location.search);
  return Object.fromEntries(FILTERS.flatMap((name) => (search.get(name) ? [[name, search.get(name)!]] : [])));
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** The same filters under the stream's names (docs/stream.md); keyword has no stream filter and is matched here. */
function streamFilters(f: Filters): StreamFilters {
  return {
    ...(f.type && { types: list(f.type) }),
    ...(f.token && { tokens: list(f.token) }),
    ...(f.exclude_agent && { exclude_agents: list(f.exclude_agent) }),
    ...(f.sentiment && { sentiments: list(f.sentiment) }),
    ...(f.event && { events: list(f.event) }),
    ...(f.min_value && { min_value: Number(f.min_value) }),
    ...(f.high_value && { high_value: f.high_value === 'true' }),
  };
}

/** Every keyword word in the title or content: the live stand-in for the feed's full-text keyword search. */
function matchesKeyword(item: Item, keyword: string | undefined): boolean {
  if (!keyword) return true;
  const text = `${item.title} ${item.content}`.toLowerCase();
  return keyword
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

function FilterForm({ filters, agents }: { filters: Filters; agents: Agent[] }) {
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const next: Record<string, string> = {};
    for (const name of FILTERS) {
      const value = String(data.get(name) ?? '').trim();
      if (value) next[name] = value;
    }
    location.search = query(next);
  };
  const select = (name: keyof Filters, label: string, options: readonly string[]) => (
    <div class="filter">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} value={filters[name] ?? ''}>
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form class="filters" onSubmit={onSubmit} aria-label="Filters">
      {select('type', 'Type', settings.itemTypes)}
      {select('sentiment', 'Sentiment', settings.sentiments)}
      {select('event', 'Event', settings.eventTypes)}
      {select(
        'agent',
        'Agent',
        agents.map((a) => a.id),
      )}
      {select(
        'exclude_agent',
        'Except agent',
        agents.map((a) => a.id),
      )}
      <div class="filter">
        <label for="filter-keyword">Keyword</label>
        <input id="filter-keyword" name="keyword" type="search" value={filters.keyword ?? ''} />
      </div>
      <div class="filter">
        <label for="filter-token">Token</label>
        <input id="filter-token" name="token" value={filters.token ?? ''} placeholder="BTC, ethereum…" />
      </div>
      <label class="check">
        <input name="high_value" type="checkbox" value="true" checked={filters.high_value === 'true'} /> High value only
      </label>
      {/* No controls of their own: a window from the address (`since`, `until`) stays through Apply. */}
      {filters.since && <input type="hidden" name="since" value={filters.since} />}
      {filters.until && <input type="hidden" name="until" value={filters.until} />}
      <div class="actions">
        <button type="submit">Apply</button>
        <a href="/">Clear</a>
      </div>
    </form>
  );
}

/**
 * The badge: the stream's state, or why there is no stream (the first page was refused or did not load, or the page
 * shows a window that ends at `until`, which live items, newer than it, would not belong to).
 */
type LiveState = StreamState | 'invalid' | 'unavailable' | 'ended';

const LIVE_LABELS: Record<Exclude<LiveState, 'ended'>, string> = {
  live: '● Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  refused: 'Not live: invalid filter',
  invalid: 'Not live: invalid filter',
  unavailable: 'Not live: the feed did not load, retrying…',
};

function Feed() {
  const [filters] = useState(filtersFromUrl);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [items, setItems] = useState<Item[]>([]);
  const [pending, setPending] = useState<Item[]>([]);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState<string | null>(null);
  const [trimmed, setTrimmed] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [state, setState] = useState<LiveState>('connecting');
  const sentinel = useRef<HTMLDivElement>(null);
  const shown = useRef(new Set<string>());
  const firstError = useRef<unknown>(null);

  const loadFirst = async () => {
    setLoading(true);
    try {
      const page = await getJson<FeedPage>(`/api/v1/intelligence/${query({ ...filters, size: PAGE_SIZE })}`);
      shown.current = new Set(page.items.map((i) => i.id));
      setItems(page.items);
      setPending([]);
      setCursor(page.has_more ? page.next_cursor : null);
      setError(null);
      return page.items;
    } catch (err) {
      firstError.current = err;
      setError(err);
      return null;
    } finally {
      setLoading(false);
    }
  };

  const loadMore = async () => {
    if (!cursor || loading) return;
    setLoading(true);
    try {
      const page = await getJson<FeedPage>(`/api/v1/intelligence/${query({ ...filters, size: PAGE_SIZE, cursor })}`);
      const older = page.items.filter((i) => !shown.current.has(i.id));
      for (const item of older) shown.current.add(item.id);
      setItems((current) => [...current, ...older]);
      setCursor(page.has_more ? page.next_cursor : null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    getJson<{ agents: Agent[] }>('/api/v1/agents')
      .then((body) => setAgents(body.agents))
      .catch(setError);
    let stream: LiveStream | undefined;
    let stopped = false;
    let reload: ReturnType<typeof setTimeout> | undefined;
    let reloadMs = RELOAD_FIRST_MS;
    const start = async () => {
      const first = await loadFirst();
      if (stopped) return;
      if (first === null) {
        // No stream without a first page: a filter the feed refused (400) the stream would refuse too, for good; any
        // other failure (the gateway restarting or unreachable) passes, so the page asks again until it loads.
        const refused = firstError.current instanceof ApiError && firstError.current.status === 400;
        setState(refused ? 'invalid' : 'unavailable');
        if (!refused) {
          reload = setTimeout(() => void start(), reloadMs);
          reloadMs = Math.min(reloadMs * 2, RELOAD_MAX_MS);
        }
        return;
      }
      if (filters.until) return setState('ended');
      const newest = first.reduce((max, item) => Math.max(max, item.offset), 0);
      stream = new LiveStream({
        agents: list(filters.agent),
        filters: streamFilters(filters),
        ...(first.length && { since: newest }),
        onState: setState,
        onReset: () => void loadFirst(),
        onError: (message) => setError(new Error(message)),
        onItem: (item) => {
          if (!matchesKeyword(item, filters.keyword) || shown.current.has(item.id)) return;
          shown.current.add(item.id);
          setFresh((current) => new Set(current).add(item.id));
          if (window.scrollY > SCROLLED_PX) setPending((current) => [item, ...current].slice(0, MAX_ITEMS));
          else setItems((current) => keepNewest([item, ...current]));
        },
      });
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(reload);
      stream?.close();
    };
  }, []);

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !cursor) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadMore();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [cursor, loading]);

  /** The newest MAX_ITEMS; the ids shown follow, so memory stays bounded however long the page is open. */
  const keepNewest = (list: Item[]) => {
    if (list.length <= MAX_ITEMS) return list;
    const kept = list.slice(0, MAX_ITEMS);
    shown.current = new Set(kept.map((i) => i.id));
    setTrimmed(true);
    setCursor(null);
    return kept;
  };

  const showPending = () => {
    setItems((current) => keepNewest([...pending, ...current]));
    setPending([]);
    window.scrollTo({ top: 0 });
    document.getElementById('feed-list')?.focus();
  };

  return (
    <>
      <div class="page-head">
        <h1>Live feed</h1>
        <span class={`live-state ${state}`} role="status">
          {state === 'ended' ? `Not live: items up to ${filters.until}` : LIVE_LABELS[state]}
        </span>
      </div>
      <FilterForm filters={filters} agents={agents} />
      {pending.length > 0 && (
        <button type="button" class="new-bar" onClick={showPending}>
          {pending.length} new {pending.length === 1 ? 'item' : 'items'}
        </button>
      )}
      <ErrorNote error={error} />
      <section id="feed-list" class="feed" aria-label="Items" tabindex={-1}>
        {items.map((item) => (
          <ItemCard key={item.id} item={item} fresh={fresh.has(item.id)} />
        ))}
      </section>
      {!loading && items.length === 0 && !error && <p class="muted">No items match these filters yet.</p>}
      {loading && <Loading />}
      {trimmed && (
        <p class="more">
          <a href={location.href}>Reload for older items</a>
        </p>
      )}
      {cursor && (
        <div ref={sentinel} class="more">
          <button type="button" onClick={() => void loadMore()} disabled={loading}>
            Load more
          </button>
        </div>
      )}
    </>
  );
}

mount(<Feed />);
