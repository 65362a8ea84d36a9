/** A default that is a number (`` `5000` ``, `50`): the setting tunes what works without it (a timeout, a pool size). */
const NUMERIC = /^`?\d/;

/** A tuning knob: a setting whose default is a number, so it works unset and only bounds or times what it tunes. */
export const isTuningKnob = (defaultValue: string) => NUMERIC.test(defaultValue.trim());

/**
 * A question a tuning knob answers: about a limit, a size or a time, or changing a setting. A knob bounds what works
 * without it (`STREAM_MAX_AGENTS`: how many agents one connection may follow), so it is no answer to how to do the
 * thing it bounds ("how do I follow an agent?").
 */
const ASKS_A_LIMIT =
  /\b(how (many|much|long|often|big|fast)|max(imum)?|min(imum)?|limits?|caps?|at most|more than|fewer|too (many|much|long|slow)|timeouts?|sizes?|ttl|intervals?|per (second|minute|hour|day)|rate|raise|increase|lower|decrease|reduce|tune|change|default)\b/i;
/** A variable named in a question: `CACHE_URL` or CACHE_URL, or a short one in backticks (`` `PORT` ``). */
const NAMES_A_VARIABLE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|`[A-Z]{3,}`/;

/** Whether a tuning knob can answer the question: it asks about a limit, or names the setting itself. */
export const asksForAKnob = (question: string) => ASKS_A_LIMIT.test(question) || NAMES_A_VARIABLE.test(question);
