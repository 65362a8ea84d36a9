import { ErrorNote, Loading } from '../components/Notice.tsx';
import { usePolling } from '../components/usePolling.ts';
import { getJson } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { mount } from '../lib/mount.tsx';

const REFRESH_MS = 15_000;

interface Leaderboard {
  season: { name: string; starts_at: string; ends_at: string };
  entries: { rank: number; clan: { slug: string; name: string; tag: string | null }; score: number }[];
}

interface War {
  war: {
    season: string;
    status: string;
    starts_at: string;
    ends_at: string;
    clans: { slug: string; name: string; score: number }[];
    leader: string | null;
    margin: number;
  };
}

function WarView({ war }: War) {
  const leader = war.clans.find((c) => c.slug === war.leader);
  return (
    <div class="card">
      <p class="meta">
        <span class="badge">{war.status}</span> {formatDateTime(war.starts_at)} – {formatDateTime(war.ends_at)}
      </p>
      <div class="war">
        {war.clans.map((clan) => (
          <div key={clan.slug} class={`war-side${clan.slug === war.leader ? ' leading' : ''}`}>
            <p class="war-clan">{clan.name}</p>
            <p class="war-score num">{clan.score.toLocaleString('en-US')}</p>
          </div>
        ))}
      </div>
      <p>{leader ? `${leader.name} leads by ${war.margin.toLocaleString('en-US')} points.` : 'Level.'}</p>
    </div>
  );
}

function Clans() {
  const board = usePolling(() => getJson<Leaderboard>('/clans/leaderboard'), REFRESH_MS);
  const war = usePolling(() => getJson<War>('/clans/war'), REFRESH_MS);
  return (
    <>
      <h1>Clan Warz</h1>
      <section>
        <h2>The running war</h2>
        <ErrorNote error={war.error} />
        {war.data ? <WarView war={war.data.war} /> : !war.error && <Loading />}
      </section>
      <section>
        <h2>Leaderboard{board.data && `: ${board.data.season.name}`}</h2>
        <ErrorNote error={board.error} />
        {board.data ? (
          <div class="table-wrap">
            <table class="leaderboard">
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Clan</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {board.data.entries.map((entry) => (
                  <tr key={entry.clan.slug}>
                    <td class="num">{entry.rank}</td>
                    <th scope="row">
                      {entry.clan.name} {entry.clan.tag && <span class="muted">[{entry.clan.tag}]</span>}
                    </th>
                    <td class="num">{entry.score.toLocaleString('en-US')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          !board.error && <Loading />
        )}
      </section>
    </>
  );
}

mount(<Clans />);
