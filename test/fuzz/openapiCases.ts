import { hostileJsonValues, hostileStrings, RawJson, rawQueryValues, toJsonText } from './hostileValues.ts';

/** One request to send: the path with its query string (already encoded) and an optional JSON body as text. */
export interface FuzzCase {
  method: string;
  path: string;
  body?: string;
  /** Defaults to application/json when there is a body. */
  contentType?: string;
  /** What was made hostile, for the failure report. */
  what: string;
}

type Schema = Record<string, any>;
interface Operation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Valid-looking values for fields the schema alone cannot make valid (patterns, references). */
const hints: Record<string, unknown> = {
  symbol: 'BTC/USDT',
  exchange: 'binance',
  start_asset: 'USDT',
  window: '24h',
  slug: 'fuzz-clan',
  handle: 'fuzzer',
  member: 'fuzzer',
  tag: 'FZ',
  agent_id: 'ingest',
  brand_color: '#1a73e8',
  url: 'https://example.com/post',
  clan: 'fuzz-clan',
  clan_a: 'fuzz-clan',
  clan_b: 'other-clan',
  token: 'BTC',
  address: '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599',
  chain: 'ethereum',
  id: 'fuzz-season',
};

const resolve = (doc: OpenApiDoc, schema: Schema | undefined): Schema => {
  if (!schema?.$ref) return schema ?? {};
  return resolve(doc, doc.components?.schemas?.[String(schema.$ref).split('/').pop()!]);
};

/** A plausible valid value for a schema, so that one hostile field at a time gets past the others. */
export function sampleOf(doc: OpenApiDoc, raw: Schema | undefined, name = ''): unknown {
  const schema = resolve(doc, raw);
  if (name in hints && (schema.type === 'string' || !schema.type)) return hints[name];
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const first = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (first) return sampleOf(doc, first, name);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, sub]) => [key, sampleOf(doc, sub as Schema, key)]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sampleOf(doc, schema.items, name));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'uuid') return '3f2a8b4c-1d2e-4f60-8a7b-9c0d1e2f3a4b';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'uri') return 'https://example.com/post';
      return 'fuzz text value'.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? 100);
  }
}

/** Every node of a JSON value but the root, as key paths (objects by key, arrays by their first item). */
function nodePaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.length ? [[...prefix, 0], ...nodePaths(value[0], [...prefix, 0])] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, sub]) => [[...prefix, key], ...nodePaths(sub, [...prefix, key])]);
}

function replaced(value: unknown, path: Array<string | number>, by: unknown): unknown {
  if (!path.length) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, by) : v));
  return { ...(value as object), [head!]: replaced((value as Record<string, unknown>)[head as string], rest, by) };
}

/** A valid body with one node replaced by each hostile value, then hostile whole bodies. */
export function bodyVariants(base: unknown, random: () => number): Array<{ body: string; what: string }> {
  const variants = nodePaths(base).flatMap((path) =>
    hostileJsonValues(random).map((value) => ({
      body: toJsonText(replaced(base, path, value)),
      what: `${path.join('.')} = ${describeValue(value)}`,
    })),
  );
  return [
    { body: toJsonText(base), what: 'the sample body' },
    ...variants,
    ...hostileJsonValues(random).map((value) => ({ body: toJsonText(value), what: `body = ${describeValue(value)}` })),
    {
      body: toJsonText({ ...(base as object), padding: 'x'.repeat(1024 * 1024 + 1) }),
      what: 'a body over the 1 MiB limit',
    },
    { body: '{"title": "unterminated', what: 'malformed JSON' },
  ];
}

/** Query strings are bounded by Node's 16 KiB header limit (answered by Node itself with an empty 431), so long values stay under it. */
const MAX_QUERY_VALUE = 8_000;

