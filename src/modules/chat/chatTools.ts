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

/** Lists of a message's chosen tools kept at most (see `offered`). */
const CHOSEN_KEPT = 256;

/** What a message's tool calls run with. */
interface RunnerOptions {
  /** The user the tools run for: the model gets exactly their permissions. */
  principal: Principal;
  logger: Logger;
  log: ToolCallLog;
  maxResultBytes: number;
}

/** One tool as a chat engine offers it to its model: the same object for every message that may use it. */
export interface ChatTool {
  /** The name the model sees (`arbitrage_lookup`, `arbitrage__spread`). */
  name: string;
  /** The registry name (`arbitrage.find_opportunities`). */
  tool: string;
  description: string;
  /** The registry's input JSON Schema, prepared once for the AI SDK. */
  inputSchema: Schema<unknown>;
}

/** Runs an offered tool for one message's user, logging it; the outcome comes back wrapped for the model, never thrown. */
export type ChatToolRunner = (
  tool: ChatTool,
  args: unknown,
  callId: string,
  signal?: AbortSignal,
) => Promise<JSONValue>;

export interface ChatToolset {
  /** The tools `principal` may call, of `allowed` (registry names) when given: the same list for the same role and names. */
  offered(principal: Principal, allowed?: ReadonlySet<string>): readonly ChatTool[];
  /** The runner of one message. */
  runner(options: RunnerOptions): ChatToolRunner;
}

/**
 * The registry's tools as a model sees them: under their chat names, and
 * only those the user may call. Each call goes through `registry.execute`,
 * the same validation, role check, rate limit and timeout as MCP; the
 * outcome, error or not, goes back to the model wrapped as data and
 * size-capped, so nothing a model sends crashes the loop. The tools are
 * made once and the list a role may call kept: what is made per message is
 * one runner, where a tool object and a closure per tool and message cost
 * more than the chat's other per-message work (about 3.5 µs for 22 tools).
 */
export function createChatToolset(registry: ToolRegistry): ChatToolset {
  const offers = registry.list().map((tool) => {
    // Schema dialect markers mean nothing to chat-completion APIs and some reject them.
    const { $schema: _dialect, ...input } = registry.jsonSchemas.get(tool.name)!.input;
    const offered: ChatTool = {
      tool: tool.name,
      name: chatToolName(tool.name),
      description: `${tool.title}. ${tool.description}`,
      inputSchema: jsonSchema(input),
    };
    return { role: tool.role, offered };
  });
  const byRole = new Map<Principal['role'], readonly ChatTool[]>();
  const mayCall = (principal: Principal) => {
    let list = byRole.get(principal.role);
    if (!list) {
      list = offers.filter(({ role }) => !accessDenied(role, principal)).map(({ offered }) => offered);
      byRole.set(principal.role, list);
    }
    return list;
  };
  // A message's own choice of tools is kept too, by role and names: a list made per message would cost
  // its filtering, and the engine's index of it (kept per list), every time. Requests choose the names,
  // so the lists kept are bounded: past CHOSEN_KEPT, they are dropped and made again as asked.
  const chosen = new Map<string, readonly ChatTool[]>();
  const mayCallOf = (principal: Principal, allowed: ReadonlySet<string>) => {
    const key = `${principal.role}:${[...allowed].join(',')}`;
    let list = chosen.get(key);
    if (!list) {
      if (chosen.size >= CHOSEN_KEPT) chosen.clear();
      list = mayCall(principal).filter(({ tool }) => allowed.has(tool));
      chosen.set(key, list);
    }
    return list;
  };
  return {
    offered: (principal, allowed) => (allowed ? mayCallOf(principal, allowed) : mayCall(principal)),
    runner:
      ({ principal, logger, log, maxResultBytes }) =>
      async ({ tool, name }, args, callId, signal) => {
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
      },
  };
}
