const MAX = 60;

/** A conversation's title, from its first message: one line, at most 60 characters, cut at a word. */
export function titleFor(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  const capitalised = line.charAt(0).toUpperCase() + line.slice(1);
  if (capitalised.length <= MAX) return capitalised;
  const cut = capitalised.slice(0, MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}
