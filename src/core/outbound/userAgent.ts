import packageJson from '../../../package.json' with { type: 'json' };

/** What every outgoing request calls itself, so the services it reaches can tell the platform apart. */
export const USER_AGENT = `AlphaNest/${packageJson.version} (+https://github.com/alphanest)`;

/** The headers with our User-Agent first; an SDK's own product tokens, when it sets any, follow it. */
export function withUserAgent(init?: RequestInit['headers']): Headers {
  const headers = new Headers(init);
  const theirs = headers.get('user-agent');
  headers.set('user-agent', theirs ? `${USER_AGENT} ${theirs}` : USER_AGENT);
  return headers;
}
