/**
 * A secret's field name as `secrets put` writes it: 1-64 letters, digits, _ or -, starting with a letter (`api_key`,
 * `public_key`, `login_server`): no space, dot, control character or other punctuation, which a shell, an env file or
 * a JSON path would read otherwise. The names every object has (`__proto__`, `constructor`, `prototype`) are refused
 * too, so a field can never stand for the object's own machinery once the data is read.
 */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

const FIELD_NAME_RULE = 'a field name is 1-64 letters, digits, _ or -, starting with a letter';

/** Why `name` cannot name a field, or null when it can. */
export function fieldNameProblem(name: string): string | null {
  if (RESERVED.has(name)) return 'is reserved (__proto__, constructor and prototype are not field names)';
  return FIELD_NAME.test(name) ? null : `is not a field name: ${FIELD_NAME_RULE}`;
}
