import { HEADLINE_ACCOUNTS, NEWSROOMS, SECURITY_ALERTS, TRACKERS, WIRES, type Publisher } from './publishers.ts';
import type { Random } from './random.ts';
import type { Draft, Post } from './story.ts';

/**
 * Another outlet's take on a strong story, published minutes to hours later:
 * the same facts re-headlined and lightly reworded, as syndication,
 * aggregators and fast follow-ups do. These are the near-duplicates a feed
 * must fold into one item.
 */

/** Wording other outlets change: plain words only (names and figures are what tell stories apart, and they stay). */
const SWAPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bsaid\b/, 'stated'],
  [/\bwill\b/, 'is set to'],
  [/\brose\b/, 'climbed'],
  [/\bfell\b/, 'dropped'],
  [/\babout\b/, 'roughly'],
  [/\bafter\b/, 'following'],
  [/\bstarting\b/, 'beginning'],
];

export const firstSentence = (text: string) => text.trim().match(/^.+?[.!?](?=\s|$)/)?.[0] ?? text.trim();

/** Who repeats a story first published by `original`, other than those who already did. */
export function echoPublisher(r: Random, original: Publisher, taken: readonly Publisher[] = []): Publisher {
  const pool =
    original.kind === 'onchain'
      ? [...SECURITY_ALERTS, ...TRACKERS]
      : r.chance(0.2)
        ? HEADLINE_ACCOUNTS
        : [...NEWSROOMS, ...WIRES];
  return r.pick(pool.filter((p) => p.name !== original.name && !taken.some((t) => t.name === p.name)));
}

export function retell(r: Random, { post, headline }: Draft, by: Publisher): Post {
  let text = post.text;
  for (const [pattern, replacement] of r.shuffle(SWAPS).slice(0, r.int(0, 1)))
    text = text.replace(pattern, replacement);
  if (by.kind === 'onchain') return { publisher: by, text: `${r.pick(['', '🚨 ', 'Alert: '])}${text}` };
  if (by.kind === 'twitter') {
    const title = headline ?? post.title;
    return {
      publisher: by,
      text: `${r.pick(['JUST IN: ', 'BREAKING: ', '', '🚨 '])}${title ? `${title.replace(/[.!]$/, '')}. ` : ''}${text}`,
    };
  }
  const title = headline ?? post.title ?? firstSentence(post.text).replace(/[.!]$/, '');
  if (r.chance(0.3)) text = `${text} ${r.pick(['(Updated with details.)', 'More to follow.'])}`;
  return { publisher: by, title: `${r.pick(['', '', '', 'Breaking: '])}${title}`, text };
}
