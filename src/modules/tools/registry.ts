import { SpanStatusCode, type Span } from '@opentelemetry/api';
import type { Principal } from '../../core/auth/auth.ts';
import type { Logger } from '../../core/logger.ts';
import { findUnsafeInput } from '../../core/text.ts';
import type { AppContext } from '../../core/context.ts';
import { inSpan } from '../../telemetry/spans.ts';
import { accessDenied } from './access.ts';
import { createCallLimiter, type CallLimiter } from './callLimiter.ts';
import { deadline, untilAborted } from '../../core/deadline.ts';
import { rootCause } from '../../core/dependencyErrors.ts';
import { UpstreamError } from '../../core/domainErrors.ts';
import { toolJsonSchemas, type ToolJsonSchemas, unknownArguments } from './jsonSchemas.ts';
import type { ToolDefinition, ToolDomain } from '../../core/tool.ts';
import {
  badArguments,
  invalidParameters,
  thrownFailure,
  toolError,
  type ToolError,
  type ToolFailure,
} from './toolErrors.ts';
import { createToolMetrics } from './toolMetrics.ts';

export interface ExecuteOptions {
  principal: Principal | null;
  /** Aborts the call (the client went away); the tool's timeout is added to it. */
  signal?: AbortSignal;
  logger?: Logger;
  /** Whom the rate limit counts a guest call against (e.g. `ip:…`); signed-in callers count as themselves. */
  client?: string;
  /** Hears the handler's progress reports (an MCP client's progressToken). */
  progress?: (done: number, total?: number, message?: string) => void;
}

export type ToolOutcome =
  | {
      ok: true;
      result: Record<string, unknown>;
      /** The result as JSON, written once here: a surface that stores or sends it as text reuses it. */
      json: string;
      /** The result's size as JSON, as checked against TOOL_RESULT_MAX_BYTES. */
      bytes: number;
      duration_ms: number;
    }
  | { ok: false; error: ToolFailure; status: number; duration_ms: number };

export interface ToolRegistry {
  domains: readonly ToolDomain[];
  list(): readonly ToolDefinition[];
  byDomain(): Record<string, readonly ToolDefinition[]>;
  get(name: string): ToolDefinition | undefined;
  jsonSchemas: ReadonlyMap<string, ToolJsonSchemas>;
  /** The one way every surface (REST, MCP, chat) runs a tool; never throws. */
  execute(name: string, parameters: unknown, options: ExecuteOptions): Promise<ToolOutcome>;
}

export interface RegistryOptions {
  /** Defaults to the context's Redis-shared limiter with TOOL_RATE_LIMIT_PER_MINUTE. */
  limiter?: CallLimiter;
}

const TOOL_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;

/** A refused or failed call names its code on the span; only the server's own failures (5xx) are span errors. */
function markFailed(span: Span, { failure, status }: ToolError): void {
  span.setAttribute('error.type', failure.code);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
}

/**
 * Builds the registry over the modules' tool domains. Each call is checked
 * in a fixed order (known tool, role, rate limit, parameters), then runs under
 * the tool's timeout; its result is checked against the output schema and
 * size-capped, so what leaves is always valid JSON of the documented shape.
 */
