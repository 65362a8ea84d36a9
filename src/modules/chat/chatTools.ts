import { dynamicTool, jsonSchema, type ToolSet } from 'ai';
import type { Principal } from '../../core/auth/auth.ts';
import { badRequest } from '../../core/http/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { accessDenied } from '../tools/access.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { envelope } from './resultEnvelope.ts';
import type { ToolCallLog } from './toolCallLog.ts';
import { chatToolName, registryToolName } from './toolNames.ts';

/** The registry names of a message's `tools`, given as chat or registry names; 400 naming any that don't exist. */
export function resolveToolNames(registry: ToolRegistry, names: readonly string[]): Set<string> {
  const unknown = names.filter((name) => !registry.get(registryToolName(name)));
  if (unknown.length) throw badRequest('tools', `no such tool: ${unknown.join(', ')}`);
  return new Set(names.map(registryToolName));
}

export interface ChatToolOptions {
  /** The user the tools run for: the model gets exactly their permissions. */
  principal: Principal;
  /** Registry names the message may use; all when absent. */
  allowed?: ReadonlySet<string>;
  logger: Logger;
  log: ToolCallLog;
  maxResultBytes: number;
}

export type ChatToolset = (options: ChatToolOptions) => ToolSet;

/**
 * The registry's tools as the model sees them: under their chat names, with
 * the registry's input JSON Schema (prepared once here, not per message),
 * and only those the user may call. Each call goes through
 * `registry.execute`, the same validation, role check, rate limit and
 * timeout as MCP; the outcome, error or not, goes back to the model wrapped
 * as data and size-capped, so nothing a model sends crashes the loop.
 */
export function createChatToolset(registry: ToolRegistry): ChatToolset {
  const offers = registry.list().map((tool) => {
    // Schema dialect markers mean nothing to chat-completion APIs and some reject them.
    const { $schema: _dialect, ...input } = registry.jsonSchemas.get(tool.name)!.input;
    return { tool, name: chatToolName(tool.name), description: `${tool.title}. ${tool.description}`, inputSchema: jsonSchema(input) };
  });
  return ({ principal, allowed, logger, log, maxResultBytes }) => {
    const tools: ToolSet = {};
    for (const { tool, name, description, inputSchema } of offers) {
      if ((allowed && !allowed.has(tool.name)) || accessDenied(tool.role, principal)) continue;
      tools[name] = dynamicTool({
        description,
        inputSchema,
        execute: async (args, { toolCallId, abortSignal }) => {
          log.start(toolCallId, name, args);
          const outcome = await registry.execute(tool.name, args, { principal, signal: abortSignal, logger });
          log.end(toolCallId, { name, arguments: args, result: outcome.ok ? outcome.result : outcome.error, is_error: !outcome.ok, duration_ms: outcome.duration_ms });
          return envelope(name, outcome, maxResultBytes);
        },
      });
    }
    return tools;
  };
}
