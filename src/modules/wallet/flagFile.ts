import { parse } from 'csv-parse/sync';
import { isAddress } from 'viem';
import { z } from 'zod';
import { hasUnsafeText } from '../../core/text.ts';
import { FLAG_CATEGORIES, type FlagCategory } from './table.ts';

/** One flagged address as a list gives it, checked and normalised (lower-case address, chain by id). */
export interface FlagEntry {
  chainId: number;
  address: string;
  category: FlagCategory;
  reason: string;
  source: string;
}

/** A row the list cannot import, by its line in the file and the field at fault. */
export interface FlagProblem {
  line: number;
  field: string;
  message: string;
}

/** A list with bad rows: nothing of it is imported. */
export class FlagFileError extends Error {
  readonly problems: FlagProblem[];
  /** Rows at fault: a row may have several problems (a bad category and no reason). */
  readonly badRows: number;

  constructor(problems: FlagProblem[]) {
    const badRows = new Set(problems.map((p) => p.line)).size;
    super(
      `${badRows} bad row(s), nothing imported: ${problems
        .slice(0, PROBLEMS_LISTED)
        .map((p) => `line ${p.line} ${p.field}: ${p.message}`)
        .join('; ')}${problems.length > PROBLEMS_LISTED ? '; …' : ''}`,
    );
    this.problems = problems;
    this.badRows = badRows;
  }
}

const PROBLEMS_LISTED = 20;
/** Rows one list may hold: a list is imported in one transaction, and read whole into memory. */
const MAX_FLAG_ROWS = 50_000;
const COLUMNS = ['chain', 'address', 'category', 'reason', 'source'] as const;
/** A row longer than this is no flag (a reason has at most 500): the parser stops there instead of reading on. */
const MAX_ROW_CHARS = 4_096;
/** What a message quotes of the input at most. */
const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text);

const safeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !hasUnsafeText(v), { message: 'must not contain NUL or unpaired surrogates' });

const row = z.strictObject({
  chain: z.union([z.number().int().positive(), z.string().trim().min(1).max(40)]),
  address: z
    .string()
    .trim()
    .refine((v) => isAddress(v, { strict: false }), { message: 'must be a 0x-prefixed 20-byte hex address' }),
  category: z.enum(FLAG_CATEGORIES, { message: `must be one of ${FLAG_CATEGORIES.join(', ')}` }),
  reason: safeText(500).pipe(z.string().min(1, 'must not be empty')),
  source: safeText(100).optional(),
});

/**
 * How a list names chains: an id (31337, "1") or a name this platform knows; null when it knows none
 * by that name.
 */
export type ChainIdOf = (chain: string | number) => number | null;

interface ParseOptions {
  chainIdOf: ChainIdOf;
  /** The source of rows that name none (`--source`, `?source=`). */
  source?: string;
}

/**
 * Checks every row of a list and answers them all, or throws FlagFileError naming each bad row by line
 * and field: a list is imported whole or not at all.
 */
function checkRows(
  rows: Array<{ line: number; value: unknown }>,
  options: ParseOptions,
  problems: FlagProblem[] = [],
): FlagEntry[] {
  if (rows.length > MAX_FLAG_ROWS)
    throw new FlagFileError([
      { line: rows[MAX_FLAG_ROWS]!.line, field: 'file', message: `more than ${MAX_FLAG_ROWS} rows: split the list` },
    ]);
  const entries: FlagEntry[] = [];
  const seen = new Map<string, number>();
  for (const { line, value } of rows) {
    const checked = row.safeParse(value);
    if (!checked.success) {
      for (const issue of checked.error.issues)
        problems.push({ line, field: clip(issue.path.join('.')) || 'row', message: clip(issue.message) });
      continue;
    }
    const { chain, address, category, reason } = checked.data;
    const chainId = options.chainIdOf(chain);
    if (chainId === null) {
      problems.push({ line, field: 'chain', message: `no chain ${chain} here: give its id or a configured name` });
      continue;
    }
    const source = checked.data.source || options.source;
    if (!source) {
      problems.push({ line, field: 'source', message: 'empty, and no default source was given (--source)' });
      continue;
    }
    const key = `${chainId}:${address.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ line, field: 'address', message: `repeats line ${earlier} (same chain and address)` });
      continue;
    }
    seen.set(key, line);
    entries.push({ chainId, address: address.toLowerCase(), category, reason, source });
  }
  if (problems.length) throw new FlagFileError(problems.sort((a, b) => a.line - b.line));
  return entries;
}

/** A CSV list: the header `chain,address,category,reason,source` (any order), then one row per address. */
export function parseFlagCsv(text: string, options: ParseOptions): FlagEntry[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes with the line it ended on (the package's types do not follow the option).
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
      max_record_size: MAX_ROW_CHARS,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    const why =
      (err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE'
        ? `a row over ${MAX_ROW_CHARS} characters`
        : (err as Error).message;
    throw new FlagFileError([{ line, field: 'file', message: `not CSV (${clip(why)})` }]);
  }
  const [header, ...body] = records;
  const names = header?.record.map((name) => name.trim().toLowerCase()) ?? [];
  const missing = COLUMNS.filter((column) => !names.includes(column));
  const extra = names.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  if (missing.length || extra.length || names.length !== COLUMNS.length)
    throw new FlagFileError([
      {
        line: header?.info.lines ?? 1,
        field: 'header',
        message: `must be ${COLUMNS.join(',')} (in any order)${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; unknown ${clip(extra.join(', '))}` : ''}`,
      },
    ]);
  const problems: FlagProblem[] = [];
  const rows: Array<{ line: number; value: unknown }> = [];
  for (const { record, info } of body) {
    if (record.length === COLUMNS.length)
      rows.push({ line: info.lines, value: Object.fromEntries(names.map((name, i) => [name, record[i]])) });
    else
      problems.push({
        line: info.lines,
        field: 'row',
        message: `has ${record.length} fields, the header ${COLUMNS.length}`,
      });
  }
  return checkRows(rows, options, problems);
}

/**
 * A JSON list: an array of `{chain, address, category, reason, source?}`, or `{"flags": [...]}`. Each entry's
 * line is where its object opens in the text.
 */
export function parseFlagJson(text: string, options: ParseOptions): FlagEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new FlagFileError([{ line: 1, field: 'file', message: `not JSON (${clip((err as Error).message)})` }]);
  }
  return parseFlagEntries(parsed, options, entryLines(text));
}

/** Entries already parsed (a JSON request body); `lines` gives each entry's line, else its position counts from 1. */
export function parseFlagEntries(value: unknown, options: ParseOptions, lines: number[] = []): FlagEntry[] {
  const list = Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object' && Object.keys(value).length === 1 && 'flags' in value
      ? (value as { flags: unknown }).flags
      : undefined;
  if (!Array.isArray(list))
    throw new FlagFileError([
      { line: 1, field: 'file', message: 'must be an array of flags or an object {"flags": [...]}' },
    ]);
  return checkRows(
    list.map((entry, i) => ({ line: lines[i] ?? i + 1, value: entry })),
    options,
  );
}

/** The line where each entry of the list opens: `[{…}, {…}]` or `{"flags": [{…}]}`. */
function entryLines(text: string): number[] {
  const lines: number[] = [];
  const entryDepth = text.trimStart().startsWith('[') ? 1 : 2;
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === entryDepth) lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') depth--;
  }
  return lines;
}
