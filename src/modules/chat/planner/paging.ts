import { type IntentContext, prior } from './intent.ts';

/** More of what was just asked ("more", "show me more", "next page"): the same request again, or its next page. */
export const ASKS_FOR_MORE =
  /^\s*(more|(show|give|get) (me )?more|next( page)?|load more)\b[\s\w]{0,12}[.!?]*$|^\s*(keep going|keep scrolling|scroll (on|down)|continue|carry on|go on)\b/i;

/**
 * The line closing a listing with more to show: what to say for the rest, and the tool's cursor for
 * the page after it. The conversation keeps answers, not tool results, so the cursor is written
 * where the next message can read it (`cursorIn`); an API or MCP client can pass it on as well.
 */
export const moreLine = (cursor: string) => `More match: say "more" for the next page (cursor \`${cursor}\`).`;

const MORE_LINE = /^More match: say "more" for the next page \(cursor `([\w-]{1,200})`\)\.$/gm;

/** The cursor an answer's `moreLine` gives (the last one), or null: the answer showed all there was. */
export function cursorIn(reply: string): string | null {
  return [...reply.matchAll(MORE_LINE)].at(-1)?.[1] ?? null;
}

const ALL_SHOWN = 'That was all: the answer above lists every item that matched.';

/**
 * Where a request for more starts: the cursor the last answer closed with; all shown when it closed
 * with none; nothing to add when the words ask for no more or the last answer is not known (the
 * request is made again as it was).
 */
export function nextPage(text: string, context: IntentContext): { cursor?: string } | { ask: string } {
  if (!ASKS_FOR_MORE.test(text)) return {};
  const cursor = prior(
    context,
    'cursor',
    (value): value is string | null => typeof value === 'string' || value === null,
  );
  if (cursor === null) return { ask: ALL_SHOWN };
  return cursor === undefined ? {} : { cursor };
}
