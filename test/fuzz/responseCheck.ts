/**
 * Text that must never reach a client: it tells an attacker about the
 * platform's internals (and says a server error was passed through).
 * Success bodies may quote the documentation (onboarding.help cites file
 * paths and SQL-looking words), so only unambiguous leaks are looked for there.
 */
const alwaysLeaks: Array<[RegExp, string]> = [
  [/\n\s+at \S|\bat \S+ \((?:file:|node:|\/)/, 'a stack frame'],
  [/node_modules/, 'node_modules'],
  [/\/work\/|\/tmp\/|\/home\//, 'an absolute path'],
  [
    /\b(?:Database|Drizzle\w*|Postgres\w*|Pg\w*|Query|Type|Reference|Range|Syntax)Error\b/,
    'a driver or runtime error name',
  ],
  [
    /SQLSTATE|violates .* constraint|invalid byte sequence|unsupported Unicode escape|out of range for type|relation "/i,
    'database error text',
  ],
];
const errorLeaks: Array<[RegExp, string]> = [
  ...alwaysLeaks,
  [/\bSELECT\b|\bINSERT INTO\b|\bUPDATE\s+"?\w+"?\s+SET\b|\bDELETE FROM\b|\bparams:/, 'SQL'],
  [/drizzle/i, 'drizzle'],
  [/\b(?:src|test|lib)\/[\w./-]+\.(?:ts|js)\b/, 'a source path'],
  [/\w*Error: /, 'an error message from a library'],
];

/** What is wrong with one response, or null when it is an acceptable answer to hostile input. */
export function responseProblem(status: number, text: string): string | null {
  if (status >= 500) return `status ${status}`;
  for (const [pattern, name] of status < 400 ? alwaysLeaks : errorLeaks)
    if (pattern.test(text)) return `the body shows ${name}`;
  if (status < 400) return null;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return 'a 4xx body that is not JSON';
  }
  // MCP answers in JSON-RPC, whose error codes are numbers; every other route uses the platform's string codes.
  const code = body?.error?.code;
  if ((typeof code !== 'string' && typeof code !== 'number') || typeof body.error.message !== 'string')
    return 'a 4xx body without {"error":{"code","message"}}';
  return null;
}
