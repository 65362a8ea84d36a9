import { z } from 'zod';

const message = 'must be an http(s) URL';

/**
 * An absolute http(s) URL: the only kind a reader may be sent to. Readers render source links
 * as `<a href>`, where `javascript:` or `data:` would run in their browser.
 */
export const httpUrlSchema = z.url({ protocol: /^https?$/, error: message });

/** `link` resolved against the document it came from, or null when it is not an http(s) URL. */
export function httpLink(link: string | null, base: string): string | null {
  if (link === null) return null;
  const url = URL.parse(link, base);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
}
