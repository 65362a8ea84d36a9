import type { ReferenceResource } from '../../core/tool.ts';
import type { ExecuteOptions, ToolRegistry } from './registry.ts';

/** A resource as the MCP surface serves it: read on behalf of a caller. */
export interface ServedResource extends Omit<ReferenceResource, 'source'> {
  read(caller: ExecuteOptions): Promise<unknown>;
}

/**
 * The modules' resources the registry can serve. Those backed by a tool go
 * through the registry like any call (role, rate limit, output checks) and are
 * offered only when that tool is registered.
 */
export function servedResources(resources: readonly ReferenceResource[], registry: ToolRegistry): ServedResource[] {
  return resources.flatMap(({ source, ...resource }): ServedResource[] => {
    if ('read' in source) return [{ ...resource, read: () => source.read() }];
    if (!registry.get(source.tool)) return [];
    const read = async (caller: ExecuteOptions) => {
      const outcome = await registry.execute(source.tool, source.parameters, caller);
      if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
      return outcome.result;
    };
    return [{ ...resource, read }];
  });
}
