import type { DocSection } from './docSections.ts';

/** A configuration row: the variables it sets, their default and what they mean. */
export interface Setting {
  variables: string[];
  /** As the table gives it, e.g. `` `8000` / `0.0.0.0` ``, or `—`. */
  defaultValue: string;
  meaning: string;
}

/** A row of the secrets store's table (a `| path | fields | … |` table): an entry the platform reads, and its fields. */
export interface StoredSecret {
  path: string;
  /** Without the `?` that marks an optional one. */
  fields: string[];
}

/**
 * What the search ranks: a whole section, or one row of a table in it. A
 * row is its own entry because a long table (README's Configuration) would
 * otherwise be one chunk whose every term is diluted by the rest; a row hit
 * still answers with its section.
 */
export interface DocEntry {
  section: DocSection;
  kind: 'section' | 'row';
  /** The indexed text. */
  text: string;
  /** Set when the entry is a row naming environment variables. */
  setting?: Setting;
  /** Set when the entry is a row of the platform's command tables: the command as run, `alphanest token --sub ID …`. */
  command?: string;
  /** Set when the entry is a row of the secrets store's table. */
  secret?: StoredSecret;
}

const ROW = /^\s*\|(.*)\|\s*$/;
const SEPARATOR = /^\s*\|?\s*:?-{3,}/;
/** A first cell that is only variable names: `` `CACHE_URL` ``, `` `PORT` / `HOST` ``, `` `STREAM_*` ``. */
const VARIABLES_CELL = /^`[A-Z][A-Z0-9_*]*`(\s*[/,]\s*`[A-Z][A-Z0-9_*]*`)*$/;
/** A first cell naming a store path, and maybe another name for it: `` `openai` ``, `` `database` (`supabase`) ``. */
const PATH_CELL = /^`([a-z][a-z0-9_/-]*)`/;

function cellsOf(line: string): string[] | undefined {
  return ROW.exec(line)?.[1]
    ?.split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

function settingOf(cells: string[]): Setting | undefined {
  const [first = '', defaultValue = '', ...meaning] = cells;
  if (cells.length < 3 || !VARIABLES_CELL.test(first)) return undefined;
  return { variables: codeSpans(first), defaultValue, meaning: meaning.join('; ') };
}

/** A row under a `| command | does |` header: the docs' command tables are all of the `alphanest` command line. */
function commandOf(cells: string[], header: string[]): string | undefined {
  if (header[0]?.toLowerCase() !== 'command') return undefined;
  const [first] = codeSpans(cells[0] ?? '');
  // A table cell escapes the pipes of alternatives ("user\|agent").
  return first ? `alphanest ${first.replaceAll('\\|', '|')}` : undefined;
}

/** A row under a `| path | fields | … |` header. */
function secretOf(cells: string[], header: string[]): StoredSecret | undefined {
  if (header[0]?.toLowerCase() !== 'path' || header[1]?.toLowerCase() !== 'fields') return undefined;
  const path = PATH_CELL.exec(cells[0] ?? '')?.[1];
  return path ? { path, fields: codeSpans(cells[1] ?? '').map((field) => field.replace(/\?$/, '')) } : undefined;
}

/** Each section, then each body row of its tables (not header or separator lines), with its section's trail for context (a chat setting's row is about the chat). */
export function docEntries(sections: DocSection[]): DocEntry[] {
  return sections.flatMap((section) => {
    const lines = section.text.split('\n');
    let header: string[] = [];
    const rows = lines.flatMap((line, i): DocEntry[] => {
      const cells = cellsOf(line);
      if (!cells || SEPARATOR.test(line)) return [];
      if (SEPARATOR.test(lines[i + 1] ?? '')) {
        header = cells;
        return [];
      }
      const setting = settingOf(cells);
      const secret = secretOf(cells, header);
      const command = commandOf(cells, header);
      // CACHE_URL is searched as itself and as "cache url", twice: the name is the row's title.
      const names = setting?.variables.map((name) => name.replaceAll('_', ' ')).join(' ') ?? '';
      return [
        {
          section,
          kind: 'row',
          text: `${section.trail} ${names} ${names} ${cells.join(' ')}`,
          ...(setting && { setting }),
          ...(secret && { secret }),
          ...(command && { command }),
        },
      ];
    });
    return [{ section, kind: 'section', text: `${section.trail} ${section.trail} ${section.text}` }, ...rows];
  });
}
