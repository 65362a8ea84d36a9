import type { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Logger } from '../../core/logger.ts';
import type { Principal, Role } from '../../core/auth/auth.ts';
import type { Platform } from '../../platform.ts';

/** What a tool handler receives besides its validated input. */
export interface ToolContext {
  /** The caller; null for a guest (only tools with role 'guest' accept guests). */
  principal: Principal | null;
  logger: Logger;
  /** Aborted when the call times out or the client goes away. */
  signal: AbortSignal;
  platform: Platform;
}

/** MCP tool annotations (hints for clients; the role check is what enforces access). */
export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** `domain.action`, e.g. `arbitrage.find_opportunities`. */
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /** The least role that may call it; 'guest' means anyone. */
  role: Role | 'guest';
  /** Per-call limit; the registry aborts the handler's signal when it passes. */
  timeoutMs?: number;
  examples?: Array<{ description: string; input: z.input<I> }>;
  handler(input: z.output<I>, ctx: ToolContext): Promise<z.input<O>>;
}

/** Identity function that lets TypeScript infer a tool's input and output types from its schemas. */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(tool: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return tool;
}

/**
 * A domain is a folder that exports one of these: its tools, and optionally
 * gateway routes (admin REST) and a background process (an engine, a poller).
 */
export interface ToolDomain {
  name: string;
  description: string;
  tools: ToolDefinition[];
  /** Extra routes mounted on the gateway (e.g. `/api/v1/clans`). */
  gatewayRoutes?: FastifyPluginAsyncZod;
  /** Called once when the node starts; returns the function that stops it. */
  start?(): Promise<() => Promise<void>>;
}
