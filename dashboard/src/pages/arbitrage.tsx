import { ErrorNote, Loading } from '../components/Notice.tsx';
import { usePolling } from '../components/usePolling.ts';
import { getJson } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { mount } from '../lib/mount.tsx';

interface Opportunity {
  symbol: string;
  quote_currency: string;
  buy_venue: string;
  sell_venue: string;
  buy_price: number;
  sell_price: number;
  size: number;
  net_profit: number;
  net_profit_pct: number;
}

const REFRESH_MS = 5_000;

function Arbitrage() {
  const { data, error } = usePolling(
    () => getJson<{ as_of: string; source: string; opportunities: Opportunity[] }>('/opportunities?limit=50'),
    REFRESH_MS,
  );
  return (
    <>
      <h1>Arbitrage</h1>
      <ErrorNote error={error} />
      {!data ? (
        <Loading />
      ) : (
        <>
          <p class="muted" role="status">
            {data.opportunities.length} opportunities after taker fees · {data.source} market · as of{' '}
            {formatDateTime(data.as_of)} · refreshes every {REFRESH_MS / 1000} s
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Market</th>
                  <th scope="col">Buy on</th>
                  <th scope="col">Sell on</th>
                  <th scope="col">Buy</th>
                  <th scope="col">Sell</th>
                  <th scope="col">Size</th>
                  <th scope="col">Net profit</th>
                  <th scope="col">Net %</th>
                </tr>
              </thead>
              <tbody>
                {data.opportunities.map((o, i) => (
                  <tr key={`${o.symbol}-${o.buy_venue}-${o.sell_venue}-${i}`}>
                    <th scope="row">{o.symbol}</th>
                    <td>{o.buy_venue}</td>
                    <td>{o.sell_venue}</td>
                    <td class="num">{o.buy_price.toLocaleString('en-US')}</td>
                    <td class="num">{o.sell_price.toLocaleString('en-US')}</td>
                    <td class="num">{o.size.toLocaleString('en-US')}</td>
                    <td class="num">
                      {o.net_profit.toFixed(2)} {o.quote_currency}
                    </td>
                    <td class="num up">{o.net_profit_pct.toFixed(3)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

mount(<Arbitrage />);
