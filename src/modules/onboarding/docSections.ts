import { readdir, readFile } from 'node:fs/promises';

/** One heading of a Markdown file and the text under it, up to the next heading. */
export interface DocSection {
  /** Path from the repository root, e.g. `docs/agents.md`. */
  source: string;
  heading: string;
  /** The headings above it, outermost first, e.g. `AlphaNest › Quick start`. */
  trail: string;
  text: string;
}

const HEADING = /^(#{1,4})\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

/** Splits Markdown at its headings (not at `#` lines inside code fences); text before the first heading is dropped. */
export function splitSections(source: string, markdown: string): DocSection[] {
  const sections: DocSection[] = [];
  const open: string[] = [];
  let current: { heading: string; trail: string; lines: string[] } | undefined;
  let fenced = false;
  const flush = () => {
    const text = current?.lines.join('\n').trim();
    if (current && text) sections.push({ source, heading: current.heading, trail: current.trail, text });
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (FENCE.test(line)) fenced = !fenced;
    const heading = fenced ? null : HEADING.exec(line);
    if (!heading) {
      current?.lines.push(line);
      continue;
    }
    flush();
    const level = heading[1]!.length;
    open.length = level - 1;
    open[level - 1] = heading[2]!;
    current = { heading: heading[2]!, trail: open.filter(Boolean).join(' › '), lines: [] };
  }
  flush();
  return sections;
}

/** The README and every Markdown file in docs/ under `root`, as sections. */
export async function loadDocSections(root: URL): Promise<DocSection[]> {
  const docs = (await readdir(new URL('docs/', root)).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.md'))
    .sort();
  const files = ['README.md', ...docs.map((f) => `docs/${f}`)];
  const contents = await Promise.all(files.map((file) => readFile(new URL(file, root), 'utf8').catch(() => '')));
  return files.flatMap((file, i) => splitSections(file, contents[i]!));
}
