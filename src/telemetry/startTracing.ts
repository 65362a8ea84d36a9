/**
 * Starts tracing when an OTLP endpoint is configured; otherwise loads
 * nothing, so the hot paths keep only the API's no-op spans. The SDK is
 * imported here, dynamically, and must be started before the app is imported.
 */
export async function startTracingIfConfigured(env: Record<string, string | undefined>): Promise<boolean> {
  if (!tracingConfigured(env)) return false;
  const { startTracing } = await import('./sdk.ts');
  startTracing();
  return true;
}

/** The standard variables: an endpoint for all signals or for traces alone, unless the SDK is switched off. */
function tracingConfigured(env: Record<string, string | undefined>): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}
