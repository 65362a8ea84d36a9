import { startLocalServer, type LocalServer } from './localServer.ts';

/**
 * News sites' feeds as they publish them: RSS 2.0 in the WordPress/CoinDesk
 * style (CDATA, dc:creator, content:encoded, media tags, RFC 822 dates) and
 * Atom. Tests edit the documents between polls to simulate new stories.
 */

export interface FeedStory {
  guid: string;
  title: string;
  link: string;
  html: string;
  author?: string;
  /** A Date, or the raw string the feed should carry (to write a broken one). */
  published?: Date | string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const rfc822 = (d: Date | string) => (typeof d === 'string' ? d : d.toUTCString().replace('GMT', '+0000'));

export function rssDocument(title: string, stories: FeedStory[]): string {
  const items = stories
    .map(
      (s) => `    <item>
      <title><![CDATA[${s.title}]]></title>
      <link>${escapeXml(s.link)}</link>
      <guid isPermaLink="false">${escapeXml(s.guid)}</guid>
      ${s.author ? `<dc:creator><![CDATA[${s.author}]]></dc:creator>` : ''}
      ${s.published === undefined ? '' : `<pubDate>${rfc822(s.published)}</pubDate>`}
      <category><![CDATA[Markets]]></category>
      <category><![CDATA[Bitcoin]]></category>
      <description><![CDATA[${s.html.replace(/<[^>]+>/g, '').slice(0, 120)}]]></description>
      <content:encoded><![CDATA[${s.html}]]></content:encoded>
      <media:content medium="image" url="https://cdn.example.com/${encodeURIComponent(s.guid)}.jpg" width="1200" height="600"/>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>${escapeXml(title)}</title>
    <atom:link href="https://www.example-news.com/arc/outboundfeeds/rss/" rel="self" type="application/rss+xml"/>
    <link>https://www.example-news.com</link>
    <description>${escapeXml(title)}: the latest crypto news</description>
    <lastBuildDate>Thu, 01 Jan 2026 12:00:00 +0000</lastBuildDate>
    <language>en</language>
    <sy:updatePeriod xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">hourly</sy:updatePeriod>
${items}
  </channel>
</rss>`;
}

export function atomDocument(title: string, stories: FeedStory[]): string {
  const entries = stories
    .map(
      (s) => `  <entry>
    <id>${escapeXml(s.guid)}</id>
    <title type="html">${escapeXml(s.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(s.link)}"/>
    <link rel="replies" type="text/html" href="${escapeXml(s.link)}#comments"/>
    ${s.published === undefined ? '' : `<published>${typeof s.published === 'string' ? s.published : s.published.toISOString()}</published>`}
    <updated>${typeof s.published === 'object' ? s.published.toISOString() : '2026-01-01T00:00:00Z'}</updated>
    ${s.author ? `<author><name>${escapeXml(s.author)}</name><uri>https://example.org/${escapeXml(s.author)}</uri></author>` : ''}
    <summary type="html">${escapeXml(s.html)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>${escapeXml(title)}</title>
  <subtitle>Security incidents and post-mortems</subtitle>
  <link href="https://security.example.org/" rel="alternate"/>
  <link href="https://security.example.org/atom.xml" rel="self"/>
  <id>https://security.example.org/</id>
  <updated>2026-01-01T00:00:00Z</updated>
${entries}
</feed>`;
}

export interface FakeFeeds extends LocalServer {
  /** Serves `body` as XML at `path` (e.g. '/rss.xml'). */
  set(path: string, body: string): void;
}

export async function startFakeFeeds(): Promise<FakeFeeds> {
  const documents = new Map<string, string>();
  const server = await startLocalServer(({ path }) => {
    const body = documents.get(path);
    return body === undefined
      ? { status: 404, body: '<html><body>Not Found</body></html>', headers: { 'content-type': 'text/html' } }
      : { status: 200, body, headers: { 'content-type': 'application/rss+xml; charset=UTF-8' } };
  });
  return { ...server, set: (path, body) => void documents.set(path, body) };
}
