import { ErrorNote, Loading } from '../components/Notice.tsx';
import { usePolling } from '../components/usePolling.ts';
import { getJson } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { mount } from '../lib/mount.tsx';

interface ServiceStatus {
  name: string;
  status: string;
  services: Record<string, string>;
  metrics: Record<string, number>;
  response_ms: number;
  error?: string;
}

const REFRESH_MS = 10_000;

const METRIC_LABELS: Record<string, (v: number) => string> = {
  http_requests_total: (v) => `${v.toLocaleString('en-US')} HTTP requests`,
  stream_connections: (v) => `${v} stream connections`,
  stream_deliveries_total: (v) => `${v.toLocaleString('en-US')} live items delivered`,
  tool_calls_total: (v) => `${v.toLocaleString('en-US')} tool calls`,
  process_resident_memory_bytes: (v) => `${Math.round(v / 1048576)} MiB resident memory`,
  nodejs_eventloop_lag_p99_seconds: (v) => `${(v * 1000).toFixed(1)} ms event-loop lag (p99)`,
  process_start_time_seconds: (v) => `up since ${formatDateTime(new Date(v * 1000).toISOString())}`,
};

function Status() {
  const { data, error } = usePolling(
    () => getJson<{ checked_at: string; services: ServiceStatus[] }>('/status/services'),
    REFRESH_MS,
  );
  return (
    <>
      <h1>Status</h1>
      <ErrorNote error={error} />
      {!data ? (
        <Loading />
      ) : (
        <>
          <p class="muted" role="status">
            Checked {formatDateTime(data.checked_at)}; refreshes every {REFRESH_MS / 1000} s.
          </p>
          <div class="grid">
            {data.services.map((s) => (
              <article class="card" key={s.name} data-service={s.name}>
                <h2>
                  {s.name} <span class={`badge health-${s.status}`}>{s.status}</span>
                </h2>
                {s.error && <p class="error">{s.error}</p>}
                <ul class="plain">
                  {Object.entries(s.services).map(([name, state]) => (
                    <li key={name}>
                      {name}: <span class={`health-${state}`}>{state}</span>
                    </li>
                  ))}
                  {Object.entries(s.metrics).map(([name, value]) => (
                    <li key={name} class="muted">
                      {METRIC_LABELS[name]?.(value) ?? `${name} ${value}`}
                    </li>
                  ))}
                  <li class="muted">answered in {s.response_ms} ms</li>
                </ul>
              </article>
            ))}
          </div>
        </>
      )}
    </>
  );
}

mount(<Status />);
