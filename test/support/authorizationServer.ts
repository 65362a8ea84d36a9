import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';

/** Each request of the flow; the server is on this machine, so only a hang takes this long. */
const STEP_TIMEOUT_MS = 10_000;

/**
 * A real OAuth 2.1 / OpenID Connect authorization server for tests: `oidc-provider` (the certified library)
 * on a loopback port, with dynamic client registration, PKCE and resource indicators (RFC 8707), issuing
 * JWT access tokens for the resources `resources` lists. Its development login page accepts any user.
 */
export async function startAuthorizationServer(resources: Record<string, string>) {
  const key = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(key.privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let provider: Provider | undefined;
  const server = createServer((req, res) => provider!.callback()(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    jwks: { keys: [jwk] },
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => Object.keys(resources)[0]!,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          const scope = resources[indicator];
          if (!scope) throw new errors.InvalidTarget();
          return {
            scope,
            audience: indicator,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    pkce: { required: () => true },
    clientDefaults: {
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  });

  return {
    issuer,
    /**
     * The authorization code flow a public MCP client runs: register itself, authorize with PKCE for
     * `resource` and `scope` (logging in as `user` and consenting on the dev pages), exchange the code.
     */
    async accessToken(resource: string, scope: string, user = 'alice'): Promise<string> {
      const redirect = 'http://127.0.0.1/callback';
      const registered = (await (
        await fetch(`${issuer}/reg`, {
          signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ redirect_uris: [redirect], client_name: 'mcp-test-client' }),
        })
      ).json()) as { client_id: string };
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const cookies = new Map<string, string>();
      const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
        const response = await fetch(url, {
          ...init,
          signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
          redirect: 'manual',
          headers: {
            ...(init.headers as Record<string, string>),
            cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          },
        });
        for (const line of response.headers.getSetCookie()) {
          const pair = line.split(';')[0]!;
          const at = pair.indexOf('=');
          cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
        return response;
      };
      const form = (fields: Record<string, string>) => ({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      const authorize = new URL(`${issuer}/auth`);
      for (const [name, value] of Object.entries({
        client_id: registered.client_id,
        response_type: 'code',
        redirect_uri: redirect,
        scope,
        resource,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state: randomBytes(8).toString('hex'),
      }))
        authorize.searchParams.set(name, value);
      // Follow the redirects by hand: login, then consent, until the client's redirect URI gets the code.
      let response = await go(authorize.href);
      for (let step = 0; step < 10; step++) {
        const location = response.headers.get('location');
        if (!location) throw new Error(`authorization stopped at ${response.status}: ${await response.text()}`);
        const next = new URL(location, issuer);
        if (next.href.startsWith(redirect)) {
          const code = next.searchParams.get('code');
          if (!code) throw new Error(`authorization refused: ${next.search}`);
          const token = (await (
            await fetch(`${issuer}/token`, {
              signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
              ...form({
                grant_type: 'authorization_code',
                code,
                redirect_uri: redirect,
                code_verifier: verifier,
                client_id: registered.client_id,
                resource,
              }),
            })
          ).json()) as { access_token?: string };
          if (!token.access_token) throw new Error(`token refused: ${JSON.stringify(token)}`);
          return token.access_token;
        }
        const interaction = /^\/interaction\/([^/]+)$/.exec(next.pathname);
        if (interaction) {
          const page = await (await go(next.href)).text();
          const prompt = page.includes('name="password"') ? 'login' : 'consent';
          response = await go(
            next.href,
            form(prompt === 'login' ? { prompt, login: user, password: 'x' } : { prompt }),
          );
        } else response = await go(next.href);
      }
      throw new Error('authorization did not finish');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
