import { z } from 'zod';
import type { ToolRegistry } from './registry.ts';
import type { ToolDefinition } from '../../core/tool.ts';

const annotations = z.object({
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});

const toolSummarySchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  role: z.string().describe('the least role that may call it; guest means anyone'),
  annotations,
});

export const domainViewSchema = z
  .object({ name: z.string(), description: z.string(), tools: z.array(toolSummarySchema) })
  .meta({ id: 'ToolDomain' });

export const toolIntrospectionSchema = toolSummarySchema.extend({
  domain: z.string(),
  timeout_ms: z.number(),
  input_schema: z.record(z.string(), z.unknown()).describe('JSON Schema 2020-12 of the parameters'),
  output_schema: z.record(z.string(), z.unknown()).describe('JSON Schema 2020-12 of the result'),
  examples: z.array(z.object({ description: z.string(), input: z.unknown() })),
});

const toolSummary = (tool: ToolDefinition) => ({
  name: tool.name,
  title: tool.title,
  description: tool.description,
  role: tool.role,
  annotations: tool.annotations,
});

export function domainViews(registry: ToolRegistry) {
  return registry.domains.map((d) => ({ name: d.name, description: d.description, tools: d.tools.map(toolSummary) }));
}

export function introspection(registry: ToolRegistry, defaultTimeoutMs: number) {
  return registry.list().map((tool) => {
    const schemas = registry.jsonSchemas.get(tool.name)!;
    return {
      ...toolSummary(tool),
      domain: tool.name.split('.')[0]!,
      timeout_ms: tool.timeoutMs ?? defaultTimeoutMs,
      input_schema: schemas.input,
      output_schema: schemas.output,
      examples: tool.examples ?? [],
    };
  });
}