/** Hostile values for one query-string or path parameter, percent-encoded (or deliberately mis-encoded) for the URL. */
function urlValues(random: () => number): Array<{ encoded: string; what: string }> {
  return [
    ...hostileStrings(random)
      .filter((s) => s.length <= MAX_QUERY_VALUE)
      .map((s) => ({ encoded: encodeQuery(s), what: describeValue(s) })),
    ...rawQueryValues.map((raw) => ({ encoded: raw, what: `raw ${raw}` })),
    { encoded: 'b'.repeat(MAX_QUERY_VALUE), what: `${MAX_QUERY_VALUE} characters` },
  ];
}

function queryVariants(name: string, random: () => number): Array<{ query: string; what: string }> {
  return [
    ...urlValues(random).map(({ encoded, what }) => ({ query: `${name}=${encoded}`, what: `${name} = ${what}` })),
    { query: `${name}=1&${name}=2&${name}=x`, what: `${name} repeated` },
    { query: `${name}[__proto__][polluted]=1&__proto__=x&constructor=y`, what: `${name} with prototype keys` },
  ];
}

/** Lone surrogates cannot go through encodeURIComponent; they are sent as their CESU-8 bytes, as a broken client would. */
function encodeQuery(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text]
      .map((ch) => (ch.length === 1 && /[\ud800-\udfff]/.test(ch) ? cesu8(ch) : encodeURIComponent(ch)))
      .join('');
  }
}

const cesu8 = (surrogate: string) => {
  const c = surrogate.charCodeAt(0);
  return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
    .map((b) => `%${b.toString(16).toUpperCase()}`)
    .join('');
};

/** A hostile value as a short line of a failure report. */
export function describeValue(value: unknown): string {
  const text = value instanceof RawJson ? value.text : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}… (${text.length} chars)` : text;
}

/** Every route of an OpenAPI document, each query/path parameter and body node made hostile in turn. */
export function openApiCases(
  doc: OpenApiDoc,
  random: () => number,
  skip: (method: string, path: string) => boolean,
): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (skip(method, template)) continue;
      const parameters = operation.parameters ?? [];
      const pathParams = parameters.filter((p) => p.in === 'path');
      const queryParams = parameters.filter((p) => p.in === 'query');
      const pathWith = (own: Record<string, string>) =>
        template.replace(
          /\{(\w+)\}/g,
          (_, name: string) =>
            own[name] ??
            encodeURIComponent(String(sampleOf(doc, pathParams.find((p) => p.name === name)?.schema, name))),
        );
      const samplePath = pathWith({});
      const required = queryParams
        .filter((p) => p.required)
        .map((p) => `${p.name}=${encodeURIComponent(String(sampleOf(doc, p.schema, p.name)))}`);
      const withQuery = (extra: string) =>
        `${samplePath}?${[...required.filter((r) => !r.startsWith(`${extra.split('=')[0]}=`)), extra].join('&')}`;
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const sampleBody = bodySchema ? toJsonText(sampleOf(doc, bodySchema)) : undefined;
      const upper = method.toUpperCase();

      for (const param of pathParams) {
        for (const { encoded, what } of urlValues(random)) {
          // An empty segment would route elsewhere; a blank one is the closest hostile value.
          cases.push({
            method: upper,
            path: pathWith({ [param.name]: encoded || '%20' }),
            body: sampleBody,
            what: `path ${param.name} = ${what}`,
          });
        }
      }
      for (const param of queryParams) {
        for (const { query, what } of queryVariants(param.name, random))
          cases.push({ method: upper, path: withQuery(query), body: sampleBody, what });
      }
      if (bodySchema) {
        for (const { body, what } of bodyVariants(sampleOf(doc, bodySchema), random))
          cases.push({ method: upper, path: samplePath, body, what });
        for (const contentType of [
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'multipart/form-data',
        ]) {
          cases.push({
            method: upper,
            path: samplePath,
            body: 'a=\u0000&b=1',
            contentType,
            what: `a ${contentType} body`,
          });
        }
      }
      if (!pathParams.length && !queryParams.length && !bodySchema)
        cases.push({
          method: upper,
          path: `${samplePath}?__proto__[x]=1&constructor=y`,
          what: 'unexpected prototype keys',
        });
    }
  }
  return cases;
}
