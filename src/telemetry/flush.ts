import { trace, type ProxyTracerProvider } from '@opentelemetry/api';
import { withDeadline } from '../core/deadline.ts';

/** Long enough for a batch to reach a collector; short enough that a dead one cannot hold a shutdown. */
const FLUSH_MS = 3_000;

/**
 * Sends the spans still buffered, before the process exits. Without a
 * started SDK the global provider is the API's no-op one, which has nothing to flush.
 */
export async function flushTraces(): Promise<void> {
  const provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate() as {
    forceFlush?: () => Promise<void>;
  };
  if (provider.forceFlush) await withDeadline(provider.forceFlush(), FLUSH_MS, 'trace export');
}