export function createToolRegistry(
  { config, logger: baseLogger, metrics: prom, redis }: Pick<AppContext, 'config' | 'logger' | 'metrics' | 'redis'>,
  domains: readonly ToolDomain[],
  options: RegistryOptions = {},
): ToolRegistry {
  const tools = domains.flatMap((d) => d.tools);
  const byName = new Map<string, ToolDefinition>();
  for (const domain of domains) {
    for (const tool of domain.tools) {
      if (!TOOL_NAME.test(tool.name) || !tool.name.startsWith(`${domain.name}.`))
        throw new Error(`tool ${tool.name}: the name must be ${domain.name}.<action> (lower case, underscores)`);
      if (byName.has(tool.name)) throw new Error(`tool ${tool.name}: registered twice`);
      byName.set(tool.name, tool);
    }
  }
  const jsonSchemas = new Map(tools.map((t) => [t.name, toolJsonSchemas(t)]));
  const limiter =
    options.limiter ?? createCallLimiter(redis, { perMinute: config.TOOL_RATE_LIMIT_PER_MINUTE }, baseLogger);
  const metrics = createToolMetrics(prom.registry);

  async function run(
    tool: ToolDefinition,
    parameters: unknown,
    opts: ExecuteOptions,
    logger: Logger,
  ): Promise<ToolError | { result: Record<string, unknown>; json: string; bytes: number }> {
    const denied = accessDenied(tool.role, opts.principal);
    if (denied) return denied;
    const admission = await limiter.take(opts.principal ? `user:${opts.principal.sub}` : (opts.client ?? 'guest'));
    if (!admission.allowed) {
      const message = `at most ${config.TOOL_RATE_LIMIT_PER_MINUTE} tool calls per minute; retry after ${admission.retryAfterSeconds} s`;
      return toolError(429, 'rate_limited', message, { details: { retry_after_seconds: admission.retryAfterSeconds } });
    }
    // Text PostgreSQL cannot store is refused here for every surface, as the HTTP input guard refuses it for REST routes.
    const unsafe = findUnsafeInput(parameters ?? {}, '');
    if (unsafe) return badArguments([{ field: unsafe.field || 'parameters', message: unsafe.message }]);
    const unknown = unknownArguments(jsonSchemas.get(tool.name)!.input, parameters);
    if (unknown) return unknown;
    const input = tool.input.safeParse(parameters ?? {});
    if (!input.success) return invalidParameters(input.error);

    const timeoutMs = tool.timeoutMs ?? config.TOOL_TIMEOUT_MS;
    const limit = deadline(timeoutMs, opts.signal);
    let raw: unknown;
    try {
      raw = await untilAborted(
        tool.handler(input.data, { principal: opts.principal, logger, signal: limit.signal, progress: opts.progress }),
        limit.signal,
      );
    } catch (err) {
      if (limit.expired) return toolError(504, 'timeout', `no result within ${timeoutMs} ms`);
      if (opts.signal?.aborted) return toolError(499, 'cancelled', 'the caller cancelled the call');
      const failure = thrownFailure(err);
      // An outage is logged as the HTTP layer logs one: a warning with the driver's message, never the SQL a wrapper carries.
      if (failure.status === 503)
        logger.warn(
          { code: failure.failure.code, cause: (rootCause(err) as Error | undefined)?.message },
          'tool: dependency unavailable',
        );
      // An outside service that failed (502, its own 504) is its failure, not the platform's: a warning with the
      // message clients get, which says what failed without the provider's raw text (a URL with a key, a request body).
      else if (err instanceof UpstreamError)
        logger.warn({ code: failure.failure.code, message: failure.failure.message }, 'tool: upstream failed');
      else if (failure.status >= 500) logger.error({ err }, 'tool failed');
      return failure;
    } finally {
      limit.clear();
    }
    const output = tool.output.safeParse(raw);
    if (!output.success) {
      logger.error({ issues: output.error.issues }, 'tool returned a result outside its output schema');
      return toolError(500, 'tool_failed', 'the tool returned an invalid result; the error is logged on the server');
    }
    const json = JSON.stringify(output.data);
    const bytes = Buffer.byteLength(json);
    if (bytes > config.TOOL_RESULT_MAX_BYTES) {
      return toolError(
        500,
        'result_too_large',
        `the result is ${bytes} bytes, above the ${config.TOOL_RESULT_MAX_BYTES}-byte limit; narrow the request (e.g. a lower limit)`,
      );
    }
    // Parsed back so every surface sends plain JSON values (dates as strings, no undefined, no class instances).
    return { result: JSON.parse(json) as Record<string, unknown>, json, bytes };
  }

  return {
    domains,
    list: () => tools,
    byDomain: () => Object.fromEntries(domains.map((d) => [d.name, d.tools])),
    get: (name) => byName.get(name),
    jsonSchemas,
    execute(name, parameters, opts) {
      // GenAI semantic conventions' tool span; the database and Redis spans of the handler nest under it.
      return inSpan(
        `execute_tool ${name}`,
        { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name } },
        async (span) => {
          const started = performance.now();
          const tool = byName.get(name);
          const logger = (opts.logger ?? baseLogger).child({ tool: name });
          const outcome = tool
            ? await run(tool, parameters, opts, logger)
            : toolError(404, 'unknown_tool', `no tool named ${name}`, { field: 'tool_name' });
          const duration_ms = roundMs(performance.now() - started);
          metrics.observe(tool ? name : 'unknown', 'result' in outcome ? 'ok' : outcome.failure.code, duration_ms);
          if ('result' in outcome) return { ok: true, ...outcome, duration_ms };
          markFailed(span, outcome);
          return { ok: false, error: outcome.failure, status: outcome.status, duration_ms };
        },
      );
    },
  };
}
