import { jsonSchema, type JSONValue, type Schema } from 'ai';
import type { Principal } from '../../core/auth/auth.ts';
import { InvalidArgumentError } from '../../core/domainErrors.ts';
import type { Logger } from '../../core/logger.ts';
import { accessDenied, type ToolRegistry } from '../tools/index.ts';
import { envelope } from './resultEnvelope.ts';
import { withResultJson } from './toolCallJson.ts';
import type { ToolCallLog } from './toolCallLog.ts';
import { chatToolName, registryToolName } from './toolNames.ts';

/** The registry names of a message's `tools`, given as chat or registry names; 400 naming any that don't exist. */
export function resolveToolNames(registry: ToolRegistry, names: readonly string[]): Set<string> {
  const unknown = names.filter((name) => !registry.get(registryToolName(name)));
  if (unknown.length) throw new InvalidArgumentError(`no such tool: ${unknown.join(', ')}`, { field: 'tools' });
  return new Set(names.map(registryToolName));
}

interface ChatToolOptions {
  /** The user the tools run for: the model gets exactly their permissions. */
  principal: Principal;
  /** Registry names the message may use; all when absent. */
  allowed?: ReadonlySet<string>;
  logger: Logger;
  log: ToolCallLog;
  maxResultBytes: number;
}

/** One tool as a chat engine offers it to its model. */
export interface ChatTool {
  /** The name the model sees (`arbitrage_lookup`, `arbitrage__spread`). */
  name: string;
  /** The registry name (`arbitrage.find_opportunities`). */
  tool: string;
  description: string;
  /** The registry's input JSON Schema, prepared once for the AI SDK. */
  inputSchema: Schema<unknown>;
  /** Runs the tool for this message's user, logging it; the outcome comes back wrapped for the model, never thrown. */
  run(args: unknown, callId: string, signal?: AbortSignal): Promise<JSONValue>;
}

export type ChatToolset = (options: ChatToolOptions) => ChatTool[];

/**
 * The registry's tools as a model sees them: under their chat names, and
 * only those the user may call. Each call goes through `registry.execute`,
 * the same validation, role check, rate limit and timeout as MCP; the
 * outcome, error or not, goes back to the model wrapped as data and
 * size-capped, so nothing a model sends crashes the loop.
 */
export function createChatToolset(registry: ToolRegistry): ChatToolset {
  const offers = registry.list().map((tool) => {
    // Schema dialect markers mean nothing to chat-completion APIs and some reject them.
    const { $schema: _dialect, ...input } = registry.jsonSchemas.get(tool.name)!.input;
    return {
      tool,
      name: chatToolName(tool.name),
      description: `${tool.title}. ${tool.description}`,
      inputSchema: jsonSchema(input),
    };
  });
  return ({ principal, allowed, logger, log, maxResultBytes }) => {
    /**
     * One async function per message, and a plain arrow per tool calling it: an async method per tool and
     * message cost about 40 µs for 22 tools in the gateway under load (2 µs this way), more than the planner.
     */
    async function run(tool: string, name: string, args: unknown, callId: string, signal?: AbortSignal) {
      log.start(callId, name, args);
      const outcome = await registry.execute(tool, args, { principal, signal, logger });
      const call = {
        name,
        arguments: args,
        result: outcome.ok ? outcome.result : outcome.error,
        is_error: !outcome.ok,
        duration_ms: outcome.duration_ms,
      };
      log.end(callId, outcome.ok ? withResultJson(call, outcome.json) : call);
      return envelope(name, outcome, maxResultBytes);
    }
    return offers
      .filter(({ tool }) => (!allowed || allowed.has(tool.name)) && !accessDenied(tool.role, principal))
      .map(({ tool, name, description, inputSchema }) => ({
        name,
        tool: tool.name,
        description,
        inputSchema,
        run: (args: unknown, callId: string, signal?: AbortSignal) => run(tool.name, name, args, callId, signal),
      }));
  };
}
