/**
 * `npm run env:example`: writes .env.example, every variable of the configuration schema (src/core/config.ts) with
 * its default and its meaning. The names and defaults come from the schema; the meanings from the tables of
 * README.md and docs/*.md that document each variable, so the prose is written once. test/deploy/envExample.test.ts
 * fails when the file is not what this writes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from '../src/core/config.ts';

const root = join(import.meta.dirname, '..');
export const ENV_EXAMPLE = join(root, '.env.example');

/** What a variable's entry says when no table documents it (the test refuses it). */
export const UNDOCUMENTED = '(not documented yet)';

/** A Markdown table row's cells (pipes inside backticks do not split). */
function cells(row: string): string[] {
  const parts: string[] = [];
  let current = '';
  let code = false;
  for (const char of row.trim().replace(/^\||\|$/g, '')) {
    if (char === '`') code = !code;
    if (char === '|' && !code) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  return [...parts, current.trim()];
}

/** Markdown as a comment reads: links as their text, escaped pipes as pipes. */
const plain = (markdown: string) => markdown.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/\\\|/g, '|');

/** A table row documenting variables: its meaning, and where it is (variables sharing a row share one entry). */
interface Documented {
  row: string;
  meaning: string;
  /** The table's default column, said for variables the schema gives no default (it is worked out at start). */
  defaultText: string;
}

/** The row of README.md or docs/ whose first cell names each variable (the first such row wins). */
function documentedVariables(): Map<string, Documented> {
  const files = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const documented = new Map<string, Documented>();
  for (const file of files)
    for (const [index, line] of readFileSync(join(root, file), 'utf8').split('\n').entries()) {
      if (!line.startsWith('|')) continue;
      const row = cells(line);
      if (row.length < 3) continue;
      const names = [...row[0]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!);
      // `A` / `B` with defaults `1` / `2`: each variable has its own; otherwise the column is not one variable's.
      const defaults = row[1]!.split(' / ');
      for (const [i, name] of names.entries()) {
        const defaultText = names.length === 1 ? row[1]! : defaults.length === names.length ? defaults[i]! : '';
        if (!documented.has(name))
          documented.set(name, { row: `${file}:${index}`, meaning: plain(row.at(-1)!), defaultText });
      }
    }
  return documented;
}

/** Comment lines of at most 118 characters. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/)) {
    if (line.length + word.length + 1 > 118 && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

/**
 * Variables read outside the platform's configuration: the tracing SDK's (README, Tracing), and those of the image's
 * health check and `npm run cluster` (docs/deployment.md), with their defaults as .env would write them ('' where
 * there is none or it is worked out).
 */
export const OUTSIDE_SCHEMA: Readonly<Record<string, string>> = {
  OTEL_EXPORTER_OTLP_ENDPOINT: '',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '',
  OTEL_SDK_DISABLED: 'false',
  HEALTHCHECK_PORT: '',
  CLUSTER_PORT: '8080',
  CLUSTER_DIR: '',
};

/** The variable's default as it would be written in .env, or '' when it has none. */
function defaultOf(schema: (typeof envSchema.shape)[keyof typeof envSchema.shape]): string {
  return schema.def.type === 'default' ? String((schema.def as { defaultValue: unknown }).defaultValue) : '';
}

export function renderEnvExample(): string {
  const documented = documentedVariables();
  const lines: string[] = [];
  let previousRow: string | undefined;
  const entry = (name: string, value: string) => {
    const doc = documented.get(name);
    // Variables documented by one row (PORT and HOST) follow one comment, as they do in the table.
    if (!doc || doc.row !== previousRow) lines.push('', ...comment(doc?.meaning ?? UNDOCUMENTED));
    previousRow = doc?.row;
    const computed =
      !value && doc && !['', '—', '-'].includes(doc.defaultText) ? `  (unset: ${plain(doc.defaultText)})` : '';
    lines.push(`# ${name}=${value}${computed}`);
  };
  for (const [name, schema] of Object.entries(envSchema.shape)) entry(name, defaultOf(schema));
  lines.push(
    '',
    '',
    "# Read outside the configuration: by the tracing SDK, the image's health check and `npm run cluster`.",
  );
  for (const [name, value] of Object.entries(OUTSIDE_SCHEMA)) entry(name, value);
  return [
    '# AlphaNest configuration: every variable the platform reads, with its default and meaning.',
    '# Generated by `npm run env:example` from the configuration schema (src/core/config.ts) and the tables of README.md',
    '# and docs/ that document each variable: edit those, not this file. Copy it to .env (or an EnvironmentFile) and',
    '# uncomment what you set; a variable left unset takes the default shown (none after an empty `=`).',
    ...lines,
    '',
  ].join('\n');
}

if (import.meta.main) {
  writeFileSync(ENV_EXAMPLE, renderEnvExample());
  const undocumented = [...Object.keys(envSchema.shape), ...Object.keys(OUTSIDE_SCHEMA)].filter(
    (name) => !documentedVariables().has(name),
  );
  process.stdout.write(`wrote ${ENV_EXAMPLE}\n`);
  if (undocumented.length)
    process.stderr.write(`no table in README.md or docs/ documents: ${undocumented.join(', ')}\n`);
}
