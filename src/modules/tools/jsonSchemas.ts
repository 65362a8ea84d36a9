import { z } from 'zod';
import type { ToolDefinition } from '../../core/tool.ts';
import { badArguments, type ToolError } from './toolErrors.ts';

type JsonSchema = Record<string, unknown>;

export interface ToolJsonSchemas {
  /** What a caller may send: defaulted fields are optional. */
  input: JsonSchema;
  /** What the tool returns, after defaults and transforms. */
  output: JsonSchema;
}

/**
 * zod writes a schema that has a registered id (`.meta({ id })`) as a bare
 * `$ref` into `$defs`; MCP wants the object itself at the root, so the
 * referenced definition is lifted there (and kept in `$defs` for any recursion).
 */
function rootDefinition(schema: JsonSchema): JsonSchema {
  const name = typeof schema.$ref === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(schema.$ref)?.[1] : undefined;
  const target =
    name === undefined
      ? undefined
      : (schema.$defs as Record<string, JsonSchema> | undefined)?.[decodeURIComponent(name)];
  if (!target) return schema;
  const { $ref: _lifted, ...rest } = schema;
  return { ...rest, ...target };
}

const exported = (schema: z.ZodType, io: 'input' | 'output') =>
  rootDefinition(z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema);

/**
 * A tool's schemas as JSON Schema 2020-12 (what MCP's tools/list carries).
 * MCP needs both to describe objects (arguments are an object, structured
 * content is an object), so a tool that breaks that fails at start, not on a call.
 */
export function toolJsonSchemas(tool: ToolDefinition): ToolJsonSchemas {
  // An argument the tool does not name is refused (the registry's unknownArguments), and the schema says so.
  const input: JsonSchema = { additionalProperties: false, ...exported(tool.input, 'input') };
  const schemas = { input, output: exported(tool.output, 'output') };
  for (const [side, schema] of Object.entries(schemas)) {
    if (schema.type !== 'object')
      throw new Error(
        `tool ${tool.name}: its ${side} schema must describe an object (MCP carries both as JSON objects)`,
      );
  }
  return schemas;
}

/**
 * The arguments a call gave that the tool's input schema does not name, refused as a bad argument is: a misspelt one
 * would otherwise be dropped and the call answered without it (`{"symbol": "BTC", "limt": 5}` with the default limit).
 */
export function unknownArguments(input: JsonSchema, parameters: unknown): ToolError | undefined {
  if (input.additionalProperties !== false || typeof parameters !== 'object' || parameters === null) return undefined;
  const named = (input.properties as Record<string, unknown> | undefined) ?? {};
  const unknown = Object.keys(parameters).filter((key) => !Object.hasOwn(named, key));
  if (!unknown.length) return undefined;
  const message = `unknown parameter; accepted: ${Object.keys(named).join(', ') || 'none'}`;
  return badArguments(unknown.map((field) => ({ field, message })));
}
