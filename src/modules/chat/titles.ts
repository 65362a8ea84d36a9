import { truncateAtWord } from '../../core/truncate.ts';

const MAX = 60;

/** A conversation's title, from its first message: one line, at most 60 characters, cut at a word. */
export function titleFor(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return truncateAtWord(line.charAt(0).toUpperCase() + line.slice(1), MAX);
}
