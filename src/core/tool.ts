import type { z } from 'zod';
import type { Logger } from './logger.ts';
import type { Principal, Role } from './auth/auth.ts';

/** What a tool handler receives besides its validated input; its module gave it everything else when it was built. */
interface ToolContext {
  /** The caller; null for a guest (only tools with role 'guest' accept guests). */
  principal: Principal | null;
  logger: Logger;
  /** Aborted when the call times out or the client goes away (or cancels it over MCP). */
  signal: AbortSignal;
  /** Reports how far a long call is (an MCP client that sent a progressToken hears it); absent when nobody listens. */
  progress?: (done: number, total?: number, message?: string) => void;
}

/** MCP tool annotations (hints for clients; the role check is what enforces access). */
interface ToolAnnotations {
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

/** Read-only data (reference lists, the latest items) an MCP client can load into context without calling a tool. */
export interface ReferenceResource {
  /** `alphanest://<area>/<name>`: `alphanest://reference/agents`, `alphanest://intelligence/high-value`. */
  uri: string;
  name: string;
  title: string;
  description: string;
  /**
   * Where the data comes from: a function, or a tool call that goes through the
   * registry like any other (role, rate limit, output checks).
   */
  source: { read(): Promise<unknown> } | { tool: string; parameters: Record<string, unknown> };
}

interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

/** A ready-made request that steers a model to the right tools. */
export interface ToolPrompt {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgument[];
  /** Offered only when every one of these tools is registered. */
  tools: string[];
  text(args: Record<string, string>): string;
}

/** The tools one module serves over MCP, REST `/execute` and the chat. */
export interface ToolDomain {
  name: string;
  description: string;
  tools: ToolDefinition[];
}
