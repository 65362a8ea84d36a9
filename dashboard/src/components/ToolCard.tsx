import { Readable } from './Readable.tsx';

/** A tool call as the chat shows it: running, or finished with its result and how long it took. */
export interface ToolCall {
  id?: string;
  name: string;
  arguments: unknown;
  result?: unknown;
  is_error?: boolean;
  duration_ms?: number;
}

export function ToolCard({ call }: { call: ToolCall }) {
  const done = call.duration_ms !== undefined;
  return (
    <details class={`card tool-card${call.is_error ? ' failed' : ''}`} data-tool={call.name}>
      <summary>
        <span class="tool-name">{call.name}</span>{' '}
        <span class="muted">
          {done ? `${call.is_error ? 'failed' : 'done'} in ${Math.round(call.duration_ms!)} ms` : 'running…'}
        </span>
      </summary>
      <h3>Arguments</h3>
      <Readable value={call.arguments} />
      {done && (
        <>
          <h3>Result</h3>
          <Readable value={call.result} />
        </>
      )}
    </details>
  );
}
