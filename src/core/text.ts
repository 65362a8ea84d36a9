/**
 * Text PostgreSQL cannot store: NUL (refused in `text` and `jsonb`) and
 * UTF-16 surrogates without their pair (not Unicode; `jsonb` refuses their
 * escapes, and the driver would silently turn them into U+FFFD). Clients are
 * told (400 naming the field); text from sources is cleaned instead.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is this pattern's job
const UNSAFE = /[\u0000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/**
 * A key that would reach an object's prototype if some code ever merged the
 * value into another object: `__proto__`, or `constructor` holding a
 * `prototype` (the rule of secure-json-parse, which guards Fastify's JSON
 * bodies; query strings, MCP and chat tool arguments come another way).
 * A plain field named `constructor` is fine.
 */
function isPrototypeKey(key: string, value: unknown): boolean {
  return (
    key === '__proto__' ||
    (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)
  );
}

/**
 * NUL or any surrogate: only such a character can start a match of UNSAFE, and a text without one (nearly
 * every text) is ruled out by this plain scan about three times sooner than by UNSAFE's look-arounds.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is this pattern's job
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

export const hasUnsafeText = (text: string): boolean => SUSPECT.test(text) && UNSAFE.test(text);

/** The text without NUL and lone surrogates (paired surrogates, i.e. emoji, are kept). */
export const stripUnsafeText = (text: string): string => (hasUnsafeText(text) ? text.replace(UNSAFE_ALL, '') : text);

/**
 * A JSON-like value (what a source sent) with every string, keys included,
 * stripped of unsafe text. Copy on write: a value with nothing to strip is
 * returned as it is, so clean posts (nearly all) cost a scan and no copy.
 */
export function stripUnsafeStrings<T>(value: T): T {
  if (typeof value === 'string') return stripUnsafeText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const stripped = value.map(stripUnsafeStrings);
    return (stripped.some((item, i) => item !== value[i]) ? stripped : value) as T;
  }
  const entries = Object.entries(value);
  const stripped = entries.map(([key, sub]) => [stripUnsafeText(key), stripUnsafeStrings(sub)] as const);
  return (
    stripped.some(([key, sub], i) => key !== entries[i]![0] || sub !== entries[i]![1])
      ? Object.fromEntries(stripped)
      : value
  ) as T;
}

/** What is wrong with a value, and where (`source.name`, `tokens.0.symbol`; the key itself when the key is the problem). */
export interface UnsafeInput {
  field: string;
  message: string;
}

/**
 * The first string or key in a parsed JSON value (or query string) that is
 * unsafe text or a prototype key, or null. One regex test per string. Nesting
 * deeper than `maxDepth` is itself refused: no input of this platform nests
 * that deep, and what is not looked at cannot be passed as safe.
 */
export function findUnsafeInput(value: unknown, path: string, maxDepth = 64): UnsafeInput | null {
  if (typeof value === 'string')
    return hasUnsafeText(value)
      ? { field: path, message: 'must not contain NUL characters or unpaired UTF-16 surrogates' }
      : null;
  if (value === null || typeof value !== 'object') return null;
  if (maxDepth === 0) return { field: path, message: 'is nested too deeply' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeInput(value[i], join(path, String(i)), maxDepth - 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const field = join(path, key);
    const sub = (value as Record<string, unknown>)[key];
    if (isPrototypeKey(key, sub)) return { field, message: `"${key}" is not allowed as a key here` };
    if (hasUnsafeText(key))
      return { field, message: 'keys must not contain NUL characters or unpaired UTF-16 surrogates' };
    const found = findUnsafeInput(sub, field, maxDepth - 1);
    if (found) return found;
  }
  return null;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** A character a reader sees: a letter, digit, symbol or punctuation. */
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** Whether a reader sees anything of the text: one of only format characters (U+200B, U+202E…) reads as blank. */
export const hasVisibleText = (text: string): boolean => VISIBLE.test(text);
