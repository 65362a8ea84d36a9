import { isCiphertext } from '../secrets/index.ts';
import type { StoredToolCall } from './schemas.ts';

/**
 * The JSON of each call's arguments and result, written once per call object: the check for text
 * PostgreSQL cannot store, the sealing and the reply all read the same texts, and a result the
 * registry has already written as JSON (the largest value of a message) is not written again.
 */
const jsonOfCall = new WeakMap<StoredToolCall, { arguments: string; result: string }>();

const json = (value: unknown) => JSON.stringify(value ?? null);

/** The JSON of a call's arguments and result (null for either left out), written once per call object. */
export function toolCallJsonTexts(call: StoredToolCall): { arguments: string; result: string } {
  let texts = jsonOfCall.get(call);
  if (!texts) {
    texts = { arguments: json(call.arguments), result: json(call.result) };
    jsonOfCall.set(call, texts);
  }
  return texts;
}

/** The call, its result's JSON known already (`resultJson` must be exactly JSON.stringify of that result). */
export function withResultJson(call: StoredToolCall, resultJson: string): StoredToolCall {
  jsonOfCall.set(call, { arguments: json(call.arguments), result: resultJson });
  return call;
}

const sealed = (value: unknown) => typeof value === 'string' && isCiphertext(value);

/**
 * A tool call's arguments and result as they are sealed: their JSON text. A value already sealed is
 * kept; anything else (rows written before encryption at rest) is its JSON.
 */
export const toolCallTexts = (calls: readonly StoredToolCall[]): string[] =>
  calls.flatMap((call) => [
    sealed(call.arguments) ? (call.arguments as string) : toolCallJsonTexts(call).arguments,
    sealed(call.result) ? (call.result as string) : toolCallJsonTexts(call).result,
  ]);

/**
 * The call as JSON.stringify writes it (a JSON value's text, keys in the order the log writes them),
 * from the texts above. A property holding undefined is left out, as JSON.stringify leaves it out.
 */
export function toolCallJson(call: StoredToolCall): string {
  const texts = toolCallJsonTexts(call);
  const args = call.arguments === undefined ? '' : `"arguments":${texts.arguments},`;
  const result = call.result === undefined ? '' : `"result":${texts.result},`;
  return `{"name":${JSON.stringify(call.name)},${args}${result}"is_error":${call.is_error},"duration_ms":${JSON.stringify(call.duration_ms)}}`;
}
