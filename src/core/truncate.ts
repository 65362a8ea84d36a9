/** What a cut leaves dangling before the ellipsis: spaces, a comma or stop, a hyphen or dash. */
const DANGLING = /[\s,.;:!?\-–—]+$/;
const WHITESPACE = /\s/;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * The text's first `maxLength` UTF-16 code units, or one fewer when the cut
 * would split a surrogate pair (an emoji): half a pair is not Unicode, so
 * jsonb refuses it and a text column gets U+FFFD in its place.
 */
export function truncateAtCodePoint(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return text.slice(0, isHighSurrogate(text.charCodeAt(maxLength - 1)) ? maxLength - 1 : maxLength);
}

/**
 * The text, or when it is longer than `maxLength` its longest prefix that
 * ends at a word, with "…" appended: at most `maxLength` characters in all.
 * When the last word break falls in the first half, the cut goes inside the
 * word instead (never inside a surrogate pair), so one long word (a URL, an
 * address) never leaves a stub.
 */
export function truncateAtWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const room = maxLength - 1;
  // Whitespace right after the room still counts: the word before it is whole.
  let space = room;
  while (space >= 0 && !WHITESPACE.test(text.charAt(space))) space--;
  const cut = space >= room / 2 ? text.slice(0, space) : truncateAtCodePoint(text, room);
  return `${cut.replace(DANGLING, '')}…`;
}
