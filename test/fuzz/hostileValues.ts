/**
 * What a hostile client sends instead of a well-formed value. JSON values
 * that JSON.stringify cannot produce (1e309, a literal `__proto__` key) are
 * `RawJson` and written verbatim by `toJsonText`.
 */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Random UTF-16 code units, weighted towards the ones that hurt: NUL, controls, lone surrogates, RTL marks. */
function randomText(random: () => number, length: number): string {
  const units = [
    0x00, 0x01, 0x1f, 0x7f, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0x202e, 0xfeff, 0xfffe, 0x27, 0x22, 0x5c, 0x25,
  ];
  let text = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    text += String.fromCharCode(
      r < 0.3
        ? units[Math.floor(random() * units.length)]!
        : r < 0.6
          ? 0x20 + Math.floor(random() * 0x5f)
          : Math.floor(random() * 0x10000),
    );
  }
  return text;
}

const UUID = '3f2a8b4c-1d2e-4f60-8a7b-9c0d1e2f3a4b';
const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Strings hostile to a parser, a database or a date column. None contains text the leak check looks for. */
const fixedStrings: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '😀',
  '\u202e\ufeff',
  '0000-01-01T00:00:00Z',
  '0000-01-01',
  '99999-12-31T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '1999-12-31T23:59:59Z',
  '2999-01-01T00:00:00+00:00',
  '9999-12-31T23:59:59.999Z',
  '2024-02-30T25:61:61Z',
  '999999999999999',
  '-1',
  '1e309',
  '9223372036854775808',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  'a'.repeat(100_000),
  b64(`999999999999999:${UUID}`),
  b64(`0:${UUID}`),
  b64('1700000000000:not-a-uuid'),
  b64(`1700000000000:${UUID}:extra`),
  b64('\u0000:\u0000'),
  '!!!not base64!!!',
  'AAAA'.repeat(60),
];

/** The fixed hostile strings and a few random ones (the same for the same generator seed). */
export const hostileStrings = (random: () => number): string[] => [
  ...fixedStrings,
  ...[1, 8, 64].map((length) => randomText(random, length)),
];

/** JSON values of the wrong type or out of any range, for body fields and tool arguments. */
export const hostileJsonValues = (random: () => number): unknown[] => [
  ...hostileStrings(random),
  new RawJson('1e309'),
  new RawJson('-1e309'),
  -1,
  0,
  -0,
  0.5,
  2 ** 63,
  -(2 ** 63),
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  1e-50, // too small for PostgreSQL's real
  5e-324,
  true,
  null,
  [],
  ['a', 'b'],
  {},
  new RawJson('{"__proto__":{"polluted":true}}'),
  new RawJson('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"constructor":"x","\\u0000":"y"}'),
  new RawJson(`${'['.repeat(2_000)}${']'.repeat(2_000)}`),
];

/**
 * Query-string values already percent-encoded, including byte sequences that
 * are not UTF-8 (a lone surrogate as CESU-8, an overlong NUL) and a bare `%`.
 */
export const rawQueryValues: string[] = ['%00', 'a%00b', '%ED%A0%80', '%C0%80', '%FF%FE', '%', '%uD800', '%E2%80%AE'];
