import type { DocSection } from './docSections.ts';

/** A command of the platform to run: `npm run cluster`, `alphanest serve gateway`. */
const COMMAND = /^(npm run [\w:-]+|alphanest [a-z][\w-]*( [a-z][\w-]*)?)/;
/** A file or folder of the repository, at least two names deep: `deploy/nginx/`, `docs/deployment.md` (not `/api/`, not a URL). */
const REPO_PATH = /^[A-Za-z_.][\w.-]*\/[\w.-]+[\w./-]*$/;
const FENCE = /^\s*(```|~~~)/;

const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The lines of a section's code blocks, and every word of them and code span of its prose in document order. */
function partsOf(text: string): { fenced: string[]; words: string[] } {
  const fenced: string[] = [];
  const words: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    else if (inFence) {
      const command = line.replace(/#.*$/, '').trim();
      fenced.push(command);
      words.push(...command.split(/\s+/));
    } else words.push(...codeSpans(line));
  }
  return { fenced, words };
}

/**
 * What a section tells someone to run or open, to lead an answer with: the
 * command its heading names, else the first command of its code blocks,
 * else the first repository path or command it names (a section opens with
 * its subject: "`deploy/nginx/` is the configuration…").
 */
export function leadingFact({ heading, text }: DocSection): string | undefined {
  const { fenced, words } = partsOf(text);
  const command = (line: string) => COMMAND.exec(line)?.[0];
  return (
    codeSpans(heading).map(command).find(Boolean) ??
    fenced.map(command).find(Boolean) ??
    words.find((word) => command(word) === word || REPO_PATH.test(word))
  );
}
