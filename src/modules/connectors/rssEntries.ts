import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SkippedEntry } from './types.ts';
import { describeIssue } from './entries.ts';
import { htmlToText } from './htmlText.ts';

/** One feed entry, whatever the dialect it came in. */
export interface FeedEntry {
  id: string;
  title: string;
  text: string;
  link: string | null;
  author: string | null;
  publishedAt: number;
}

// fast-xml-parser gives a string for plain text and {'#text', '@_attr'} when there are attributes.
const textNode = z.union([
  z.string(),
  z.number().transform(String),
  z.object({ '#text': z.union([z.string(), z.number().transform(String)]) }).transform((n) => n['#text']),
]);
const optionalText = textNode.optional();
/** Decoration an entry can do without: unreadable means absent, not a malformed entry. */
const lenient = textNode.optional().catch(undefined);
const date = textNode.transform((v, ctx) => {
  const at = Date.parse(v.trim());
  if (Number.isNaN(at)) {
    ctx.addIssue({ code: 'custom', message: `not a date: ${v.slice(0, 40)}` });
    return z.NEVER;
  }
  return at;
});

const rssItem = z.object({
  title: textNode,
  link: z.array(textNode).optional(),
  guid: optionalText,
  pubDate: date.optional(),
  'dc:date': date.optional(),
  description: lenient,
  'content:encoded': lenient,
  'dc:creator': lenient,
  author: lenient,
});

const atomEntry = z.object({
  id: textNode,
  title: textNode,
  link: z.array(z.object({ '@_href': z.string(), '@_rel': z.string().optional() })).optional(),
  published: date.optional(),
  updated: date.optional(),
  summary: lenient,
  content: lenient,
  // Several authors come as an array; the first one names the entry.
  author: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.object({ name: textNode }).optional()).catch(undefined),
});

/** Guids can be long URLs; external ids stay short and stable. */
const shortId = (id: string) => (id.length <= 180 ? id : createHash('sha256').update(id).digest('base64url'));

function fromRss(item: z.infer<typeof rssItem>): Omit<FeedEntry, 'publishedAt'> & { publishedAt?: number } {
  const link = item.link?.[0]?.trim() ?? null;
  const body = item['content:encoded'] ?? item.description ?? '';
  return {
    id: shortId((item.guid ?? link ?? item.title).trim()),
    title: htmlToText(item.title),
    text: htmlToText(body) || htmlToText(item.title),
    link,
    author: item['dc:creator'] ?? item.author ?? null,
    publishedAt: item.pubDate ?? item['dc:date'],
  };
}

function fromAtom(entry: z.infer<typeof atomEntry>): Omit<FeedEntry, 'publishedAt'> & { publishedAt?: number } {
  const link = entry.link?.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate')?.['@_href'] ?? null;
  return {
    id: shortId(entry.id.trim()),
    title: htmlToText(entry.title),
    text: htmlToText(entry.content ?? entry.summary ?? '') || htmlToText(entry.title),
    link,
    author: entry.author?.name ?? null,
    publishedAt: entry.published ?? entry.updated,
  };
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
type Node = Record<string, unknown> | undefined;

/** The channel (or feed) element and its entries, whichever dialect the document speaks. */
function locate(document: Record<string, unknown>): { dialect: 'rss' | 'atom'; channel: Node; items: unknown[] } {
  const rss = document.rss as Node;
  if (rss) return { dialect: 'rss', channel: rss.channel as Node, items: asArray((rss.channel as Node)?.item) };
  const rdf = document['rdf:RDF'] as Node;
  if (rdf) return { dialect: 'rss', channel: rdf.channel as Node, items: asArray(rdf.item) };
  const feed = document.feed as Node;
  if (feed) return { dialect: 'atom', channel: feed, items: asArray(feed.entry) };
  throw new Error('not an RSS or Atom document');
}

/** The entries of a parsed RSS 2.0, RSS 1.0 or Atom document; anything else is not a feed. */
export function feedEntries(
  document: Record<string, unknown>,
  url: string,
): { title: string; entries: FeedEntry[]; skipped: SkippedEntry[] } {
  const { dialect, channel, items } = locate(document);
  const titleNode = textNode.safeParse(channel?.title);
  const title = (titleNode.success && htmlToText(titleNode.data)) || new URL(url).host;

  const entries: FeedEntry[] = [];
  const skipped: SkippedEntry[] = [];
  for (const [index, raw] of items.entries()) {
    const label = `${url} entry #${index}`;
    const parsed = dialect === 'rss' ? rssItem.safeParse(raw) : atomEntry.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ entry: label, reason: describeIssue(parsed.error) });
      continue;
    }
    const entry =
      dialect === 'rss'
        ? fromRss(parsed.data as z.infer<typeof rssItem>)
        : fromAtom(parsed.data as z.infer<typeof atomEntry>);
    // Without a date the entry cannot be placed against the cursor: taking it could repeat it forever.
    if (entry.publishedAt === undefined) {
      skipped.push({ entry: `${label} (${entry.id})`, reason: 'no publication date' });
      continue;
    }
    entries.push({ ...entry, publishedAt: entry.publishedAt });
  }
  return { title, entries, skipped };
}
