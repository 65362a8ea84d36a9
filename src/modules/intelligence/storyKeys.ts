import { createHash } from 'node:crypto';
import type { IngestItem, MergedSource } from './schemas.ts';
import type { NewIntelligenceRow } from './table.ts';

/**
 * The keys a delivered post is known by. Any one of them held by a stored item makes the post that
 * item's story, whichever agent delivered it: its dedupe key (the same external id from the same
 * agent, or without one the same content from the same source), the same source URL, or the same
 * external id from the same source. An item's own dedupe key is on the item; every other key it
 * holds (those of the deliveries and sources that joined it) is recorded in intelligence_story_keys.
 * (Migration 0005 derives the same keys in SQL for items stored before them: keep the two in step.)
 */

/** A URL naming a site, not a post (`https://coindesk.com/`), says nothing about which story it is. */
const SITE_URL = /^[^:]+:\/\/[^/?#]*\/?$/;

type Post = Pick<NewIntelligenceRow, 'type' | 'title' | 'content' | 'sourceName' | 'sourceUrl'>;

const contentKey = (post: Post) =>
  `hash:${createHash('sha256')
    .update([post.type, post.sourceName, post.sourceUrl ?? '', post.title, post.content ?? ''].join('\u0000'))
    .digest('base64url')}`;

const urlKey = (url: string | null | undefined) => (url && !SITE_URL.test(url) ? `url:${url}` : null);

/**
 * Idempotency key of one delivery: a client-supplied external id is unique per agent; without one,
 * the same content from the same source is the same item.
 */
export const dedupeKey = (item: IngestItem) =>
  item.external_id
    ? `ext:${item.agent_id}:${item.external_id}`
    : contentKey({
        type: item.type,
        title: item.title,
        content: item.content,
        sourceName: item.source.name,
        sourceUrl: item.source.url,
      });

/** The keys of one delivery, as a row to store; its dedupe key first. */
export function storyKeys(row: NewIntelligenceRow): string[] {
  const keys = [
    row.dedupeKey,
    urlKey(row.sourceUrl),
    row.externalId ? `src:${row.sourceName}:${row.externalId}` : null,
  ];
  return [...new Set(keys.filter((key) => key !== null))];
}

/** Every key an item stored whole (seeded) holds: its own delivery's, and those of the sources folded into it. */
export function foldedStoryKeys(row: NewIntelligenceRow): string[] {
  const sources: MergedSource[] = row.sources ?? [];
  return [
    ...new Set([
      ...storyKeys(row),
      ...sources.flatMap((source) => [source.key, urlKey(source.url)].filter((key) => key !== null)),
    ]),
  ];
}
