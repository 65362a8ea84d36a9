import { z } from 'zod';

/**
 * An absolute http(s) URL: the only kind a reader may be sent to. Readers render source links
 * as `<a href>`, where `javascript:` or `data:` would run in their browser.
 */
export const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
