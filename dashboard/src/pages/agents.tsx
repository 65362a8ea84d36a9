import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNote, Loading } from '../components/Notice.tsx';
import { getJson } from '../lib/api.ts';
import { mount } from '../lib/mount.tsx';
import { useSessionToken } from '../lib/session.ts';
import { LiveStream } from '../lib/stream.ts';
import type { Agent } from '../lib/types.ts';

/**
 * The agent catalogue. Signed in, follows are changed over the stream (follow_agent / unfollow_agent), which stores
 * them for the user as the stream does for every client; the stream's ack says what the user follows.
 */
function Agents() {
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [following, setFollowing] = useState<Set<string> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const stream = useRef<LiveStream | null>(null);
  const token = useSessionToken();

  const refresh = () =>
    getJson<{ agents: Agent[] }>('/api/v1/agents')
      .then((body) => setAgents(body.agents))
      .catch(setError);

  // Run again when the platform refuses the token mid-page: the follows connection made with it closes, Follow goes.
  useEffect(() => {
    void refresh();
    if (!token) return;
    // This connection is for follows, not items: filtered to the rare items of value 100.
    stream.current = new LiveStream({
      token,
      filters: { min_value: 100, high_value: true },
      onSubscription: (subscription) => {
        setFollowing(new Set(subscription.agents));
        void refresh();
      },
      onError: (message) => setError(new Error(message)),
    });
    return () => stream.current?.close();
  }, [token]);

  if (!agents) return error ? <ErrorNote error={error} /> : <Loading />;
  return (
    <>
      <h1>Agents</h1>
      {!token && (
        <p>
          <a href="/login?next=/agents">Sign in</a> to follow agents: the live stream then brings you theirs.
        </p>
      )}
      <ErrorNote error={error} />
      <div class="grid">
        {agents.map((agent) => {
          const follows = following?.has(agent.id) ?? false;
          return (
            <article class="card" key={agent.id} data-agent-id={agent.id}>
              <h2>{agent.name}</h2>
              <p>{agent.description}</p>
              <p class="muted">Sources: {agent.sources.join(', ') || '—'}</p>
              <p>
                <span class="followers">
                  {agent.followers} {agent.followers === 1 ? 'follower' : 'followers'}
                </span>{' '}
                · <a href={`/?agent=${encodeURIComponent(agent.id)}`}>items</a>
              </p>
              {token && following && (
                <button
                  type="button"
                  aria-pressed={follows}
                  onClick={() => (follows ? stream.current?.unfollow(agent.id) : stream.current?.follow(agent.id))}
                >
                  {follows ? 'Unfollow' : 'Follow'}
                  <span class="visually-hidden"> {agent.name}</span>
                </button>
              )}
            </article>
          );
        })}
      </div>
    </>
  );
}

mount(<Agents />);
