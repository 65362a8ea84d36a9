import { isCiphertext } from '../secrets/index.ts';
import type { StoredToolCall } from './schemas.ts';

/**
 * The JSON texts of each call's arguments and result, written once per call object: the check for text
 * PostgreSQL cannot store and the sealing read the same texts, and a result the registry has already
 * written as JSON (the largest value of a message) is not written again.
 */
const textsOfCall = new WeakMap<StoredToolCall, [string, string]>();

const sealedOrJson = (value: unknown) =>
  typeof value === 'string' && isCiphertext(value) ? value : JSON.stringify(value ?? null);

/**
 * A tool call's arguments and result as they are sealed: their JSON text. A value already sealed is
 * kept; anything else (rows written before encryption at rest) is its JSON.
 */
export const toolCallTexts = (calls: readonly StoredToolCall[]): string[] =>
  calls.flatMap((call) => {
    let texts = textsOfCall.get(call);
    if (!texts) {
      texts = [sealedOrJson(call.arguments), sealedOrJson(call.result)];
      textsOfCall.set(call, texts);
    }
    return texts;
  });

/** The call, its result's JSON known already (`resultJson` must be exactly that result's JSON.stringify). */
export function withResultJson(call: StoredToolCall, resultJson: string): StoredToolCall {
  textsOfCall.set(call, [sealedOrJson(call.arguments), resultJson]);
  return call;
}
